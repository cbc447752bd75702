package com.supportdesk.system;

import static com.supportdesk.testinfra.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path on real processes: tickets are opened through ticket-service, sla-service arms their clocks, and
 * sla-service is killed with SIGKILL between arming and firing; one more ticket is opened while it is down. After a
 * restart, every warning and breach fires exactly once, carrying the instant it was due. The account's contract is
 * a test policy of seconds on the 24/7 calendar, so real time can be used without waiting for business hours.
 * escalation-service runs too: each breach of these priority tickets comes back as an escalation to the strategic
 * account manager in the ticket's own history.
 */
class SlaServiceCrashSystemTest {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ServiceProcess tickets;
    private static ServiceProcess sla;
    private static ServiceProcess escalation;
    private static int ticketPort;

    @BeforeAll
    static void start() throws Exception {
        Path policies = Http.secondsPolicy();
        Map<String, String> infra = Map.of(
                "SUPPORT_DB_URL", RealInfrastructure.jdbcUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers());
        ticketPort = Http.freePort();
        tickets = new ServiceProcess(
                Path.of(System.getProperty("ticket-service.app")),
                ticketPort,
                infra,
                Files.createTempFile("ticket-service-", ".log"));
        Map<String, String> slaEnv = new java.util.HashMap<>(infra);
        slaEnv.put("SUPPORT_SLA_POLICY_DIR", policies.toString());
        slaEnv.put("SUPPORT_SLA_POLICIES", "standard,seconds");
        sla = new ServiceProcess(
                Path.of(System.getProperty("sla-service.app")),
                Http.freePort(),
                slaEnv,
                Files.createTempFile("sla-service-", ".log"));
        escalation = new ServiceProcess(
                Path.of(System.getProperty("escalation-service.app")),
                Http.freePort(),
                infra,
                Files.createTempFile("escalation-service-", ".log"));
        tickets.start();
        sla.start();
        escalation.start();
        tickets.awaitReady(Duration.ofSeconds(90));
        sla.awaitReady(Duration.ofSeconds(90));
        escalation.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        ServiceProcess.stopAll(java.util.Arrays.asList(tickets, sla, escalation));
    }

    @Test
    void timersArmedBeforeACrashFireOnceAfterTheRestart() throws Exception {
        String account = "sla-crash-" + UUID.randomUUID();
        Http.post(ticketPort, "/api/accounts", """
                {"accountId": "%s", "profile": {"name": "Crash test", "region": "EUROPE", "language": "EN",
                 "supportPlan": "seconds",
                 "primaryContact": {"userId": "ann", "name": "Ann", "email": "ann@example.com"},
                 "backupContact": {"userId": "bob", "name": "Bob", "email": "bob@example.com"},
                 "strategicAccountManager": {"userId": "sam", "name": "Sam", "email": "sam@example.com"}}}
                """.formatted(account));
        // the account reaches sla-service on its own topic: wait until it is known there
        awaitAccountKnown(account);

        String first = open(account);
        List<ConsumerRecord<String, byte[]>> armed = TopicReader.await(
                Topics.SLA_EVENTS, r -> first.equals(r.key()), l -> l.size() >= 2, Duration.ofSeconds(30));
        assertThat(armed).extracting(r -> header(r, "ce_type")).containsOnly("support.sla.clock-started.v1");

        sla.kill();
        String second = open(account); // opened while sla-service is down
        sla.start();
        sla.awaitReady(Duration.ofSeconds(90));

        for (String ticket : List.of(first, second)) {
            List<ConsumerRecord<String, byte[]>> records = TopicReader.await(
                    Topics.SLA_EVENTS,
                    r -> ticket.equals(r.key()),
                    l -> l.stream().anyMatch(r -> "support.sla.breached.v1".equals(header(r, "ce_type"))),
                    Duration.ofSeconds(90));
            // a message re-sent after the crash carries the id it had: consumers drop it by ce_id
            Map<String, ConsumerRecord<String, byte[]>> byId = new java.util.LinkedHashMap<>();
            records.forEach(r -> byId.putIfAbsent(header(r, "ce_id"), r));
            List<ConsumerRecord<String, byte[]>> out = List.copyOf(byId.values());
            assertThat(out)
                    .extracting(r -> header(r, "ce_type"))
                    .as(ticket)
                    .containsExactly(
                            "support.sla.clock-started.v1",
                            "support.sla.clock-started.v1",
                            "support.sla.warning.v1",
                            "support.sla.breached.v1");
            String started = TopicReader.body(out.get(0));
            Instant deadline = Instant.parse(Http.field(started, "deadline"));
            assertThat(Instant.parse(header(out.get(3), "ce_time")))
                    .as("breach at its deadline")
                    .isEqualTo(deadline);
            assertThat(Instant.parse(header(out.get(2), "ce_time")))
                    .as("warning at half the target")
                    .isEqualTo(deadline.minusMillis(10_000));
            assertThat(out).extracting(r -> header(r, "ce_sequence")).containsExactly("1", "2", "3", "4");

            // the loop closes through the ticket: escalation-service escalates the breached priority ticket to the
            // strategic account manager, and ticket-service records it in the ticket's history, once
            List<ConsumerRecord<String, byte[]>> escalated = TopicReader.await(
                    Topics.TICKET_EVENTS,
                    r -> ticket.equals(r.key()) && "support.ticket.escalated.v1".equals(header(r, "ce_type")),
                    l -> !l.isEmpty(),
                    Duration.ofSeconds(60));
            assertThat(TopicReader.body(escalated.get(0)))
                    .contains("STRATEGIC_ACCOUNT_MANAGER")
                    .contains("priority-breach");
            assertThat(escalated).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();
        }
    }

    private static void awaitAccountKnown(String account) throws Exception {
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + sla.port() + "/api/sla/accounts/" + account))
                            .header("Authorization", Http.STAFF)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                assertThat(r.body()).contains("\"policy\":\"seconds\"");
                return;
            }
            Thread.sleep(100); // polling another process
        }
        throw new AssertionError("sla-service never learned account " + account);
    }

    private static String open(String account) throws Exception {
        String body = Http.post(ticketPort, "/api/tickets", """
                {"accountId": "%s", "kind": "INCIDENT", "severity": "SEV1", "title": "Down",
                 "description": "Production is down"}
                """.formatted(account));
        Matcher m = ID.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
