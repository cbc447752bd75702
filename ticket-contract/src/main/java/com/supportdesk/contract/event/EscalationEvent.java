package com.supportdesk.contract.event;

import java.time.Instant;

/** Something escalation-service decided (published on {@code escalation-events}, key = ticket id). */
public sealed interface EscalationEvent permits EscalationDecided {
    String ticketId();

    String accountId();

    Instant at();

    /** Calls the {@link Visitor} method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per escalation event. A consumer that implements it has decided what every type means to it, and a new
     * event type fails compilation until each consumer does.
     */
    interface Visitor<R> {
        R on(EscalationDecided event);
    }
}
