package com.supportdesk.contract.event;

import java.time.Instant;

/**
 * An outcome published by notification-service on {@code notification-events}; key = the ticket or outage id it is
 * about.
 */
public sealed interface NotificationEvent
        permits MaintenanceNoticeJudged, NotificationFailed, NotificationSent, OutageNoticeDecided, ReportDelivered {
    /** The ticket or outage the notification is about. */
    String subjectId();

    String accountId();

    Instant at();

    /** Calls the {@link Visitor} method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per notification event. A consumer that implements it has decided what every type means to it, and a new
     * event type fails compilation until each consumer does.
     */
    interface Visitor<R> {
        R on(MaintenanceNoticeJudged event);

        R on(NotificationFailed event);

        R on(ReportDelivered event);

        R on(NotificationSent event);

        R on(OutageNoticeDecided event);
    }
}
