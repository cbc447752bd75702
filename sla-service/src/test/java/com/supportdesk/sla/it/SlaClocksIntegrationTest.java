package com.supportdesk.sla.it;

import static com.supportdesk.sla.it.Wire.brussels;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ClockPaused;
import com.supportdesk.contract.event.ClockResumed;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaEvent;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaWarning;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketResumed;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks over the real broker and PostgreSQL: ticket events go onto ticket-events as ticket-service writes them,
 * the service's clock is a test clock moved by the test, and what comes out is read back from sla-events. Expected
 * instants are computed by hand on the Europe calendar (Mon-Fri 07:00-17:00 Brussels).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class SlaClocksIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Inject
    TestClock clock;

    @Inject
    TimerScheduler timers;

    String account;
    String ticket;

    @BeforeEach
    void account() {
        account = "acc-" + UUID.randomUUID();
        ticket = "t-" + UUID.randomUUID();
        Wire.registerAccount(account, "EUROPE", "standard");
    }

    void now(String brusselsTime) {
        clock.set(brussels(brusselsTime));
        timers.poke();
    }

    @Test
    void anUnacknowledgedSev1TicketWarnsThenBreachesAtTheComputedInstants() {
        now("2026-03-30T08:00"); // Monday morning, the day after the spring daylight-saving change
        Wire.ticketEvent(0, Wire.opened(ticket, account, Severity.SEV1, brussels("2026-03-30T08:00")));

        List<SlaEvent> started = Wire.slaEvents(ticket, 2);
        ClockStarted response = (ClockStarted) started.get(0);
        ClockStarted resolution = (ClockStarted) started.get(1);
        assertThat(response.clock()).isEqualTo(ClockKind.RESPONSE);
        assertThat(response.target()).isEqualTo(Duration.ofHours(1));
        assertThat(response.deadline()).isEqualTo(brussels("2026-03-30T09:00"));
        assertThat(response.calendar()).isEqualTo("europe");
        assertThat(resolution.clock()).isEqualTo(ClockKind.RESOLUTION);
        assertThat(resolution.deadline()).isEqualTo(brussels("2026-03-30T16:00"));

        now("2026-03-30T08:50");
        List<SlaEvent> events = Wire.slaEvents(ticket, 3);
        SlaWarning first = (SlaWarning) events.get(2);
        assertThat(first.percent()).isEqualTo(75);
        assertThat(first.at()).isEqualTo(brussels("2026-03-30T08:45"));
        assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(45));

        now("2026-03-30T09:30");
        events = Wire.slaEvents(ticket, 5);
        SlaWarning second = (SlaWarning) events.get(3);
        assertThat(second.percent()).isEqualTo(90);
        assertThat(second.at()).isEqualTo(brussels("2026-03-30T08:54"));
        SlaBreached breach = (SlaBreached) events.get(4);
        assertThat(breach.clock()).isEqualTo(ClockKind.RESPONSE);
        assertThat(breach.at()).isEqualTo(brussels("2026-03-30T09:00"));
        assertThat(breach.deadline()).isEqualTo(brussels("2026-03-30T09:00"));
        assertThat(events).hasSize(5);

        given().get("/api/sla/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("clocks[0].clock", equalTo("RESPONSE"))
                .body("clocks[0].breached", equalTo(true))
                .body("clocks[0].elapsed", equalTo("PT1H30M"))
                .body("clocks[1].clock", equalTo("RESOLUTION"))
                .body("clocks[1].nextAlarm", equalTo("warning-75"))
                .body("clocks[1].nextDue", equalTo(brussels("2026-03-30T14:00").toString()));
    }

    @Test
    void acknowledgingInTimeIsMet() {
        now("2026-03-31T10:40");
        Wire.ticketEvent(0, Wire.opened(ticket, account, Severity.SEV1, brussels("2026-03-31T10:00")));
        Wire.ticketEvent(
                1,
                new TicketAcknowledged(
                        ticket,
                        account,
                        Severity.SEV1,
                        null,
                        brussels("2026-03-31T10:00"),
                        "agent",
                        brussels("2026-03-31T10:40")));

        List<SlaEvent> events = Wire.slaEvents(ticket, 3);
        SlaMet met = (SlaMet) events.get(2);
        assertThat(met.clock()).isEqualTo(ClockKind.RESPONSE);
        assertThat(met.elapsed()).isEqualTo(Duration.ofMinutes(40));
        assertThat(met.deadline()).isEqualTo(brussels("2026-03-31T11:00"));

        now("2026-03-31T12:00"); // past the old deadline: a met clock never warns or breaches
        given().get("/api/sla/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("clocks[0].status", equalTo("MET"))
                .body("clocks[0].nextDue", equalTo(null));
        assertThat(Wire.slaEvents(ticket, 3)).hasSize(3);
    }

    @Test
    void waitingOnTheCustomerShiftsTheDeadlineByThePausedBusinessTime() {
        now("2026-04-01T16:50");
        Wire.ticketEvent(0, Wire.opened(ticket, account, Severity.SEV1, brussels("2026-04-01T16:30")));
        Wire.ticketEvent(
                1, new TicketPutOnHold(ticket, account, "logs requested", "agent", brussels("2026-04-01T16:50")));
        Wire.slaEvents(ticket, 4); // both clocks paused before time moves on
        now("2026-04-02T10:00");
        Wire.ticketEvent(2, new TicketResumed(ticket, account, "customer", brussels("2026-04-02T10:00")));

        List<SlaEvent> events = Wire.slaEvents(ticket, 6);
        ClockStarted started = (ClockStarted) events.get(0);
        // 30 min on Wednesday, 30 on Thursday
        assertThat(started.deadline()).isEqualTo(brussels("2026-04-02T07:30"));
        ClockPaused paused = (ClockPaused) events.get(2);
        assertThat(paused.elapsed()).isEqualTo(Duration.ofMinutes(20));
        ClockResumed resumed = (ClockResumed) events.get(4);
        assertThat(resumed.clock()).isEqualTo(ClockKind.RESPONSE);
        // paused 16:50-17:00 Wednesday and 07:00-10:00 Thursday: 190 business minutes after 07:30
        assertThat(resumed.deadline()).isEqualTo(brussels("2026-04-02T10:40"));
        ClockResumed resolution = (ClockResumed) events.get(5);
        // 7 h 40 min left at 10:00 Thursday: 7 h on Thursday, 40 min on Friday (Good Friday is no holiday here)
        assertThat(resolution.deadline()).isEqualTo(brussels("2026-04-03T07:40"));
    }

    @Test
    void aReclassificationKeepsTheElapsedTimeAndAppliesTheNewTarget() {
        now("2026-04-07T09:30"); // the Tuesday after Easter Monday
        Wire.ticketEvent(0, Wire.opened(ticket, account, Severity.SEV3, brussels("2026-04-07T09:00")));
        Wire.ticketEvent(
                1,
                new SeverityReclassified(
                        ticket,
                        account,
                        Severity.SEV3,
                        Severity.SEV1,
                        true,
                        "production is down after all",
                        "agent",
                        brussels("2026-04-07T09:30")));

        List<SlaEvent> events = Wire.slaEvents(ticket, 4);
        assertThat(((ClockStarted) events.get(0)).deadline()).isEqualTo(brussels("2026-04-07T17:00"));
        ClockRetargeted response = (ClockRetargeted) events.get(2);
        assertThat(response.target()).isEqualTo(Duration.ofHours(1));
        assertThat(response.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(response.deadline()).isEqualTo(brussels("2026-04-07T10:00"));
        ClockRetargeted resolution = (ClockRetargeted) events.get(3);
        assertThat(resolution.target()).isEqualTo(Duration.ofHours(8));
        assertThat(resolution.deadline()).isEqualTo(brussels("2026-04-07T17:00"));
    }

    @Test
    void duplicatesChangeNothingAndAnEventAheadOfAGapIsHeldBack() {
        now("2026-04-02T09:00");
        Wire.ticketEvent(0, Wire.opened(ticket, account, Severity.SEV2, brussels("2026-04-02T09:00")));
        // sequence 2 before 1: held back, not applied
        Wire.ticketEvent(2, new TicketResumed(ticket, account, "customer", brussels("2026-04-02T11:00")));
        Wire.slaEvents(ticket, 2);
        given().get("/api/sla/tickets/" + ticket).then().statusCode(200).body("clocks[0].status", equalTo("RUNNING"));

        Wire.ticketEvent(1, new TicketPutOnHold(ticket, account, null, "agent", brussels("2026-04-02T10:00")));
        // replays of what was applied
        Wire.ticketEvent(0, Wire.opened(ticket, account, Severity.SEV2, brussels("2026-04-02T09:00")));
        Wire.ticketEvent(1, new TicketPutOnHold(ticket, account, null, "agent", brussels("2026-04-02T10:00")));
        Wire.ticketEvent(2, new TicketResumed(ticket, account, "customer", brussels("2026-04-02T11:00")));
        Wire.ticketEvent(
                3,
                new TicketAcknowledged(
                        ticket,
                        account,
                        Severity.SEV2,
                        null,
                        brussels("2026-04-02T09:00"),
                        "agent",
                        brussels("2026-04-02T11:30")));

        List<CloudEvent> out = Wire.envelopes(Topics.SLA_EVENTS, ticket, 7);
        assertThat(out.stream().map(e -> e.data().getClass().getSimpleName()))
                .containsExactly(
                        "ClockStarted",
                        "ClockStarted",
                        "ClockPaused",
                        "ClockPaused",
                        "ClockResumed",
                        "ClockResumed",
                        "SlaMet");
        assertThat(out.stream().map(CloudEvent::sequence)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        SlaMet met = (SlaMet) out.get(6).data();
        // 09:00-10:00 and 11:00-11:30
        assertThat(met.elapsed()).isEqualTo(Duration.ofMinutes(90));
        given().get("/api/sla/tickets/" + ticket).then().statusCode(200).body("slaSequence", equalTo(7));
    }

    @Test
    void anUnreadableTicketEventGoesToTheDeadLetterTopicAndTheNextOneIsApplied() {
        now("2026-04-02T09:00");
        String bad = "bad-" + UUID.randomUUID();
        TopicReader.send(
                Topics.TICKET_EVENTS,
                bad,
                Map.of(
                        "ce_id",
                        "x-1",
                        "ce_type",
                        "support.ticket.opened.v1",
                        "ce_source",
                        "somebody",
                        "ce_specversion",
                        "1.0",
                        "ce_sequence",
                        "0"),
                "{not json".getBytes());
        Wire.ticketEvent(0, Wire.opened(ticket, account, Severity.SEV1, brussels("2026-04-02T09:00")));

        assertThat(Wire.slaEvents(ticket, 2)).hasSize(2);
        var dead = TopicReader.await(
                Topics.deadLetter(Topics.TICKET_EVENTS),
                r -> bad.equals(r.key()),
                l -> !l.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).contains("not JSON");
        assertThat(TopicReader.header(dead.get(0), "dead-letter-consumer")).isEqualTo("sla-service");
    }

    @Test
    void anExceptionalEventStopsTheResponseClockAndMovesItsDeadline() {
        String asia = "acc-asia-" + UUID.randomUUID();
        Wire.registerAccount(asia, "ASIA", "standard");
        Instant opened = Instant.parse("2026-04-14T00:00:00Z"); // 08:00 in Manila, a Tuesday
        clock.set(opened.plusSeconds(600));
        Wire.ticketEvent(0, Wire.opened(ticket, asia, Severity.SEV1, opened));
        assertThat(((ClockStarted) Wire.slaEvents(ticket, 2).get(0)).deadline())
                .isEqualTo(Instant.parse("2026-04-14T01:00:00Z"));

        given().contentType("application/json")
                .body(Map.of("from", "2026-04-14T00:30:00Z", "to", "2026-04-14T04:00:00Z", "reason", "typhoon"))
                .post("/api/sla/calendars/asia/exceptional-events")
                .then()
                .statusCode(201);

        ClockRetargeted moved = (ClockRetargeted) Wire.slaEvents(ticket, 3).get(2);
        assertThat(moved.clock()).isEqualTo(ClockKind.RESPONSE);
        // 30 minutes before the typhoon, 30 after it
        assertThat(moved.deadline()).isEqualTo(Instant.parse("2026-04-14T04:30:00Z"));
        given().get("/api/sla/calendars/asia")
                .then()
                .statusCode(200)
                .body("exceptionalEvents[0].reason", equalTo("typhoon"));
        // who declared it is recorded with it and on the audit trail
        var declared = com.supportdesk.testinfra.AuditEntries.await(
                        "asia", "calendar.exceptional-event-declared", 1, Duration.ofSeconds(30))
                .stream()
                .filter(e -> "typhoon".equals(com.supportdesk.testinfra.AuditEntries.detail(e, "reason")))
                .findFirst()
                .orElseThrow();
        assertThat(declared.path("service").asText()).isEqualTo("sla-service");
        assertThat(declared.path("actorName").asText()).isEqualTo("test-staff");
        assertThat(declared.path("targetKind").asText()).isEqualTo("calendar");
        given().get("/api/sla/calendars/asia").then().body("exceptionalEvents[0].declaredBy", equalTo("test-staff"));
    }

    @Test
    void anOpeningWaitsForItsAccountAndIsTimedByItsContract() {
        String late = "acc-late-" + UUID.randomUUID();
        // 08:00 in Manila, a Tuesday (a week after the typhoon of the exceptional-event test)
        Instant opened = Instant.parse("2026-04-21T00:00:00Z");
        clock.set(opened.plusSeconds(60));
        Wire.ticketEvent(0, Wire.opened(ticket, late, Severity.SEV1, opened));
        Wire.ticketEvent(
                1,
                new TicketAcknowledged(ticket, late, Severity.SEV1, null, opened, "agent", opened.plusSeconds(1800)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/sla/tickets/" + ticket)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("AWAITING_ACCOUNT")));

        Wire.registerAccount(late, "ASIA", "standard");

        List<SlaEvent> events = Wire.slaEvents(ticket, 3);
        ClockStarted started = (ClockStarted) events.get(0);
        assertThat(started.calendar()).isEqualTo("asia");
        assertThat(started.deadline()).isEqualTo(opened.plusSeconds(3600));
        SlaMet met = (SlaMet) events.get(2);
        assertThat(met.elapsed()).isEqualTo(Duration.ofMinutes(30));
        given().get("/api/sla/tickets/" + ticket).then().statusCode(200).body("region", equalTo("ASIA"));
    }

    @Test
    void anOpeningWhoseAccountNeverArrivesIsTimedByTheDefaultContractAfterTheWait() {
        now("2026-04-15T09:00");
        Wire.ticketEvent(
                0,
                Wire.opened(ticket, "acc-unknown-" + UUID.randomUUID(), Severity.SEV1, brussels("2026-04-15T09:00")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/sla/tickets/" + ticket)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("AWAITING_ACCOUNT")));

        now("2026-04-15T09:02"); // past support.sla.account-wait (one minute)

        ClockStarted started = (ClockStarted) Wire.slaEvents(ticket, 2).get(0);
        assertThat(started.policy()).isEqualTo("standard");
        assertThat(started.calendar()).isEqualTo("europe");
        assertThat(started.deadline()).isEqualTo(brussels("2026-04-15T10:00"));
    }
}
