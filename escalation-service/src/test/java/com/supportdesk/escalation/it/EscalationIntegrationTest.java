package com.supportdesk.escalation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.command.CloseTicket;
import com.supportdesk.contract.command.EscalateTicket;
import com.supportdesk.contract.command.GrantPriorityHandling;
import com.supportdesk.contract.command.RefusePriorityHandling;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.escalation.engine.EscalationWorkers;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * escalation-service over the real broker and PostgreSQL: events go in as ticket-service and sla-service write them;
 * decisions come out as commands on ticket-commands and records on escalation-events.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class EscalationIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Inject
    TestClock clock;

    @Inject
    EscalationWorkers workers;

    String account;
    String ticket;

    static Instant brussels(String t) {
        return LocalDateTime.parse(t).atZone(ZoneId.of("Europe/Brussels")).toInstant();
    }

    @BeforeEach
    void ids() {
        account = "acc-" + UUID.randomUUID();
        ticket = "t-" + UUID.randomUUID();
    }

    void register(String plan) {
        AccountProfile profile = new AccountProfile(
                "Account",
                "EUROPE",
                SupportLanguage.FR,
                plan,
                new Contact("ann", "Ann", "ann@example.com", null),
                new Contact("bob", "Bob", "bob@example.com", null),
                new Contact("sam", "Sam", "sam@example.com", null),
                List.of(),
                List.of(),
                false);
        send(
                Topics.ACCOUNT_EVENTS,
                account,
                null,
                new AccountRegistered(account, profile, "admin", Instant.parse("2026-01-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/escalations/accounts/" + account + "/rules")
                                .statusCode()
                        == 200);
    }

    void open(Severity severity, Impact impact, Instant at) {
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-1",
                        TicketKind.INCIDENT,
                        severity,
                        impact,
                        null,
                        severity.ordinal() < 2,
                        SupportLevel.L1,
                        "Down",
                        "Down",
                        null,
                        null,
                        "ann",
                        at));
    }

    static void send(String topic, String key, Long sequence, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "test",
                key,
                Instant.now(),
                sequence,
                null,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    static CloudEvent decode(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return CloudEventCodec.decode(headers, r.value());
    }

    /** The commands sent for the ticket; each carries escalation-service's own bearer token, for ticket-service. */
    List<CloudEvent> commands(int count) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.await(
                Topics.TICKET_COMMANDS, r -> ticket.equals(r.key()), l -> l.size() >= count, Duration.ofSeconds(30));
        assertThat(records)
                .allSatisfy(r ->
                        assertThat(TopicReader.header(r, "authorization")).isEqualTo("Bearer " + TestTokens.SERVICE));
        return records.stream().map(EscalationIntegrationTest::decode).toList();
    }

    @Test
    void aPriorityRequestOutsideSupportHoursIsRefusedWithTheReason() {
        register("standard");
        clock.set(brussels("2026-04-04T10:00"));
        open(Severity.SEV3, Impact.STANDARD, brussels("2026-04-03T16:00"));
        // Saturday morning in Brussels
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new PriorityHandlingRequested(
                        ticket, account, Severity.SEV3, "go-live on Monday", "ann", brussels("2026-04-04T10:00")));

        CloudEvent command = commands(1).get(0);
        RefusePriorityHandling refusal = (RefusePriorityHandling) command.data();
        assertThat(refusal.reason()).contains("outside the support hours").contains("Saturday");
        assertThat(command.source()).isEqualTo("escalation-service");

        CloudEvent decided = decode(TopicReader.await(
                        Topics.ESCALATION_EVENTS,
                        r -> ticket.equals(r.key()),
                        l -> !l.isEmpty(),
                        Duration.ofSeconds(30))
                .get(0));
        EscalationDecided d = (EscalationDecided) decided.data();
        assertThat(d.rule()).isEqualTo("priority-request");
        assertThat(d.action()).isEqualTo(EscalationAction.REFUSE_PRIORITY);
        assertThat(d.commandId()).isEqualTo(command.id());
    }

    @Test
    void aDesignatedContactGetsPriorityDuringSupportHours() {
        register("standard");
        clock.set(brussels("2026-04-01T10:00"));
        open(Severity.SEV3, Impact.STANDARD, brussels("2026-04-01T09:00"));
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new PriorityHandlingRequested(
                        ticket, account, Severity.SEV3, null, "bob", brussels("2026-04-01T10:00")));
        assertThat(commands(1).get(0).data()).isInstanceOf(GrantPriorityHandling.class);
    }

    @Test
    void aBreachOnAPriorityTicketEscalatesToTheStrategicAccountManagerOnce() throws Exception {
        register("standard");
        clock.set(brussels("2026-04-01T10:30"));
        open(Severity.SEV1, Impact.STANDARD, brussels("2026-04-01T09:00"));
        SlaBreached response = new SlaBreached(
                ticket,
                account,
                ClockKind.RESPONSE,
                "standard",
                "europe",
                Severity.SEV1,
                Duration.ofHours(1),
                Duration.ofHours(1),
                brussels("2026-04-01T10:00"),
                brussels("2026-04-01T10:00"));
        send(Topics.SLA_EVENTS, ticket, 5L, response);
        send(Topics.SLA_EVENTS, ticket, 5L, response); // redelivered (another id, same fact)
        send(
                Topics.SLA_EVENTS,
                ticket,
                9L,
                new SlaBreached(
                        ticket,
                        account,
                        ClockKind.RESOLUTION,
                        "standard",
                        "europe",
                        Severity.SEV1,
                        Duration.ofHours(8),
                        Duration.ofHours(8),
                        brussels("2026-04-01T17:00"),
                        brussels("2026-04-01T17:00")));

        EscalateTicket escalate = (EscalateTicket) commands(1).get(0).data();
        assertThat(escalate.target()).isEqualTo(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
        assertThat(escalate.rule()).isEqualTo("priority-breach");
        awaitConsumed(Topics.SLA_EVENTS);
        given().get("/api/escalations/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].notifies", org.hamcrest.Matchers.equalTo("sam"));
        assertThat(commands(1)).hasSize(1);
    }

    @Test
    void aBreachThatOvertakesTheOpeningStillEscalates() throws Exception {
        register("standard");
        clock.set(brussels("2026-04-01T10:30"));
        // sla-events and ticket-events are consumed independently: here the breach comes first
        send(
                Topics.SLA_EVENTS,
                ticket,
                5L,
                new SlaBreached(
                        ticket,
                        account,
                        ClockKind.RESPONSE,
                        "standard",
                        "europe",
                        Severity.SEV1,
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        brussels("2026-04-01T10:00"),
                        brussels("2026-04-01T10:00")));
        awaitConsumed(Topics.SLA_EVENTS); // the breach was handled before the opening exists
        open(Severity.SEV1, Impact.STANDARD, brussels("2026-04-01T09:00"));
        EscalateTicket escalate = (EscalateTicket) commands(1).get(0).data();
        assertThat(escalate.target()).isEqualTo(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
    }

    @Test
    void tieredLevel3CallsACriticalSituationManagerAndSeniorManagementAtOnce() {
        register("tiered-3");
        clock.set(brussels("2026-04-04T03:00"));
        open(Severity.SEV1, Impact.CRITICAL, brussels("2026-04-04T03:00"));
        List<CloudEvent> out = commands(2);
        assertThat(out)
                .extracting(c -> ((EscalateTicket) c.data()).target())
                .containsExactlyInAnyOrder(
                        EscalationTarget.CRITICAL_SITUATION_MANAGER, EscalationTarget.SENIOR_MANAGEMENT);
    }

    @Test
    void aStalledPriorityTicketEscalatesWhenItsTimeComes() {
        register("standard");
        clock.set(brussels("2026-04-08T09:00"));
        open(Severity.SEV2, Impact.STANDARD, brussels("2026-04-08T09:00"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/escalations/tickets/" + ticket).statusCode() == 200);
        // four business hours without progress: Wednesday 13:00
        clock.set(brussels("2026-04-08T13:00"));
        workers.poke();
        EscalateTicket escalate = (EscalateTicket) commands(1).get(0).data();
        assertThat(escalate.rule()).isEqualTo("priority-stall");
        assertThat(escalate.target()).isEqualTo(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
    }

    @Test
    void aResolvedTicketClosesByItselfOnceAfterTheQuietPeriod() throws Exception {
        register("standard");
        clock.set(brussels("2026-04-01T09:00"));
        open(Severity.SEV3, Impact.STANDARD, brussels("2026-04-01T09:00"));
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new TicketResolved(
                        ticket,
                        account,
                        ResolutionKind.FIXED,
                        "patched",
                        Severity.SEV3,
                        "agent-7",
                        brussels("2026-04-02T16:00")));
        awaitConsumed(Topics.TICKET_EVENTS);
        // five business days on the Europe calendar (Easter Monday off): Friday 10 April, 16:00
        clock.set(brussels("2026-04-10T15:59"));
        workers.poke();
        clock.set(brussels("2026-04-10T16:00"));
        workers.poke();
        CloseTicket close = (CloseTicket) commands(1).get(0).data();
        assertThat(close.closure()).isEqualTo(ClosureReason.AUTO_CLOSED);
        // the timer firing again, or later, sends nothing more
        clock.set(brussels("2026-04-13T10:00"));
        workers.poke();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/escalations/tickets/" + ticket)
                        .jsonPath()
                        .getList("rule")
                        .contains("auto-close"));
        assertThat(TopicReader.readAll(RealInfrastructure.bootstrapServers(), Topics.TICKET_COMMANDS).stream()
                        .filter(r -> ticket.equals(r.key())))
                .hasSize(1);
    }

    /** Waits until escalation-service committed offsets up to the end of the topic: everything sent was handled. */
    static void awaitConsumed(String topic) throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<TopicPartition> partitions =
                        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                                .map(p -> new TopicPartition(topic, p.partition()))
                                .toList();
                Map<TopicPartition, Long> ends = admin
                        .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all()
                        .get()
                        .entrySet()
                        .stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("escalation-service")
                        .partitionsToOffsetAndMetadata()
                        .get();
                return partitions.stream()
                        .allMatch(p -> ends.get(p) == 0
                                || (committed.get(p) != null && committed.get(p).offset() >= ends.get(p)));
            });
        }
    }
}
