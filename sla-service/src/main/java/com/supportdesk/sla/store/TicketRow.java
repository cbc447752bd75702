package com.supportdesk.sla.store;

import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import java.time.Instant;

/**
 * What sla-service keeps of a ticket.
 *
 * @param lastSequence the ticket-events sequence number last applied
 * @param slaSequence  the sequence number of the last sla-events message of this ticket
 * @param state        OPEN, ON_HOLD, RESOLVED or CLOSED
 * @param followUpDowngraded its 24/7 follow-up was downgraded to business hours: its follow-up clocks count there
 * @param trace        the W3C {@code traceparent} of the last change of its clocks (null if untraced): the parent of
 *                     the warnings and breaches its timers fire later, so they join that trace
 */
public record TicketRow(
        String ticketId,
        String accountId,
        long lastSequence,
        long slaSequence,
        String policy,
        String region,
        Severity severity,
        Impact impact,
        String state,
        Instant openedAt,
        String trace,
        boolean followUpDowngraded) {

    public TicketRow withSequence(long sequence) {
        return new TicketRow(
                ticketId,
                accountId,
                sequence,
                slaSequence,
                policy,
                region,
                severity,
                impact,
                state,
                openedAt,
                trace,
                followUpDowngraded);
    }

    public TicketRow withSlaSequence(long sequence) {
        return new TicketRow(
                ticketId,
                accountId,
                lastSequence,
                sequence,
                policy,
                region,
                severity,
                impact,
                state,
                openedAt,
                trace,
                followUpDowngraded);
    }

    public TicketRow withState(String newState) {
        return new TicketRow(
                ticketId,
                accountId,
                lastSequence,
                slaSequence,
                policy,
                region,
                severity,
                impact,
                newState,
                openedAt,
                trace,
                followUpDowngraded);
    }

    public TicketRow withSeverity(Severity newSeverity) {
        return new TicketRow(
                ticketId,
                accountId,
                lastSequence,
                slaSequence,
                policy,
                region,
                newSeverity,
                impact,
                state,
                openedAt,
                trace,
                followUpDowngraded);
    }

    public TicketRow withTrace(String traceparent) {
        return new TicketRow(
                ticketId,
                accountId,
                lastSequence,
                slaSequence,
                policy,
                region,
                severity,
                impact,
                state,
                openedAt,
                traceparent,
                followUpDowngraded);
    }

    public TicketRow withFollowUpDowngraded() {
        return new TicketRow(
                ticketId,
                accountId,
                lastSequence,
                slaSequence,
                policy,
                region,
                severity,
                impact,
                state,
                openedAt,
                trace,
                true);
    }
}
