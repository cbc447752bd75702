package com.supportdesk.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaEvent;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The follow-up clock over the real broker and PostgreSQL: on the tiered agreement a critical ticket's customer
 * message, once the ticket is acknowledged, starts a 24/7 clock until support answers; the next customer message
 * while it runs starts no second one; an answer meets it; a message nobody answers breaches it. The standard
 * agreement sets no follow-up target: no clock.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class FollowUpClockIntegrationTest {

    @Inject
    TestClock clock;

    @Inject
    TimerScheduler timers;

    static TicketOpened critical(String ticket, String account, Instant at) {
        TicketOpened o = Wire.opened(ticket, account, Severity.SEV2, at);
        return new TicketOpened(
                o.ticketId(),
                o.accountId(),
                o.reference(),
                o.kind(),
                o.severity(),
                Impact.CRITICAL,
                o.urgency(),
                o.priority(),
                o.level(),
                o.title(),
                o.description(),
                o.application(),
                o.relatedTicketId(),
                o.by(),
                o.at());
    }

    static MessageAdded message(String ticket, String account, boolean fromCustomer, Instant at) {
        return new MessageAdded(
                ticket,
                account,
                UUID.randomUUID().toString(),
                "text",
                fromCustomer,
                fromCustomer ? "ann" : "alice",
                at);
    }

    static List<SlaEvent> followUps(String ticket, int count) {
        return Wire.slaEvents(ticket, list -> Wire.slaEventsOf(list, ClockKind.FOLLOW_UP) >= count).stream()
                .filter(e -> Wire.clockOf(e) == ClockKind.FOLLOW_UP)
                .toList();
    }

    @Test
    void aCustomersMessageOnAnAcknowledgedCriticalTicketRunsA247ClockUntilSupportAnswers() {
        String account = "acc-tiered-" + UUID.randomUUID();
        Wire.registerAccount(account, "EUROPE", "tiered-1");
        String t = "t-" + UUID.randomUUID();
        // Saturday 8 June 2030, 10:00Z: the tiered critical clocks run 24/7
        Instant opened = Instant.parse("2030-06-08T10:00:00Z");
        clock.set(opened);
        timers.poke();
        long seq = 0;
        Wire.ticketEvent(seq++, critical(t, account, opened));
        // a message before acknowledgement starts nothing: the response clock is running
        Wire.ticketEvent(seq++, message(t, account, true, opened.plusSeconds(60)));
        Wire.ticketEvent(
                seq++,
                new TicketAcknowledged(t, account, Severity.SEV2, null, opened, "alice", opened.plusSeconds(600)));
        Instant asked = opened.plusSeconds(1200);
        Wire.ticketEvent(seq++, message(t, account, true, asked));
        Wire.ticketEvent(seq++, message(t, account, true, asked.plusSeconds(60))); // still waiting: same clock
        Wire.ticketEvent(seq++, message(t, account, false, asked.plusSeconds(1800))); // answered after 30 minutes

        List<SlaEvent> first = followUps(t, 2);
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).isInstanceOfSatisfying(ClockStarted.class, s -> {
            assertThat(s.calendar()).isEqualTo("always-open");
            assertThat(s.target()).isEqualTo(Duration.ofHours(1));
            assertThat(s.deadline()).isEqualTo(asked.plus(Duration.ofHours(1)));
        });
        assertThat(first.get(1))
                .isInstanceOfSatisfying(
                        SlaMet.class, m -> assertThat(m.elapsed()).isEqualTo(Duration.ofMinutes(30)));

        // the next question nobody answers: breached an hour later (the timer fires on the test clock)
        Instant again = asked.plusSeconds(3600);
        Wire.ticketEvent(seq++, message(t, account, true, again));
        followUps(t, 3);
        clock.set(again.plus(Duration.ofHours(1)).plusSeconds(1));
        timers.poke();
        List<SlaEvent> all = followUps(t, 6); // started, met, started, warning 75, warning 90, breached
        assertThat(all.get(2)).isInstanceOf(ClockStarted.class);
        assertThat(all.get(all.size() - 1))
                .isInstanceOfSatisfying(
                        SlaBreached.class, b -> assertThat(b.deadline()).isEqualTo(again.plus(Duration.ofHours(1))));
    }

    @Test
    void aDowngradedFollowUpCountsOnBusinessHoursKeepingWhatItUsedAndLaterOnesStartThere() {
        String account = "acc-tiered-" + UUID.randomUUID();
        Wire.registerAccount(account, "EUROPE", "tiered-1");
        String t = "t-" + UUID.randomUUID();
        // Saturday 8 June 2030, 10:00Z (12:00 in Brussels)
        Instant opened = Instant.parse("2030-06-08T10:00:00Z");
        clock.set(opened);
        Wire.ticketEvent(0, critical(t, account, opened));
        Wire.ticketEvent(
                1, new TicketAcknowledged(t, account, Severity.SEV2, null, opened, "alice", opened.plusSeconds(300)));
        Wire.ticketEvent(2, message(t, account, true, opened.plusSeconds(1200)));
        assertThat(followUps(t, 1).get(0)).isInstanceOf(ClockStarted.class);

        // at 10:30Z the customer has nobody until after the weekend: the follow-up drops to the tiered business hours
        clock.set(Instant.parse("2030-06-08T10:30:00Z"));
        String agent = com.supportdesk.testinfra.TestTokens.staff("alice", "agent");
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(java.util.Map.of("reason", "nobody at the customer's before Monday"))
                .post("/api/sla/tickets/" + t + "/follow-up/downgrade")
                .then()
                .statusCode(200)
                .body(
                        "clocks.find { it.clock == 'FOLLOW_UP' }.calendar",
                        org.hamcrest.Matchers.equalTo("tiered-europe"));
        com.supportdesk.contract.event.ClockRetargeted moved =
                (com.supportdesk.contract.event.ClockRetargeted) followUps(t, 2).get(1);
        assertThat(moved.reason()).isEqualTo(com.supportdesk.contract.model.RetargetReason.FOLLOW_UP_DOWNGRADED);
        assertThat(moved.calendar()).isEqualTo("tiered-europe");
        assertThat(moved.target()).isEqualTo(Duration.ofHours(1));
        assertThat(moved.elapsed()).isEqualTo(Duration.ofMinutes(10));
        // 50 minutes left from Tuesday 09:00 in Brussels (Monday 10 June 2030 is Whit Monday, a European holiday)
        assertThat(moved.deadline()).isEqualTo(Instant.parse("2030-06-11T07:50:00Z"));
        // again: nothing more; the audit trail has it once
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(java.util.Map.of("reason", "again"))
                .post("/api/sla/tickets/" + t + "/follow-up/downgrade")
                .then()
                .statusCode(200);
        assertThat(com.supportdesk.testinfra.AuditEntries.await(
                        t, "sla.follow-up-downgraded", 1, Duration.ofSeconds(30)))
                .hasSize(1);

        // answered, then asked again: the new follow-up starts on business hours
        Wire.ticketEvent(3, message(t, account, false, Instant.parse("2030-06-08T10:40:00Z")));
        Wire.ticketEvent(4, message(t, account, true, Instant.parse("2030-06-08T10:50:00Z")));
        List<SlaEvent> all = followUps(t, 4);
        assertThat(all.get(2)).isInstanceOf(SlaMet.class);
        assertThat(all.get(3)).isInstanceOfSatisfying(ClockStarted.class, s -> {
            assertThat(s.calendar()).isEqualTo("tiered-europe");
            assertThat(s.deadline()).isEqualTo(Instant.parse("2030-06-11T08:00:00Z"));
        });

        // a ticket whose policy sets no follow-up cannot be downgraded; a customer may not downgrade
        String std = "acc-std-" + UUID.randomUUID();
        Wire.registerAccount(std, "EUROPE", "standard");
        String plain = "t-" + UUID.randomUUID();
        Wire.ticketEvent(0, Wire.opened(plain, std, Severity.SEV2, opened));
        Wire.slaEvents(plain, 2);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(java.util.Map.of("reason", "x"))
                .post("/api/sla/tickets/" + plain + "/follow-up/downgrade")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(com.supportdesk.testinfra.TestTokens.token("ann", account, "customer"))
                .contentType("application/json")
                .body(java.util.Map.of("reason", "x"))
                .post("/api/sla/tickets/" + t + "/follow-up/downgrade")
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(java.util.Map.of())
                .post("/api/sla/tickets/" + t + "/follow-up/downgrade")
                .then()
                .statusCode(400)
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("reason"));
    }

    @Test
    void thePlanOfTheStandardAgreementSetsNoFollowUpTarget() {
        String account = "acc-std-" + UUID.randomUUID();
        Wire.registerAccount(account, "EUROPE", "standard");
        String t = "t-" + UUID.randomUUID();
        Instant opened = Instant.parse("2030-06-10T08:00:00Z");
        clock.set(opened);
        Wire.ticketEvent(0, Wire.opened(t, account, Severity.SEV2, opened));
        Wire.ticketEvent(
                1, new TicketAcknowledged(t, account, Severity.SEV2, null, opened, "alice", opened.plusSeconds(60)));
        Wire.ticketEvent(2, message(t, account, true, opened.plusSeconds(120)));
        Wire.ticketEvent(3, message(t, account, false, opened.plusSeconds(180)));
        Wire.ticketEvent(
                4,
                new com.supportdesk.contract.event.TicketResolved(
                        t,
                        account,
                        com.supportdesk.contract.model.ResolutionKind.FIXED,
                        "fixed",
                        Severity.SEV2,
                        "alice",
                        opened.plusSeconds(240)));
        // two clocks started, the response met, the resolution met: and nothing of a follow-up clock in between
        List<SlaEvent> events = Wire.slaEvents(t, 4);
        assertThat(events).hasSize(4).extracting(Wire::clockOf).doesNotContain(ClockKind.FOLLOW_UP);
        assertThat(events.get(3)).isInstanceOf(SlaMet.class);
        io.restassured.RestAssured.given()
                .get("/api/sla/tickets/" + t)
                .then()
                .body("clocks.clock", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("FOLLOW_UP")));
    }
}
