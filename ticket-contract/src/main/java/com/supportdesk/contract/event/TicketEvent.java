package com.supportdesk.contract.event;

import java.time.Instant;

/** Something that happened to a ticket. Carries the account so consumers can act without calling back. */
public sealed interface TicketEvent
        permits InternalNoteAdded,
                MessageAdded,
                PriorityHandlingGranted,
                PriorityHandlingRefused,
                PriorityHandlingRequested,
                ResolutionRejected,
                SeverityReclassified,
                SeverityReviewRequested,
                TicketAcknowledged,
                TicketClosed,
                TicketEscalated,
                TicketOpened,
                TicketPutOnHold,
                TicketResolved,
                TicketResumed,
                TicketScopeFlagged,
                TicketTransferred {
    String ticketId();

    String accountId();

    /** When it happened (service clock). */
    Instant at();

    /** User id of who caused it, or the service identity for what the platform did by itself. */
    String by();

    /** Calls the {@link Visitor} method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per ticket event. A consumer that implements it has decided what every type means to it, and a new
     * event type fails compilation until each consumer does.
     */
    interface Visitor<R> {
        R on(InternalNoteAdded event);

        R on(MessageAdded event);

        R on(PriorityHandlingGranted event);

        R on(PriorityHandlingRefused event);

        R on(PriorityHandlingRequested event);

        R on(ResolutionRejected event);

        R on(SeverityReclassified event);

        R on(SeverityReviewRequested event);

        R on(TicketAcknowledged event);

        R on(TicketClosed event);

        R on(TicketEscalated event);

        R on(TicketOpened event);

        R on(TicketPutOnHold event);

        R on(TicketScopeFlagged event);

        R on(TicketResolved event);

        R on(TicketResumed event);

        R on(TicketTransferred event);
    }
}
