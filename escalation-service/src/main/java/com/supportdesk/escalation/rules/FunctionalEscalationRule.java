package com.supportdesk.escalation.rules;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.SupportLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Functional escalation: an acknowledged, unresolved ticket that stays at the service desk (L1) or at L2 longer than
 * the plan allows (business time of the region's calendar) moves up one level. Transfers need an acknowledged
 * ticket (ADR 0003); an unacknowledged one is the SLA's business (warnings, breach).
 */
public final class FunctionalEscalationRule {
    public static final String NAME = "functional-escalation";

    private FunctionalEscalationRule() {}

    public static Optional<Instant> due(TicketFacts ticket, EscalationPolicy policy, BusinessCalendar hours) {
        Duration after = limit(ticket, policy);
        if (after == null || !ticket.acknowledged() || !ticket.active()) {
            return Optional.empty();
        }
        return Optional.of(hours.deadline(ticket.levelSince(), after));
    }

    public static Optional<Decision> decide(
            TicketFacts ticket, EscalationPolicy policy, BusinessCalendar hours, Instant now) {
        Optional<Instant> due = due(ticket, policy, hours);
        if (due.isEmpty() || due.get().isAfter(now)) {
            return Optional.empty();
        }
        SupportLevel next = ticket.level() == SupportLevel.L1 ? SupportLevel.L2 : SupportLevel.L3;
        return Optional.of(new Decision(
                NAME,
                EscalationAction.TRANSFER,
                null,
                next,
                "at " + ticket.level() + " since " + ticket.levelSince() + ", longer than " + limit(ticket, policy)
                        + " of business time (" + policy.plan() + ")",
                null,
                NAME + "/" + ticket.ticketId() + "/" + next + "/" + ticket.levelSince()));
    }

    private static Duration limit(TicketFacts ticket, EscalationPolicy policy) {
        return switch (ticket.level()) {
            case L1 -> policy.l1ToL2After();
            case L2 -> policy.l2ToL3After();
            case L3 -> null;
        };
    }
}
