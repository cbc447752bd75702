package com.supportdesk.notification.engine;

import com.supportdesk.contract.event.NotificationFailed;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.notification.mail.MailTemplates;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders an e-mail in the account's language and queues one delivery per address, for the DeliveryWorker. */
final class EmailQueue {
    private final MailTemplates templates;

    EmailQueue(MailTemplates templates) {
        this.templates = templates;
    }

    /**
     * Renders and queues one e-mail per distinct address, to {@code sink}; returns how many addresses there were.
     */
    int queue(
            DeliverySink sink,
            Connection c,
            String triggerId,
            String triggerType,
            String accountId,
            String subjectId,
            AccountProfile account,
            NotificationKind kind,
            Map<String, String> data,
            Set<String> recipients,
            Instant now)
            throws SQLException {
        Optional<MailTemplates.Rendered> rendered = templates.render(kind, account.language(), data);
        if (rendered.isEmpty()) {
            Outcomes.publish(
                    c,
                    "failed/" + triggerId + "/EMAIL",
                    subjectId,
                    accountId,
                    new NotificationFailed(
                            null,
                            subjectId,
                            accountId,
                            NotificationChannel.EMAIL,
                            kind,
                            null,
                            triggerId,
                            triggerType,
                            "no " + kind + " template, not even English",
                            false,
                            0,
                            now),
                    now);
            return 0;
        }
        MailTemplates.Rendered r = rendered.get();
        java.util.List<Delivery> queued = new java.util.ArrayList<>(recipients.size());
        for (String to : recipients) {
            queued.add(Delivery.pending(
                    DeliveryIds.of(triggerId, NotificationChannel.EMAIL, to),
                    triggerId,
                    triggerType,
                    NotificationChannel.EMAIL,
                    kind,
                    to,
                    accountId,
                    subjectId,
                    r.language(),
                    r.fallback(),
                    r.subject(),
                    r.body().getBytes(StandardCharsets.UTF_8),
                    null,
                    now));
        }
        sink.add(c, queued); // the recipients in one statement (or with the poll's)
        return recipients.size();
    }
}
