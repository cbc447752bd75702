package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sla-service, a real process, is killed with SIGKILL in the middle of re-targeting the running clocks of a calendar
 * that changed, and started again: every clock is re-targeted once, none twice (after dropping re-sent records by
 * their id), and the work finishes. The slices are small (20 tickets) so the kill lands in the middle.
 */
class CalendarChangeCrashSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int TICKETS = 1500;
    private static ServiceProcess sla;

    @BeforeAll
    static void start() throws Exception {
        Path policies = Files.createTempDirectory("sla-policies");
        // one clock per ticket, weeks long, on the tiered Americas calendar (no other system test counts on it)
        Files.writeString(policies.resolve("weeks.json"), """
                {"id": "weeks", "name": "Test contract: 400 business hours on the tiered calendar of the region",
                 "objectivePercent": 90, "warningPercents": [],
                 "targets": [{"calendar": "tiered-{region}", "response": "PT400H"}]}
                """);
        Map<String, String> env = new HashMap<>(Map.of(
                "SUPPORT_DB_URL", RealInfrastructure.jdbcUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers(),
                "SUPPORT_SLA_POLICY_DIR", policies.toString(),
                "SUPPORT_SLA_POLICIES", "standard,weeks",
                "SUPPORT_SLA_RECALCULATION_SLICE", "20"));
        sla = new ServiceProcess(
                Path.of(System.getProperty("sla-service.app")),
                Http.freePort(),
                env,
                Files.createTempFile("sla-service-", ".log"));
        sla.start();
        sla.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (producer != null) {
            producer.close();
        }
        if (sla != null) {
            sla.stop();
        }
    }

    @Test
    void aReTargetingCutByACrashFinishesAfterTheRestartWithEveryClockMovedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String account = "recalc-crash-" + run;
        send(
                Topics.ACCOUNT_EVENTS,
                account,
                null,
                account,
                new AccountRegistered(
                        account,
                        new AccountProfile(
                                "Crash test",
                                "AMERICAS",
                                SupportLanguage.EN,
                                "weeks",
                                new Contact("ann", "Ann", "ann@example.com", null),
                                new Contact("bob", "Bob", "bob@example.com", null),
                                new Contact("sam", "Sam", "sam@example.com", null),
                                List.of(),
                                List.of(),
                                false),
                        "admin",
                        Instant.now()));
        awaitStatus("/api/sla/accounts/" + account, 200);
        String prefix = "rc-" + run + "-";
        for (int i = 0; i < TICKETS; i++) {
            String id = prefix + i;
            send(
                    Topics.TICKET_EVENTS,
                    id,
                    0L,
                    account,
                    new TicketOpened(
                            id,
                            account,
                            "RC-" + i,
                            TicketKind.INCIDENT,
                            Severity.SEV3,
                            Impact.STANDARD,
                            null,
                            false,
                            SupportLevel.L1,
                            "crash",
                            "re-targeting",
                            null,
                            null,
                            "ann",
                            Instant.now()));
        }
        TopicReader.await(
                Topics.SLA_EVENTS,
                r -> r.key() != null && r.key().startsWith(prefix),
                l -> l.size() >= 2 * TICKETS,
                Duration.ofSeconds(120));

        // a holiday on the third business day from now in Houston, not one already
        HttpResponse<String> read = call("GET", "/api/sla/calendars/tiered-americas/definition", null, null);
        ObjectNode definition = (ObjectNode) JSON.readTree(read.body()).get("calendar");
        Set<String> closed = new HashSet<>();
        definition.path("holidays").forEach(h -> closed.add(h.path("on").asText()));
        LocalDate day = LocalDate.now(ZoneId.of("America/Chicago"));
        for (int business = 0; business < 3; ) {
            day = day.plusDays(1);
            boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
            if (weekday && !closed.contains(day.toString())) {
                business++;
            }
        }
        definition
                .withArray("holidays")
                .addObject()
                .put("name", "Crash test " + run)
                .put("on", day.toString());
        HttpResponse<String> put = call(
                "PUT",
                "/api/sla/calendars/tiered-americas",
                JSON.writeValueAsString(definition),
                read.headers().firstValue("ETag").orElseThrow());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        int version = JSON.readTree(put.body()).path("version").asInt();

        // kill it once the re-targeting is under way, before it is done
        JsonNode progress = null;
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            progress = latest(version);
            if (progress != null && progress.path("clocksMoved").asInt() >= 100) {
                break;
            }
            Thread.sleep(20); // polling another process
        }
        sla.kill();
        assertThat(progress).isNotNull();
        assertThat(progress.path("finishedAt").isNull())
                .as("killed before the re-targeting finished: %s", progress)
                .isTrue();
        sla.start();
        sla.awaitReady(Duration.ofSeconds(90));

        until = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(until)
                && ((progress = latest(version)) == null
                        || progress.path("finishedAt").isNull())) {
            Thread.sleep(100); // polling another process
        }
        assertThat(progress.path("finishedAt").isNull())
                .as("finished after the restart: %s", progress)
                .isFalse();

        List<ConsumerRecord<String, byte[]>> moved = TopicReader.await(
                Topics.SLA_EVENTS,
                r -> r.key() != null
                        && r.key().startsWith(prefix)
                        && "support.sla.clock-retargeted.v1".equals(TopicReader.header(r, "ce_type")),
                l -> distinctIds(l).size() >= TICKETS,
                Duration.ofSeconds(60));
        // a record re-sent after the crash carries the id it had; consumers drop it by ce_id
        Map<String, ConsumerRecord<String, byte[]>> byId = distinctIds(moved);
        Map<String, Integer> perTicket = new HashMap<>();
        byId.values().forEach(r -> perTicket.merge(r.key(), 1, Integer::sum));
        assertThat(perTicket).hasSize(TICKETS);
        assertThat(perTicket.values()).as("one re-targeting per clock").containsOnly(1);
        assertThat(byId.values())
                .allSatisfy(r -> assertThat(TopicReader.body(r))
                        .contains("\"reason\":\"CALENDAR_CHANGED\"")
                        .contains("\"calendarVersion\":" + version));
    }

    private static Map<String, ConsumerRecord<String, byte[]>> distinctIds(List<ConsumerRecord<String, byte[]>> l) {
        Map<String, ConsumerRecord<String, byte[]>> byId = new java.util.LinkedHashMap<>();
        l.forEach(r -> byId.putIfAbsent(TopicReader.header(r, "ce_id"), r));
        return byId;
    }

    /** The re-targeting of the calendar's version {@code version}, as sla-service reports it (null if none yet). */
    private static JsonNode latest(int version) throws Exception {
        HttpResponse<String> r = call("GET", "/api/sla/calendars/tiered-americas/recalculations", null, null);
        if (r.statusCode() != 200) {
            return null;
        }
        for (JsonNode n : JSON.readTree(r.body())) {
            if (n.path("version").asInt() == version) {
                return n;
            }
        }
        return null;
    }

    private static HttpResponse<String> call(String method, String path, String json, String ifMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + sla.port() + path))
                .header("Authorization", Http.STAFF)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitStatus(String path, int status) throws Exception {
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)) {
            if (Http.status(sla.port(), path) == status) {
                return;
            }
            Thread.sleep(100); // polling another process
        }
        throw new AssertionError(path + " never answered " + status);
    }

    private static org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer;

    /** Sends as ticket-service's relay would (one producer for the whole test: the openings are many). */
    private static void send(String topic, String key, Long sequence, String account, Object event) {
        if (producer == null) {
            producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                    Map.of(
                            org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            RealInfrastructure.bootstrapServers(),
                            org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
        }
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "system-test",
                key,
                Instant.now(),
                sequence,
                account,
                event);
        var record = new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, CloudEventCodec.body(event));
        CloudEventCodec.headers(envelope)
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + topic, e);
        }
    }
}
