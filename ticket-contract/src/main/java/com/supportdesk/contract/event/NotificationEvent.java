package com.supportdesk.contract.event;

import java.time.Instant;

/**
 * An outcome published by notification-service on {@code notification-events}; key = the ticket or outage id it is
 * about.
 */
public interface NotificationEvent {
    /** The ticket or outage the notification is about. */
    String subjectId();

    String accountId();

    Instant at();
}
