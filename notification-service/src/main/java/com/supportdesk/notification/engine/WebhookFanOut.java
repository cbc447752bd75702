package com.supportdesk.notification.engine;

import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.support.Received;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Queues an event for every webhook subscription that wants its type and may see one of the accounts it concerns,
 * as a structured CloudEvent ({@link StructuredCloudEvent}), encoded once however many subscriptions take it.
 */
final class WebhookFanOut {
    private WebhookFanOut() {}

    static void queue(Connection c, CloudEvent e, Received raw, List<String> accounts, Instant now)
            throws SQLException {
        queue(DeliverySink.NOW, c, e, raw, accounts, now, NotificationStore.subscriptions(c));
    }

    /** The same, to {@code subscriptions} (the active ones as the caller's poll began), through {@code sink}. */
    static void queue(
            DeliverySink sink,
            Connection c,
            CloudEvent e,
            Received raw,
            List<String> accounts,
            Instant now,
            List<Subscription> subscriptions)
            throws SQLException {
        if (subscriptions.isEmpty()) {
            return;
        }
        byte[] body = null;
        List<Delivery> queued = new java.util.ArrayList<>();
        for (Subscription s : subscriptions) {
            if (!Subscriptions.wants(s, e.type(), accounts)) {
                continue;
            }
            if (body == null) {
                body = StructuredCloudEvent.encode(raw);
            }
            String account =
                    accounts.stream().filter(s.accounts()::contains).findFirst().orElse(null);
            queued.add(Delivery.pending(
                    DeliveryIds.of(e.id(), NotificationChannel.WEBHOOK, s.id()),
                    e.id(),
                    e.type(),
                    NotificationChannel.WEBHOOK,
                    NotificationKind.EVENT,
                    s.id(),
                    account,
                    e.subject(),
                    null,
                    false,
                    null,
                    body,
                    s.url(),
                    now));
        }
        if (!queued.isEmpty()) {
            sink.add(c, queued); // every subscription's delivery in one statement (or with the poll's)
        }
    }
}
