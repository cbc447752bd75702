package com.supportdesk.escalation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each escalation rule on its own, with instants computed by hand on the Europe calendar (Brussels). */
class EscalationRulesTest {

    static final BusinessCalendar EUROPE = Calendars.shipped().get("europe");
    static final AccountFacts ACME = new AccountFacts(
            "acme",
            "EUROPE",
            "standard",
            false,
            new Contact("ann", "Ann", "ann@acme.example", null),
            new Contact("bob", "Bob", "bob@acme.example", null),
            new Contact("sam", "Sam", "sam@vendor.example", null));
    static final EscalationPolicy STANDARD = new EscalationPolicy(
            "standard", Duration.ofHours(4), null, false, Duration.ofHours(8), Duration.ofHours(16));
    static final EscalationPolicy TIERED_2 = new EscalationPolicy(
            "tiered-2", Duration.ofHours(4), Duration.ofHours(4), false, Duration.ofHours(4), Duration.ofHours(8));
    static final EscalationPolicy TIERED_3 = new EscalationPolicy(
            "tiered-3", Duration.ofHours(2), Duration.ZERO, true, Duration.ofHours(4), Duration.ofHours(8));

    static Instant brussels(String t) {
        return LocalDateTime.parse(t).atZone(ZoneId.of("Europe/Brussels")).toInstant();
    }

    static TicketFacts ticket(Severity severity, boolean priority, Impact impact, String openedAt) {
        Instant at = brussels(openedAt);
        return new TicketFacts(
                "t-1", "acme", severity, impact, priority, SupportLevel.L1, true, false, false, at, at, at, Set.of());
    }

    static PriorityHandlingRequested request(String by, String at) {
        return new PriorityHandlingRequested("t-1", "acme", Severity.SEV3, "go-live tomorrow", by, brussels(at));
    }

    @Test
    void aDesignatedContactGetsPriorityDuringSupportHours() {
        Decision d = PriorityRequestRule.decide(
                        ticket(Severity.SEV3, false, Impact.STANDARD, "2026-04-01T09:00"),
                        ACME,
                        request("ann", "2026-04-01T16:59"),
                        EUROPE,
                        "e-1")
                .orElseThrow();
        assertThat(d.action()).isEqualTo(EscalationAction.GRANT_PRIORITY);
        assertThat(d.key()).isEqualTo("priority-request/e-1");
    }

    @Test
    void aRequestOutsideSupportHoursIsRefusedWithTheReason() {
        // 17:00 on a Wednesday is closing time; Easter Monday 2026 (6 April) is a holiday in Europe
        for (String at : List.of("2026-04-01T17:00", "2026-04-04T10:00", "2026-04-06T10:00")) {
            Decision d = PriorityRequestRule.decide(
                            ticket(Severity.SEV3, false, Impact.STANDARD, "2026-04-01T09:00"),
                            ACME,
                            request("ann", at),
                            EUROPE,
                            "e-2")
                    .orElseThrow();
            assertThat(d.action()).as(at).isEqualTo(EscalationAction.REFUSE_PRIORITY);
            assertThat(d.reason()).as(at).contains("outside the support hours").contains("Europe/Brussels");
        }
    }

    @Test
    void onlyDesignatedContactsOfAnAccountWithTheRightMayRequest() {
        TicketFacts t = ticket(Severity.SEV4, false, Impact.STANDARD, "2026-04-01T09:00");
        assertThat(PriorityRequestRule.decide(t, ACME, request("mallory", "2026-04-01T10:00"), EUROPE, "e")
                        .orElseThrow()
                        .reason())
                .contains("designated contacts");
        AccountFacts revoked = new AccountFacts(
                "acme",
                "EUROPE",
                "standard",
                true,
                ACME.primaryContact(),
                ACME.backupContact(),
                ACME.strategicAccountManager());
        assertThat(PriorityRequestRule.decide(t, revoked, request("ann", "2026-04-01T10:00"), EUROPE, "e")
                        .orElseThrow()
                        .reason())
                .contains("revoked");
        // a Sev 2 ticket is a priority ticket already: nothing to decide
        assertThat(PriorityRequestRule.decide(
                        ticket(Severity.SEV2, true, Impact.STANDARD, "2026-04-01T09:00"),
                        ACME,
                        request("ann", "2026-04-01T10:00"),
                        EUROPE,
                        "e"))
                .isEmpty();
    }

    @Test
    void aBreachOnAPriorityTicketGoesToTheStrategicAccountManagerOnce() {
        SlaBreached breach = new SlaBreached(
                "t-1",
                "acme",
                ClockKind.RESPONSE,
                "standard",
                "europe",
                Severity.SEV1,
                Duration.ofHours(1),
                Duration.ofHours(1),
                brussels("2026-04-01T10:00"),
                brussels("2026-04-01T10:00"));
        Decision d = StrategicAccountManagerRule.onBreach(
                        ticket(Severity.SEV1, true, Impact.STANDARD, "2026-04-01T09:00"), ACME, breach)
                .orElseThrow();
        assertThat(d.target()).isEqualTo(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
        assertThat(d.notifies()).isEqualTo("sam");
        assertThat(d.reason()).contains("response target of PT1H was breached");

        assertThat(StrategicAccountManagerRule.onBreach(
                        ticket(Severity.SEV3, false, Impact.STANDARD, "2026-04-01T09:00"), ACME, breach))
                .as("not a priority ticket")
                .isEmpty();
        TicketFacts escalated = new TicketFacts(
                "t-1",
                "acme",
                Severity.SEV1,
                Impact.STANDARD,
                true,
                SupportLevel.L1,
                true,
                false,
                false,
                brussels("2026-04-01T09:00"),
                brussels("2026-04-01T09:00"),
                brussels("2026-04-01T09:00"),
                Set.of(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER));
        assertThat(StrategicAccountManagerRule.onBreach(escalated, ACME, breach))
                .as("already escalated")
                .isEmpty();
    }

    @Test
    void aStalledPriorityTicketEscalatesAfterTheStallTimeInBusinessHours() {
        // last progress Friday 15:00: 2 hours on Friday, 2 on Monday -> Monday 09:00
        TicketFacts t = ticket(Severity.SEV2, true, Impact.STANDARD, "2026-04-10T15:00");
        assertThat(StrategicAccountManagerRule.stallDue(t, STANDARD, EUROPE)).contains(brussels("2026-04-13T09:00"));
        assertThat(StrategicAccountManagerRule.onStall(t, ACME, STANDARD, EUROPE, brussels("2026-04-13T08:59")))
                .isEmpty();
        Decision d = StrategicAccountManagerRule.onStall(t, ACME, STANDARD, EUROPE, brussels("2026-04-13T09:00"))
                .orElseThrow();
        assertThat(d.rule()).isEqualTo("priority-stall");
        assertThat(d.key()).as("one key for breach and stall").isEqualTo("strategic-account-manager/t-1");
    }

    @Test
    void tieredLevel3GetsACriticalSituationManagerAndSeniorManagementAtOnce() {
        TicketFacts critical = ticket(Severity.SEV1, true, Impact.CRITICAL, "2026-04-04T03:00"); // a Saturday night
        List<Decision> decisions = CriticalSituationRule.decide(critical, TIERED_3, brussels("2026-04-04T03:00"));
        assertThat(decisions)
                .extracting(Decision::target)
                .containsExactly(EscalationTarget.CRITICAL_SITUATION_MANAGER, EscalationTarget.SENIOR_MANAGEMENT);
    }

    @Test
    void tieredLevel2WaitsFourHoursAroundTheClock() {
        TicketFacts critical = ticket(Severity.SEV1, true, Impact.CRITICAL, "2026-04-04T03:00");
        assertThat(CriticalSituationRule.due(critical, TIERED_2)).contains(brussels("2026-04-04T07:00"));
        assertThat(CriticalSituationRule.decide(critical, TIERED_2, brussels("2026-04-04T06:59")))
                .isEmpty();
        assertThat(CriticalSituationRule.decide(critical, TIERED_2, brussels("2026-04-04T07:00")))
                .extracting(Decision::target)
                .containsExactly(EscalationTarget.CRITICAL_SITUATION_MANAGER);
        assertThat(CriticalSituationRule.due(
                        ticket(Severity.SEV1, true, Impact.STANDARD, "2026-04-04T03:00"), TIERED_2))
                .as("standard impact")
                .isEmpty();
        assertThat(CriticalSituationRule.due(critical, STANDARD))
                .as("not in the standard agreement")
                .isEmpty();
    }

    @Test
    void anAcknowledgedTicketMovesUpALevelWhenItStaysTooLong() {
        // at L1 since Tuesday 09:00; 8 business hours -> Tuesday 17:00
        TicketFacts t = ticket(Severity.SEV3, false, Impact.STANDARD, "2026-04-07T09:00");
        assertThat(FunctionalEscalationRule.due(t, STANDARD, EUROPE)).contains(brussels("2026-04-07T17:00"));
        Decision d = FunctionalEscalationRule.decide(t, STANDARD, EUROPE, brussels("2026-04-08T07:00"))
                .orElseThrow();
        assertThat(d.action()).isEqualTo(EscalationAction.TRANSFER);
        assertThat(d.toLevel()).isEqualTo(SupportLevel.L2);

        TicketFacts unacknowledged = new TicketFacts(
                "t-1",
                "acme",
                Severity.SEV3,
                Impact.STANDARD,
                false,
                SupportLevel.L1,
                false,
                false,
                false,
                t.openedAt(),
                t.openedAt(),
                t.openedAt(),
                Set.of());
        assertThat(FunctionalEscalationRule.due(unacknowledged, STANDARD, EUROPE))
                .isEmpty();
        TicketFacts atL3 = new TicketFacts(
                "t-1",
                "acme",
                Severity.SEV3,
                Impact.STANDARD,
                false,
                SupportLevel.L3,
                true,
                false,
                false,
                t.openedAt(),
                t.openedAt(),
                t.openedAt(),
                Set.of());
        assertThat(FunctionalEscalationRule.due(atL3, STANDARD, EUROPE)).isEqualTo(Optional.empty());
    }

    @Test
    void aResolvedTicketClosesByItselfAfterFiveBusinessDaysUnlessTheCustomerAnswers() {
        EscalationPolicy standard = new EscalationPolicy(
                "standard",
                Duration.ofHours(4),
                null,
                false,
                Duration.ofHours(8),
                Duration.ofHours(16),
                Duration.ofHours(50));
        TicketFacts open = ticket(Severity.SEV3, false, Impact.STANDARD, "2026-03-30T09:00");
        // resolved Thursday 2 April 16:00; Easter Monday (6 April) is a holiday in Europe: 1 h Thursday, 10 h Friday,
        // 30 h Tuesday to Thursday, and the last 9 h end on Friday 10 April at 16:00
        TicketFacts resolved = TicketFactsFold.fold(
                open,
                new TicketResolved(
                        "t-1",
                        "acme",
                        ResolutionKind.FIXED,
                        "patched",
                        Severity.SEV3,
                        "agent",
                        brussels("2026-04-02T16:00")));
        assertThat(AutoCloseRule.due(resolved, standard, EUROPE)).contains(brussels("2026-04-10T16:00"));
        assertThat(Evaluation.due(resolved, ACME, standard, EUROPE, brussels("2026-04-10T15:59")))
                .isEmpty();
        Decision close = Evaluation.due(resolved, ACME, standard, EUROPE, brussels("2026-04-10T16:00"))
                .get(0);
        assertThat(close.action()).isEqualTo(EscalationAction.CLOSE);
        assertThat(close.rule()).isEqualTo(AutoCloseRule.NAME);
        assertThat(close.reason()).contains("quiet period");
        assertThat(Evaluation.nextCheck(resolved, standard, EUROPE, brussels("2026-04-02T16:00")))
                .contains(brussels("2026-04-10T16:00"));

        // the customer rejects the resolution: no close; resolved again later: a new quiet period with its own key
        TicketFacts rejected = TicketFactsFold.fold(
                resolved, new ResolutionRejected("t-1", "acme", "still broken", "ann", brussels("2026-04-03T10:00")));
        assertThat(AutoCloseRule.due(rejected, standard, EUROPE)).isEmpty();
        TicketFacts again = TicketFactsFold.fold(
                rejected,
                new TicketResolved(
                        "t-1",
                        "acme",
                        ResolutionKind.FIXED,
                        "patched",
                        Severity.SEV3,
                        "agent",
                        brussels("2026-04-03T11:00")));
        Decision second = AutoCloseRule.decide(again, standard, EUROPE, brussels("2026-04-20T12:00"))
                .orElseThrow();
        assertThat(second.key()).isNotEqualTo(close.key());

        // closed meanwhile, or a plan without a quiet period: nothing to do
        TicketFacts closed = TicketFactsFold.fold(
                again,
                new TicketClosed(
                        "t-1", "acme", ClosureReason.CONFIRMED_BY_CUSTOMER, "ann", brussels("2026-04-03T12:00")));
        assertThat(AutoCloseRule.due(closed, standard, EUROPE)).isEmpty();
        assertThat(AutoCloseRule.due(again, STANDARD, EUROPE)).isEmpty();
    }
}
