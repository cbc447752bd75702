package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** reporting-service over the real broker and PostgreSQL: events in as the services publish them, read model out. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReportingIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    String account;
    final List<Sent> sent = new ArrayList<>();

    record Sent(String topic, String key, Long sequence, Object event, String id) {}

    @BeforeEach
    void ids() {
        account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void send(String topic, String key, Long sequence, Object event) {
        Sent s = new Sent(topic, key, sequence, event, UUID.randomUUID().toString());
        sent.add(s);
        publish(s);
    }

    static void publish(Sent s) {
        CloudEvent envelope = new CloudEvent(
                s.id(),
                Catalog.of(s.event().getClass()).type(),
                "test",
                s.key(),
                Instant.now(),
                s.sequence(),
                null,
                s.event());
        TopicReader.send(s.topic(), s.key(), CloudEventCodec.headers(envelope), CloudEventCodec.body(s.event()));
    }

    void register(List<String> applications) {
        send(
                Topics.ACCOUNT_EVENTS,
                account,
                null,
                new AccountRegistered(
                        account,
                        new AccountProfile(
                                "Client " + account,
                                "EUROPE",
                                SupportLanguage.EN,
                                "standard",
                                new Contact("ann", "Ann", "ann@x.example", null),
                                new Contact("bob", "Bob", "bob@x.example", null),
                                new Contact("sam", "Sam", "sam@x.example", null),
                                List.of(),
                                applications,
                                false),
                        "admin",
                        Instant.parse("2026-09-01T00:00:00Z")));
    }

    String open(Severity severity, Instant at) {
        String ticket = "t-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-" + ticket.substring(2, 8),
                        TicketKind.INCIDENT,
                        severity,
                        Impact.STANDARD,
                        null,
                        severity.ordinal() < 2,
                        SupportLevel.L1,
                        "Down",
                        "Down",
                        "erp",
                        null,
                        "ann",
                        at));
        return ticket;
    }

    void responded(String ticket, Severity severity, boolean met, Duration elapsed, Instant at) {
        Duration target = Duration.ofMinutes(30);
        Object e = met
                ? new SlaMet(
                        ticket, account, ClockKind.RESPONSE, "standard", "europe", severity, target, elapsed, at, at)
                : new SlaMissed(
                        ticket, account, ClockKind.RESPONSE, "standard", "europe", severity, target, elapsed, at, at);
        send(Topics.SLA_EVENTS, ticket, null, e);
    }

    void resolved(String ticket, Severity severity, boolean met, Instant at) {
        Duration target = Duration.ofHours(8);
        Object e = met
                ? new SlaMet(
                        ticket,
                        account,
                        ClockKind.RESOLUTION,
                        "standard",
                        "europe",
                        severity,
                        target,
                        Duration.ofHours(1),
                        at,
                        at)
                : new SlaMissed(
                        ticket,
                        account,
                        ClockKind.RESOLUTION,
                        "standard",
                        "europe",
                        severity,
                        target,
                        Duration.ofHours(9),
                        at,
                        at);
        send(Topics.SLA_EVENTS, ticket, null, e);
    }

    JsonPath ticket(String id) {
        return given().get("/api/reports/tickets/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theReadModelFoldsEveryServicesEventsAndATimelineShowsThemInOrder() {
        register(List.of("erp"));
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        String ticket = open(Severity.SEV1, at);
        send(
                Topics.SLA_EVENTS,
                ticket,
                null,
                new ClockStarted(
                        ticket,
                        account,
                        ClockKind.RESPONSE,
                        "standard",
                        "always-open",
                        Severity.SEV1,
                        Duration.ofMinutes(30),
                        Duration.ZERO,
                        at.plusSeconds(1800),
                        at));
        send(
                Topics.SLA_EVENTS,
                ticket,
                null,
                new SlaBreached(
                        ticket,
                        account,
                        ClockKind.RESPONSE,
                        "standard",
                        "always-open",
                        Severity.SEV1,
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(30),
                        at.plusSeconds(1800),
                        at.plusSeconds(1800)));
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new TicketEscalated(
                        ticket,
                        account,
                        EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                        Severity.SEV1,
                        "breach",
                        "priority-breach",
                        "escalation-service",
                        at.plusSeconds(1801)));
        send(
                Topics.TICKET_EVENTS,
                ticket,
                2L,
                new TicketAcknowledged(ticket, account, Severity.SEV1, null, at, "agent", at.plusSeconds(2400)));
        responded(ticket, Severity.SEV1, false, Duration.ofMinutes(40), at.plusSeconds(2400));

        await().atMost(WAIT)
                .until(() -> given().get("/api/reports/tickets/" + ticket).statusCode() == 200
                        && "MISSED".equals(ticket(ticket).getString("responseOutcome")));
        JsonPath t = ticket(ticket);
        assertThat(t.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(t.getBoolean("priority")).isTrue();
        assertThat(t.getBoolean("escalated")).isTrue();
        assertThat(t.getString("escalatedTo")).isEqualTo("STRATEGIC_ACCOUNT_MANAGER");
        assertThat(t.getBoolean("breached")).isTrue();
        assertThat(t.getString("responseDeadline")).isEqualTo("2026-11-02T09:30:00Z");
        assertThat(t.getLong("responseBusinessSeconds")).isEqualTo(2400);

        List<String> types = given().get("/api/reports/tickets/" + ticket + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("type");
        assertThat(types)
                .containsExactly(
                        "support.ticket.opened.v1",
                        "support.sla.clock-started.v1",
                        "support.sla.breached.v1",
                        "support.ticket.escalated.v1",
                        "support.ticket.acknowledged.v1",
                        "support.sla.missed.v1");
    }

    @Test
    void replayingEveryEventChangesNothing() {
        register(List.of());
        Instant at = Instant.parse("2026-11-03T09:00:00Z");
        String ticket = open(Severity.SEV3, at);
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new TicketAcknowledged(ticket, account, Severity.SEV3, null, at, "agent", at.plusSeconds(600)));
        await().atMost(WAIT)
                .until(() -> given().get("/api/reports/tickets/" + ticket).statusCode() == 200
                        && "ACKNOWLEDGED".equals(ticket(ticket).getString("status")));
        String before = given().get("/api/reports/tickets/" + ticket).asString();

        // every event again, as a replay or redelivery would bring it; then one new event to know they were read
        List.copyOf(sent).forEach(ReportingIntegrationTest::publish);
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "OTHER",
                        TicketKind.INCIDENT,
                        Severity.SEV1,
                        Impact.STANDARD,
                        null,
                        true,
                        SupportLevel.L1,
                        "stale",
                        "stale",
                        null,
                        null,
                        "x",
                        at));
        String marker = open(Severity.SEV4, at);
        await().atMost(WAIT)
                .until(() -> given().get("/api/reports/tickets/" + marker).statusCode() == 200);

        assertThat(given().get("/api/reports/tickets/" + ticket).asString()).isEqualTo(before);
        assertThat(given().get("/api/reports/tickets/" + ticket + "/timeline")
                        .jsonPath()
                        .getList("id"))
                .hasSize(2);
    }

    @Test
    void searchFiltersAndPages() {
        register(List.of());
        Instant at = Instant.parse("2026-11-04T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            open(Severity.SEV2, at.plusSeconds(i));
        }
        String sev4 = open(Severity.SEV4, at.plusSeconds(10));
        await().atMost(WAIT)
                .until(() -> given().get("/api/reports/tickets?accountId=" + account)
                                .jsonPath()
                                .getInt("total")
                        == 4);
        given().get("/api/reports/tickets?accountId=" + account + "&severity=SEV2&size=2&page=1")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(1))
                .body("page", equalTo(1));
        given().get("/api/reports/tickets?accountId=" + account + "&priority=false")
                .then()
                .body("items[0].ticketId", equalTo(sev4))
                .body("total", equalTo(1));
        given().get("/api/reports/tickets?accountId=" + account + "&from=2026-11-04T09:00:05Z")
                .then()
                .body("total", equalTo(1));
        given().get("/api/reports/tickets?severity=SEV9")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("severity"));
        given().get("/api/reports/tickets?size=0").then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().get("/api/reports/tickets/nope").then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * The customer space's list: one opener's tickets (the opener is the ticket's {@code by}), several states at once,
     * newest first, paged by key without a count, and the counts per state for its empty states.
     */
    @Test
    void aCustomersOwnTicketsByStateNewestFirstPagedByKeyWithCountsPerState() {
        register(List.of());
        Instant at = Instant.parse("2026-11-05T09:00:00Z");
        List<String> anns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            anns.add(open(Severity.SEV3, at.plusSeconds(i)));
        }
        String other = "t-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                other,
                0L,
                new TicketOpened(
                        other,
                        account,
                        "TKT-other",
                        TicketKind.SERVICE_REQUEST,
                        Severity.SEV4,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Colleague's",
                        "x",
                        null,
                        null,
                        "zoe",
                        at.plusSeconds(9)));
        send(
                Topics.TICKET_EVENTS,
                anns.get(1),
                1L,
                new com.supportdesk.contract.event.TicketResolved(
                        anns.get(1),
                        account,
                        com.supportdesk.contract.model.ResolutionKind.FIXED,
                        "patched",
                        Severity.SEV3,
                        "eric",
                        at.plusSeconds(20)));
        await().atMost(WAIT)
                .until(() -> given().get("/api/reports/tickets/counts?accountId=" + account + "&openedBy=ann")
                                .jsonPath()
                                .getLong("byStatus.RESOLVED")
                        == 1);
        given().get("/api/reports/tickets/counts?accountId=" + account + "&openedBy=ann")
                .then()
                .statusCode(200)
                .body("byStatus.OPEN", equalTo(4))
                .body("byStatus.CLOSED", equalTo(0));
        given().get("/api/reports/tickets/counts?accountId=" + account).then().body("byStatus.OPEN", equalTo(5));
        // a customer of another account counts and finds nothing of this one, whatever it asks for
        String stranger = com.supportdesk.testinfra.TestTokens.token("eve", "acc-other", "customer");
        given().auth()
                .oauth2(stranger)
                .get("/api/reports/tickets/counts?accountId=" + account)
                .then()
                .statusCode(200)
                .body("byStatus.OPEN", equalTo(0));
        given().auth()
                .oauth2(stranger)
                .get("/api/reports/tickets?accountId=" + account + "&limit=10")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));

        String first = "/api/reports/tickets?accountId=" + account + "&openedBy=ann&status=open,on_hold&limit=2";
        var page1 = given().get(first).then().statusCode(200).extract().jsonPath();
        assertThat(page1.getList("items.ticketId")).containsExactly(anns.get(4), anns.get(3));
        assertThat(page1.getList("items.openedBy")).containsOnly("ann");
        assertThat(page1.getString("total"))
                .as("nothing counted when paged by key")
                .isNull();
        var page2 = given().get(first + "&cursor=" + page1.getString("next")).jsonPath();
        assertThat(page2.getList("items.ticketId"))
                .as("the resolved one is under another filter")
                .containsExactly(anns.get(2), anns.get(0));
        assertThat(page2.getString("next")).isNull();
        given().get(first + "&cursor=not-a-cursor")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("cursor"));
        given().get("/api/reports/tickets?status=OPEN,LOST")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("status"));
    }

    /**
     * October 2026 in Brussels (31 days and the extra hour when summer time ends: 44,700 minutes). Figures worked out
     * by hand in the comments.
     */
    @Test
    void theMonthlyReportGivesTheHandComputedFigures() {
        register(List.of("erp", "crm"));
        // counted: opened in October, Brussels time
        String[] sev1 = new String[4];
        sev1[0] = open(Severity.SEV1, Instant.parse("2026-10-05T08:00:00Z"));
        sev1[1] = open(Severity.SEV1, Instant.parse("2026-10-06T08:00:00Z"));
        sev1[2] = open(Severity.SEV1, Instant.parse("2026-10-07T08:00:00Z"));
        sev1[3] = open(Severity.SEV1, Instant.parse("2026-10-31T22:30:00Z")); // 23:30 on Oct 31 in Brussels
        String sev3a = open(Severity.SEV3, Instant.parse("2026-10-12T08:00:00Z"));
        String sev3b = open(Severity.SEV3, Instant.parse("2026-09-30T22:30:00Z")); // 00:30 on Oct 1 in Brussels
        // not counted: 00:30 on Nov 1 and 23:30 on Sep 30, Brussels time
        String late = open(Severity.SEV1, Instant.parse("2026-10-31T23:30:00Z"));
        String early = open(Severity.SEV1, Instant.parse("2026-09-30T21:30:00Z"));
        // SEV1 response: met in 10, 20, 30 min, missed at 45 min -> 3 of 4 = 75.0 %, objective (90) not met;
        // median = 2nd of 4 = 20 min = 0.33 h; p90 = 4th of 4 (ceil 3.6) = 45 min = 0.75 h
        Instant t = Instant.parse("2026-10-20T00:00:00Z");
        responded(sev1[0], Severity.SEV1, true, Duration.ofMinutes(10), t);
        responded(sev1[1], Severity.SEV1, true, Duration.ofMinutes(20), t);
        responded(sev1[2], Severity.SEV1, true, Duration.ofMinutes(30), t);
        responded(sev1[3], Severity.SEV1, false, Duration.ofMinutes(45), t);
        responded(late, Severity.SEV1, false, Duration.ofMinutes(90), t);
        responded(early, Severity.SEV1, false, Duration.ofMinutes(90), t);
        // SEV1 resolution: 2 met, 1 missed -> 66.7 %
        resolved(sev1[0], Severity.SEV1, true, t);
        resolved(sev1[1], Severity.SEV1, true, t);
        resolved(sev1[2], Severity.SEV1, false, t);
        // SEV3 response: 2 h and 3 h, both met -> 100.0 %, median 2.00 h, p90 (2nd of 2) 3.00 h
        responded(sev3a, Severity.SEV3, true, Duration.ofHours(2), t);
        responded(sev3b, Severity.SEV3, true, Duration.ofHours(3), t);
        // erp: unplanned 90 min (in hours) + 45 min (a Saturday night) = 135; planned 240 min
        // availability = (44,700 - 240 - 135) / (44,700 - 240) = 44,325 / 44,460 = 99.696 %
        String o1 = "out-" + UUID.randomUUID();
        String o2 = "out-" + UUID.randomUUID();
        String m1 = "mnt-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                o1,
                0L,
                new OutageDeclared(
                        o1,
                        "erp",
                        List.of(account),
                        Instant.parse("2026-10-10T10:00:00Z"),
                        "down",
                        "ops",
                        Instant.parse("2026-10-10T10:00:00Z")));
        send(
                Topics.TICKET_EVENTS,
                o1,
                1L,
                new OutageEnded(
                        o1,
                        "erp",
                        List.of(account),
                        Instant.parse("2026-10-10T10:00:00Z"),
                        Instant.parse("2026-10-10T11:30:00Z"),
                        null,
                        "ops",
                        Instant.parse("2026-10-10T11:30:00Z")));
        send(
                Topics.TICKET_EVENTS,
                o2,
                0L,
                new OutageEnded(
                        o2,
                        "erp",
                        List.of(),
                        Instant.parse("2026-10-17T02:00:00Z"),
                        Instant.parse("2026-10-17T02:45:00Z"),
                        null,
                        "ops",
                        Instant.parse("2026-10-17T02:45:00Z")));
        send(
                Topics.TICKET_EVENTS,
                m1,
                0L,
                new MaintenanceScheduled(
                        m1,
                        "erp",
                        List.of(account),
                        Instant.parse("2026-10-20T20:00:00Z"),
                        Instant.parse("2026-10-21T00:00:00Z"),
                        false,
                        "upgrade",
                        "ops",
                        Instant.parse("2026-10-01T00:00:00Z")));

        await().atMost(WAIT).until(() -> {
            var r = given().get("/api/reports/accounts/" + account + "/monthly/2026-10");
            return r.statusCode() == 200
                    && r.jsonPath().getInt("severities.find { it.severity == 'SEV3' }.responseMeasured") == 2
                    && r.jsonPath().getInt("severities.find { it.severity == 'SEV1' }.resolutionMeasured") == 3
                    && r.jsonPath().getInt("applications.find { it.application == 'erp' }.plannedMaintenanceMinutes")
                            == 240
                    && r.jsonPath().getInt("applications.find { it.application == 'erp' }.unplannedOutages") == 2;
        });
        JsonPath r = given().get("/api/reports/accounts/" + account + "/monthly/2026-10")
                .jsonPath();
        assertThat(r.getInt("ticketsOpened")).isEqualTo(6);
        assertThat(r.getString("zone")).isEqualTo("Europe/Brussels");
        Map<String, Object> s1 = r.getMap("severities.find { it.severity == 'SEV1' }");
        assertThat(s1)
                .containsEntry("opened", 4)
                .containsEntry("responseMeasured", 4)
                .containsEntry("respondedInTime", 3)
                .containsEntry("responsePercent", 75.0f)
                .containsEntry("objectiveMet", false)
                .containsEntry("responseMedianHours", 0.33f)
                .containsEntry("responseP90Hours", 0.75f)
                .containsEntry("resolvedInTime", 2)
                .containsEntry("resolutionPercent", 66.7f);
        Map<String, Object> s3 = r.getMap("severities.find { it.severity == 'SEV3' }");
        assertThat(s3)
                .containsEntry("opened", 2)
                .containsEntry("responsePercent", 100.0f)
                .containsEntry("objectiveMet", true)
                .containsEntry("responseMedianHours", 2.0f)
                .containsEntry("responseP90Hours", 3.0f);
        Map<String, Object> erp = r.getMap("applications.find { it.application == 'erp' }");
        assertThat(erp)
                .containsEntry("monthMinutes", 44700)
                .containsEntry("unplannedOutageMinutes", 135)
                .containsEntry("availabilityPercent", 99.696f);
        Map<String, Object> crm = r.getMap("applications.find { it.application == 'crm' }");
        assertThat(crm).containsEntry("unplannedOutageMinutes", 0).containsEntry("availabilityPercent", 100.0f);

        String csv = given().accept("text/csv")
                .get("/api/reports/accounts/" + account + "/monthly/2026-10")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        assertThat(csv)
                .contains("SEV1,4,4,3,75.0,90,false,0.33,0.75,3,2,66.7\n")
                .contains("erp,44700,240,135,2,99.696\n")
                .contains("crm,44700,0,0,0,100.000\n");

        String html = given().accept("text/html")
                .get("/api/reports/accounts/" + account + "/monthly/2026-10")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .extract()
                .asString();
        assertThat(html)
                .contains("Monthly service level report")
                .contains("Client " + account)
                .contains("3 of 4 (75.0 %)")
                .contains("99.696 %")
                .contains("class=\"miss\"");

        given().get("/api/reports/accounts/" + account + "/monthly/2026-13")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("month"));
        given().get("/api/reports/accounts/nobody/monthly/2026-10").then().statusCode(404);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopic() {
        String key = "bad-" + UUID.randomUUID();
        TopicReader.send(
                Topics.SLA_EVENTS,
                key,
                Map.of("ce_type", "support.sla.met.v1", "ce_id", key),
                "{not json".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.await(
                Topics.deadLetter(Topics.SLA_EVENTS), r -> key.equals(r.key()), seen -> !seen.isEmpty(), WAIT);
        assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).isNotBlank();
        // and the consumer goes on
        register(List.of());
        String ticket = open(Severity.SEV2, Instant.parse("2026-11-05T09:00:00Z"));
        responded(ticket, Severity.SEV2, true, Duration.ofMinutes(5), Instant.parse("2026-11-05T09:05:00Z"));
        await().atMost(WAIT)
                .until(() -> given().get("/api/reports/tickets/" + ticket).statusCode() == 200
                        && "MET".equals(ticket(ticket).getString("responseOutcome")));
    }
}
