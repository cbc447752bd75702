package com.supportdesk.sla.store;

import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Region;
import com.supportdesk.contract.model.Severity;
import java.time.Instant;

/**
 * What sla-service keeps of a ticket.
 *
 * @param lastSequence the ticket-events sequence number last applied
 * @param slaSequence  the sequence number of the last sla-events message of this ticket
 * @param state        OPEN, ON_HOLD, RESOLVED or CLOSED
 */
public record TicketRow(
        String ticketId,
        String accountId,
        long lastSequence,
        long slaSequence,
        String policy,
        Region region,
        Severity severity,
        Impact impact,
        String state,
        Instant openedAt) {

    public TicketRow withSequence(long sequence) {
        return new TicketRow(
                ticketId, accountId, sequence, slaSequence, policy, region, severity, impact, state, openedAt);
    }

    public TicketRow withSlaSequence(long sequence) {
        return new TicketRow(
                ticketId, accountId, lastSequence, sequence, policy, region, severity, impact, state, openedAt);
    }

    public TicketRow withState(String newState) {
        return new TicketRow(
                ticketId, accountId, lastSequence, slaSequence, policy, region, severity, impact, newState, openedAt);
    }

    public TicketRow withSeverity(Severity newSeverity) {
        return new TicketRow(
                ticketId, accountId, lastSequence, slaSequence, policy, region, newSeverity, impact, state, openedAt);
    }
}
