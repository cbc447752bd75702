package com.supportdesk.notification.engine;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.NotificationFailed;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.support.Outbox;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** notification-service's outcomes on {@code notification-events}, written to the outbox in the caller's transaction. */
final class Outcomes {
    static final String SOURCE = "notification-service";

    private Outcomes() {}

    /** Writes an outcome to the outbox; its id derives from {@code key}, so a repeat is recognisable. */
    static void publish(Connection c, String key, String subjectId, String accountId, Object data, Instant now)
            throws SQLException {
        NotificationStore.OUTBOX.enqueue(c, List.of(message(key, subjectId, accountId, data, now)));
    }

    /** An outcome's record, for the caller to write with others (its id derives from {@code key}). */
    static Outbox.Outgoing message(String key, String subjectId, String accountId, Object data, Instant now) {
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        CloudEvent envelope =
                new CloudEvent(id, Catalog.of(data.getClass()).type(), SOURCE, subjectId, now, null, accountId, data);
        return new Outbox.Outgoing(
                Topics.NOTIFICATION_EVENTS,
                subjectId,
                com.supportdesk.support.Tracing.stamp(CloudEventCodec.headers(envelope)),
                CloudEventCodec.body(data));
    }

    /** An event that should have told somebody but cannot: published as a {@link NotificationFailed}, not retried. */
    static void failed(
            Connection c,
            CloudEvent e,
            String accountId,
            NotificationChannel channel,
            NotificationKind kind,
            String reason,
            Instant now)
            throws SQLException {
        String subject = e.subject() == null ? "-" : e.subject();
        publish(
                c,
                "failed/" + e.id() + "/" + channel,
                subject,
                accountId,
                new NotificationFailed(
                        null, subject, accountId, channel, kind, null, e.id(), e.type(), reason, false, 0, now),
                now);
    }
}
