package com.supportdesk.contract.event;

import com.supportdesk.contract.model.ClockKind;
import java.time.Instant;

/** Something that happened to one SLA clock of a ticket (published by sla-service on {@code sla-events}). */
public sealed interface SlaEvent
        permits ClockPaused, ClockResumed, ClockRetargeted, ClockStarted, SlaBreached, SlaMet, SlaMissed, SlaWarning {
    String ticketId();

    String accountId();

    ClockKind clock();

    Instant at();

    /** Calls the {@link Visitor} method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per SLA event. A consumer that implements it has decided what every type means to it, and a new
     * event type fails compilation until each consumer does.
     */
    interface Visitor<R> {
        R on(ClockPaused event);

        R on(ClockResumed event);

        R on(ClockRetargeted event);

        R on(ClockStarted event);

        R on(SlaBreached event);

        R on(SlaMet event);

        R on(SlaMissed event);

        R on(SlaWarning event);
    }
}
