package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where queued deliveries go: into the queue at once ({@link #NOW}), or kept until the poll that caused them has
 * handled all its events, then written with one statement for the whole poll ({@link NotificationProcessor.Poll}).
 * Either way they are written in the transaction of the event that caused them.
 */
@FunctionalInterface
interface DeliverySink {
    void add(Connection c, List<Delivery> deliveries) throws SQLException;

    /** Written now, with one statement for the deliveries given. */
    DeliverySink NOW = NotificationStore::addDeliveries;
}
