package com.supportdesk.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.event.ClockResumed;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.SlaWarning;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clock arithmetic on the Europe calendar (Mon-Fri 07:00-17:00 Brussels), expectations computed by hand. */
class ClockRulesTest {

    static final Calendars CALENDARS = Calendars.shipped();
    static final ClockRules RULES = new ClockRules(CALENDARS::get, policy -> List.of(75, 90));

    static Instant brussels(String t) {
        return LocalDateTime.parse(t).atZone(ZoneId.of("Europe/Brussels")).toInstant();
    }

    static SlaClock sev1Response(String openedAt) {
        return RULES.start(
                        "t-1",
                        "acc",
                        ClockKind.RESPONSE,
                        "standard",
                        "europe",
                        Severity.SEV1,
                        Duration.ofHours(1),
                        brussels(openedAt))
                .clock();
    }

    @Test
    void anUnacknowledgedSev1WarnsAt75And90PercentThenBreaches() {
        SlaClock c = sev1Response("2026-03-30T08:00");
        assertThat(c.deadline()).isEqualTo(brussels("2026-03-30T09:00"));
        assertThat(c.nextDue()).isEqualTo(brussels("2026-03-30T08:45"));

        ClockRules.Step w75 = RULES.fire(c, brussels("2026-03-30T08:45"));
        assertThat(w75.events()).singleElement().isInstanceOfSatisfying(SlaWarning.class, w -> {
            assertThat(w.percent()).isEqualTo(75);
            assertThat(w.at()).isEqualTo(brussels("2026-03-30T08:45"));
        });
        assertThat(w75.clock().nextDue()).isEqualTo(brussels("2026-03-30T08:54"));
        ClockRules.Step w90 = RULES.fire(w75.clock(), brussels("2026-03-30T08:54"));
        ClockRules.Step breach = RULES.fire(w90.clock(), brussels("2026-03-30T09:00"));
        assertThat(breach.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        SlaBreached.class, b -> assertThat(b.at()).isEqualTo(brussels("2026-03-30T09:00")));
        assertThat(breach.clock().nextDue()).as("nothing more to fire").isNull();
        assertThat(RULES.fire(breach.clock(), brussels("2026-03-30T10:00")).events())
                .isEmpty();
    }

    @Test
    void warningsSetAsMinutesBeforeTheDeadlineFireInBusinessTimeAndTheClockKeepsThemWhenRetargeted() {
        // a 4-hour target from Friday 15:00: 2 h on Friday, 2 h on Monday; deadline Monday 09:00
        SlaClock c = RULES.start(
                        "t-2",
                        "acc",
                        ClockKind.RESPONSE,
                        "custom",
                        "europe",
                        Severity.SEV2,
                        Duration.ofHours(4),
                        List.of(50, -30),
                        brussels("2026-03-27T15:00"))
                .clock();
        assertThat(c.warnings()).containsExactly(50, -30);
        assertThat(c.deadline()).isEqualTo(brussels("2026-03-30T09:00"));
        assertThat(c.nextDue()).as("50 %: 2 h in, at Friday's close").isEqualTo(brussels("2026-03-27T17:00"));
        ClockRules.Step half = RULES.fire(c, brussels("2026-03-27T17:00"));
        assertThat(half.events()).singleElement().isInstanceOfSatisfying(SlaWarning.class, w -> {
            assertThat(w.percent()).isEqualTo(50);
            assertThat(w.minutesBefore()).isNull();
        });
        // 30 business minutes before Monday 09:00 is Monday 08:30, not Sunday
        assertThat(half.clock().nextDue()).isEqualTo(brussels("2026-03-30T08:30"));
        ClockRules.Step before = RULES.fire(half.clock(), brussels("2026-03-30T08:30"));
        assertThat(before.events()).singleElement().isInstanceOfSatisfying(SlaWarning.class, w -> {
            assertThat(w.minutesBefore()).isEqualTo(30);
            assertThat(w.percent()).isEqualTo(87); // 3.5 h of 4 h
            assertThat(w.elapsed()).isEqualTo(Duration.ofMinutes(210));
        });
        assertThat(before.clock().nextAlarm()).isEqualTo(SlaClock.BREACH);

        // a policy change applied to the clock: a new target and warnings, what was used is kept, the warnings
        // already announced and still passed are not announced again
        ClockRules.Step moved = RULES.retarget(
                half.clock(),
                "europe",
                Severity.SEV2,
                Duration.ofHours(8),
                List.of(50, -60),
                brussels("2026-03-30T08:00"),
                com.supportdesk.contract.model.RetargetReason.POLICY_CHANGED,
                3);
        assertThat(moved.events()).singleElement().isInstanceOfSatisfying(ClockRetargeted.class, r -> {
            assertThat(r.reason()).isEqualTo(com.supportdesk.contract.model.RetargetReason.POLICY_CHANGED);
            assertThat(r.policyVersion()).isEqualTo(3);
            assertThat(r.elapsed()).isEqualTo(Duration.ofHours(3));
            assertThat(r.deadline()).isEqualTo(brussels("2026-03-30T13:00"));
        });
        assertThat(moved.clock().warnings()).containsExactly(50, -60);
        assertThat(moved.clock().warningsFired())
                .as("50 % of 8 h is 4 h: not passed yet")
                .isEmpty();
        assertThat(moved.clock().nextDue()).isEqualTo(brussels("2026-03-30T09:00"));

        // a warning further before the deadline than the target is long never fires
        SlaClock short_ = RULES.start(
                        "t-3",
                        "acc",
                        ClockKind.RESPONSE,
                        "custom",
                        "europe",
                        Severity.SEV1,
                        Duration.ofMinutes(20),
                        List.of(-30),
                        brussels("2026-03-30T08:00"))
                .clock();
        assertThat(short_.nextAlarm()).isEqualTo(SlaClock.BREACH);
    }

    @Test
    void aCalendarChangeMovesTheDeadlineFromTheInstantOfTheChangeAndKeepsWhatWasCounted() {
        // Europe as shipped, then from Monday 30 March 2026 10:00 (Brussels) on, that Monday and Tuesday are holidays
        var timeline = new java.util.concurrent.atomic.AtomicReference<>(
                com.supportdesk.calendar.CalendarTimeline.of(CALENDARS.get("europe")));
        ClockRules rules = new ClockRules(
                new ClockRules.CalendarLookup() {
                    @Override
                    public com.supportdesk.calendar.BusinessTime calendar(String id, ClockKind kind) {
                        return timeline.get();
                    }

                    @Override
                    public int revision(String id) {
                        return timeline.get().revision();
                    }

                    @Override
                    public int version(String id) {
                        return timeline.get().revision();
                    }
                },
                policy -> List.of());
        SlaClock c = rules.start(
                        "t-1",
                        "acc",
                        ClockKind.RESOLUTION,
                        "standard",
                        "europe",
                        Severity.SEV2,
                        Duration.ofHours(24),
                        brussels("2026-03-30T08:00"))
                .clock();
        assertThat(c.deadline()).isEqualTo(brussels("2026-04-01T12:00")); // 9 + 10 + 5 hours
        assertThat(rules.stale(c)).isFalse();

        var changed = com.supportdesk.calendar.Calendars.definition(com.supportdesk.calendar.Calendars.json(
                        com.supportdesk.calendar.Calendars.shippedDefinitions().get("europe"))
                .replace(
                        "\"holidays\":[",
                        "\"holidays\":[{\"name\":\"Flood\",\"on\":\"2026-03-30\"},"
                                + "{\"name\":\"Clean-up\",\"on\":\"2026-03-31\"},"));
        timeline.set(timeline.get()
                .then(
                        brussels("2026-03-30T10:00"),
                        com.supportdesk.calendar.Calendars.build(changed, id -> java.util.Optional.empty())));
        assertThat(rules.stale(c)).isTrue();

        ClockRules.Step moved = rules.recompute(
                c, brussels("2026-03-30T10:00"), com.supportdesk.contract.model.RetargetReason.CALENDAR_CHANGED);
        // the two hours before the change stay counted; the 22 left: Wednesday 10, Thursday 10, Friday 2
        assertThat(moved.clock().deadline()).isEqualTo(brussels("2026-04-03T09:00"));
        assertThat(rules.elapsed(moved.clock(), brussels("2026-03-31T12:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(rules.stale(moved.clock())).isFalse();
        assertThat(moved.events())
                .singleElement()
                .isInstanceOfSatisfying(com.supportdesk.contract.event.ClockRetargeted.class, r -> {
                    assertThat(r.reason()).isEqualTo(com.supportdesk.contract.model.RetargetReason.CALENDAR_CHANGED);
                    assertThat(r.elapsed()).isEqualTo(Duration.ofHours(2));
                    assertThat(r.calendarVersion()).isEqualTo(2);
                    assertThat(r.target()).isEqualTo(Duration.ofHours(24));
                });
        // nothing moves a second time
        assertThat(rules.recompute(
                                moved.clock(),
                                brussels("2026-03-30T11:00"),
                                com.supportdesk.contract.model.RetargetReason.CALENDAR_CHANGED)
                        .events())
                .isEmpty();
    }

    @Test
    void anAlarmDoesNotFireBeforeItIsDue() {
        SlaClock c = sev1Response("2026-03-30T08:00");
        assertThat(RULES.fire(c, brussels("2026-03-30T08:44:59")).events()).isEmpty();
    }

    @Test
    void warningsCountBusinessTimeAcrossTheWeekend() {
        // Opened Friday 16:30: 45 business minutes are reached Monday 07:15.
        SlaClock c = sev1Response("2026-03-27T16:30");
        assertThat(c.nextDue()).isEqualTo(brussels("2026-03-30T07:15"));
        assertThat(c.deadline()).isEqualTo(brussels("2026-03-30T07:30"));
    }

    @Test
    void stoppingInTimeIsMetAndLateIsMissed() {
        SlaClock c = sev1Response("2026-03-30T08:00");
        assertThat(RULES.stop(c, brussels("2026-03-30T08:30")).events())
                .singleElement()
                .isInstanceOfSatisfying(
                        SlaMet.class, m -> assertThat(m.elapsed()).isEqualTo(Duration.ofMinutes(30)));
        assertThat(RULES.stop(c, brussels("2026-03-30T09:10")).events())
                .singleElement()
                .isInstanceOf(SlaMissed.class);
        assertThat(RULES.stop(c, brussels("2026-03-30T08:30")).clock().status()).isEqualTo(ClockStatus.MET);
    }

    @Test
    void pausingShiftsTheDeadlineByThePausedBusinessTime() {
        // Sev 1 resolution objective, 8 business hours, from Monday 08:00: deadline Monday 16:00.
        SlaClock c = RULES.start(
                        "t-1",
                        "acc",
                        ClockKind.RESOLUTION,
                        "standard",
                        "europe",
                        Severity.SEV1,
                        Duration.ofHours(8),
                        brussels("2026-03-30T08:00"))
                .clock();
        assertThat(c.deadline()).isEqualTo(brussels("2026-03-30T16:00"));
        SlaClock paused = RULES.pause(c, brussels("2026-03-30T09:00")).clock();
        assertThat(paused.elapsedBefore()).isEqualTo(Duration.ofHours(1));
        assertThat(paused.nextDue()).as("no alarm while paused").isNull();
        ClockRules.Step resumed = RULES.resume(paused, brussels("2026-03-31T08:00"));
        // Paused Monday 09:00-17:00 and Tuesday 07:00-08:00: 9 business hours, so 16:00 Monday becomes 15:00 Tuesday.
        assertThat(resumed.clock().deadline()).isEqualTo(brussels("2026-03-31T15:00"));
        assertThat(resumed.events()).singleElement().isInstanceOf(ClockResumed.class);
    }

    @Test
    void reclassificationKeepsElapsedTimeAndTakesTheNewTarget() {
        // Sev 3 response (8 h) opened Monday 08:00; at 10:00 it becomes Sev 1 (1 h): 2 h used, breached at once.
        SlaClock c = RULES.start(
                        "t-1",
                        "acc",
                        ClockKind.RESPONSE,
                        "standard",
                        "europe",
                        Severity.SEV3,
                        Duration.ofHours(8),
                        brussels("2026-03-30T08:00"))
                .clock();
        ClockRules.Step up =
                RULES.retarget(c, "europe", Severity.SEV1, Duration.ofHours(1), brussels("2026-03-30T10:00"));
        assertThat(up.events()).singleElement().isInstanceOfSatisfying(ClockRetargeted.class, r -> {
            assertThat(r.elapsed()).isEqualTo(Duration.ofHours(2));
            assertThat(r.previousSeverity()).isEqualTo(Severity.SEV3);
        });
        assertThat(up.clock().deadline()).isEqualTo(brussels("2026-03-30T10:00"));
        assertThat(up.clock().nextDue()).as("the 75 % warning is due at once").isEqualTo(brussels("2026-03-30T10:00"));
        // Lowering Sev 1 -> Sev 2 (4 h) at 08:30 gives 3.5 h left: deadline 12:00.
        SlaClock sev1 = sev1Response("2026-03-30T08:00");
        SlaClock down = RULES.retarget(sev1, "europe", Severity.SEV2, Duration.ofHours(4), brussels("2026-03-30T08:30"))
                .clock();
        assertThat(down.deadline()).isEqualTo(brussels("2026-03-30T12:00"));
        assertThat(down.nextDue()).isEqualTo(brussels("2026-03-30T11:00"));
    }

    @Test
    void aClockWithoutTargetIsTrackedButNeverAlarmed() {
        SlaClock c = RULES.start(
                        "t-1",
                        "acc",
                        ClockKind.RESOLUTION,
                        "standard",
                        "europe",
                        Severity.SEV4,
                        null,
                        brussels("2026-03-30T08:00"))
                .clock();
        assertThat(c.nextDue()).isNull();
        assertThat(RULES.stop(c, brussels("2026-03-31T08:00")).events()).isEmpty();
        assertThat(RULES.elapsed(c, brussels("2026-03-30T10:00"))).isEqualTo(Duration.ofHours(2));
    }
}
