package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.store.NotificationStore.TicketInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where what an event causes goes, the deliveries it queues and the ticket as the e-mails quote it: written at once
 * ({@link #NOW}), or kept until the poll that caused them has handled all its events, then written with one statement
 * per table for the whole poll ({@link NotificationProcessor.Poll}). Either way they are written in the transaction
 * of the event that caused them.
 */
interface DeliverySink {
    void add(Connection c, List<Delivery> deliveries) throws SQLException;

    /** The ticket as an opening or a reclassification left it (inserted, or its severity updated). */
    void ticketChanged(Connection c, TicketInfo ticket) throws SQLException;

    /** Written now, with one statement each. */
    DeliverySink NOW = new DeliverySink() {
        @Override
        public void add(Connection c, List<Delivery> deliveries) throws SQLException {
            NotificationStore.addDeliveries(c, deliveries);
        }

        @Override
        public void ticketChanged(Connection c, TicketInfo ticket) throws SQLException {
            NotificationStore.saveTicket(c, ticket);
        }
    };
}
