package com.supportdesk.escalation.rules;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.model.ClockKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the rules decide for one ticket at one moment, and when to look at it again: pure functions of the facts,
 * with no store and no side effect. escalation-service's processor acts on the decisions (once each, by key) and
 * stores the ticket with its next check.
 */
public final class Evaluation {
    private Evaluation() {}

    /** A breach of one of the ticket's clocks: the strategic account manager is told of a priority ticket's. */
    public static Optional<Decision> onBreach(
            TicketFacts facts, AccountFacts account, ClockKind clock, Duration target, Instant deadline) {
        return StrategicAccountManagerRule.onBreach(
                facts,
                account,
                new SlaBreached(
                        facts.ticketId(),
                        facts.accountId(),
                        clock,
                        null,
                        null,
                        facts.severity(),
                        target,
                        target,
                        deadline,
                        deadline));
    }

    /**
     * The timed rules that are due at {@code now}: a stalled priority ticket, a critical situation, a level's limit, the
     * end of a resolved ticket's quiet period.
     */
    public static List<Decision> due(
            TicketFacts facts, AccountFacts account, EscalationPolicy policy, BusinessCalendar hours, Instant now) {
        List<Decision> decisions = new ArrayList<>();
        StrategicAccountManagerRule.onStall(facts, account, policy, hours, now).ifPresent(decisions::add);
        decisions.addAll(CriticalSituationRule.decide(facts, policy, now));
        FunctionalEscalationRule.decide(facts, policy, hours, now).ifPresent(decisions::add);
        AutoCloseRule.decide(facts, policy, hours, now).ifPresent(decisions::add);
        return decisions;
    }

    /** When a timed rule falls due next, after {@code now}; empty when none will. */
    public static Optional<Instant> nextCheck(
            TicketFacts facts, EscalationPolicy policy, BusinessCalendar hours, Instant now) {
        return Stream.of(
                        StrategicAccountManagerRule.stallDue(facts, policy, hours),
                        CriticalSituationRule.due(facts, policy),
                        FunctionalEscalationRule.due(facts, policy, hours),
                        AutoCloseRule.due(facts, policy, hours))
                .flatMap(Optional::stream)
                .filter(t -> t.isAfter(now))
                .min(Instant::compareTo);
    }
}
