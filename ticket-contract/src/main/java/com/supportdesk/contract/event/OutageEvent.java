package com.supportdesk.contract.event;

import java.time.Instant;

/** Something that happened to an unplanned outage or a planned maintenance window. */
public sealed interface OutageEvent permits MaintenanceCancelled, MaintenanceScheduled, OutageDeclared, OutageEnded {
    String outageId();

    String application();

    Instant at();

    /** User id of who declared, ended, scheduled or cancelled it. */
    String by();

    /** Calls the {@link Visitor} method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per outage and maintenance event. A consumer that implements it has decided what every type means to it, and a new
     * event type fails compilation until each consumer does.
     */
    interface Visitor<R> {
        R on(MaintenanceCancelled event);

        R on(MaintenanceScheduled event);

        R on(OutageDeclared event);

        R on(OutageEnded event);
    }
}
