package com.supportdesk.escalation.rules;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.contract.model.EscalationAction;
import java.time.Instant;
import java.util.Optional;

/**
 * A resolved ticket closes by itself after the plan's quiet period (business time on the account's support hours)
 * when the customer neither confirmed nor rejected the resolution. A rejection reopens the ticket and cancels it; a
 * second resolution starts a new quiet period, with a decision key of its own.
 */
public final class AutoCloseRule {
    public static final String NAME = "auto-close";

    private AutoCloseRule() {}

    public static Optional<Instant> due(TicketFacts ticket, EscalationPolicy policy, BusinessCalendar hours) {
        if (!ticket.resolved() || ticket.closed() || ticket.resolvedAt() == null || policy.autoCloseAfter() == null) {
            return Optional.empty();
        }
        return Optional.of(hours.deadline(ticket.resolvedAt(), policy.autoCloseAfter()));
    }

    public static Optional<Decision> decide(
            TicketFacts ticket, EscalationPolicy policy, BusinessCalendar hours, Instant now) {
        return due(ticket, policy, hours)
                .filter(due -> !due.isAfter(now))
                .map(due -> new Decision(
                        NAME,
                        EscalationAction.CLOSE,
                        null,
                        null,
                        "resolved " + ticket.resolvedAt()
                                + " and no answer from the customer within the quiet period of "
                                + policy.autoCloseAfter() + " business time (" + policy.plan() + ")",
                        null,
                        NAME + "/" + ticket.ticketId() + "/"
                                + ticket.resolvedAt().toEpochMilli()));
    }
}
