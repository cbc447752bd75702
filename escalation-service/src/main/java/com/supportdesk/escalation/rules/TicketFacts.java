package com.supportdesk.escalation.rules;

import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What escalation-service knows of a ticket, folded from ticket-events.
 *
 * @param lastProgressAt when support last moved the ticket (any event but the customer's own requests)
 * @param levelSince     when the ticket reached its current support level
 * @param escalatedTo    escalation points already reached (a ticket escalates to each at most once)
 * @param resolvedAt     when the ticket was last resolved; null while it is not resolved
 */
public record TicketFacts(
        String ticketId,
        String accountId,
        Severity severity,
        Impact impact,
        boolean priority,
        SupportLevel level,
        boolean acknowledged,
        boolean resolved,
        boolean closed,
        Instant openedAt,
        Instant lastProgressAt,
        Instant levelSince,
        Set<EscalationTarget> escalatedTo,
        Instant resolvedAt) {

    public TicketFacts {
        escalatedTo = Set.copyOf(escalatedTo);
    }

    /** Facts of a ticket not resolved. */
    public TicketFacts(
            String ticketId,
            String accountId,
            Severity severity,
            Impact impact,
            boolean priority,
            SupportLevel level,
            boolean acknowledged,
            boolean resolved,
            boolean closed,
            Instant openedAt,
            Instant lastProgressAt,
            Instant levelSince,
            Set<EscalationTarget> escalatedTo) {
        this(
                ticketId,
                accountId,
                severity,
                impact,
                priority,
                level,
                acknowledged,
                resolved,
                closed,
                openedAt,
                lastProgressAt,
                levelSince,
                escalatedTo,
                null);
    }

    /** The same facts with {@code target} reached (an escalation just decided). */
    public TicketFacts withEscalation(EscalationTarget target) {
        Set<EscalationTarget> escalated = EnumSet.noneOf(EscalationTarget.class);
        escalated.addAll(escalatedTo);
        escalated.add(target);
        return new TicketFacts(
                ticketId,
                accountId,
                severity,
                impact,
                priority,
                level,
                acknowledged,
                resolved,
                closed,
                openedAt,
                lastProgressAt,
                levelSince,
                escalated,
                resolvedAt);
    }

    /** Still being worked: neither resolved nor closed. */
    public boolean active() {
        return !resolved && !closed;
    }
}
