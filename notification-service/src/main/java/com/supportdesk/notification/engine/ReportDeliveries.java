package com.supportdesk.notification.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.contract.event.ReportDelivered;
import com.supportdesk.contract.event.ReportIssued;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.notification.mail.ReportMail;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

/**
 * The monthly report's e-mails: one delivery per designated contact and issue (its id derives from the issue's event
 * and the address, so a redelivered issue queues nothing more), sent by the e-mail senders like every other e-mail
 * (retried, parked, replayable), and each one sent is published as {@code support.report.delivered.v1}. A report
 * delivery's body holds its parts (text, HTML, the CSV) as JSON: {@link #parts}.
 */
final class ReportDeliveries {
    private static final ObjectMapper JSON = CloudEventCodec.mapper();

    /** What a report delivery's body holds. */
    record Body(String text, String html, String csvName, String csv, String month, int issue, boolean resend) {}

    private ReportDeliveries() {}

    static String subjectOf(String accountId, String month) {
        return "report:" + accountId + ":" + month;
    }

    /** Queues the issue's e-mails to the account's designated contacts; returns how many. */
    static int queue(Connection c, CloudEvent e, ReportIssued r, AccountProfile account, Instant now)
            throws SQLException {
        Set<String> to = Recipients.contacts(account, null);
        String subjectId = subjectOf(r.accountId(), r.month());
        if (to.isEmpty()) {
            Outcomes.failed(
                    c,
                    e,
                    r.accountId(),
                    NotificationChannel.EMAIL,
                    NotificationKind.MONTHLY_REPORT,
                    "account " + r.accountId() + " has no designated contact with an e-mail address",
                    now);
            return 0;
        }
        ReportMail.Parts parts = ReportMail.render(r, account.language());
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(new Body(
                    parts.text(), parts.html(), parts.csvName(), parts.csv(), r.month(), r.issue(), r.resend()));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        java.util.List<Delivery> queued = new java.util.ArrayList<>(to.size());
        for (String address : to) {
            queued.add(Delivery.pending(
                    DeliveryIds.of(e.id(), NotificationChannel.EMAIL, address),
                    e.id(),
                    e.type(),
                    NotificationChannel.EMAIL,
                    NotificationKind.MONTHLY_REPORT,
                    address,
                    r.accountId(),
                    subjectId,
                    account.language(),
                    false,
                    parts.subject(),
                    body,
                    null,
                    now));
        }
        NotificationStore.addDeliveries(c, queued); // the designated contacts in one statement
        return to.size();
    }

    /** The parts of a report delivery's body. */
    static Body parts(Delivery d) {
        try {
            return JSON.readValue(d.body(), Body.class);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Publishes a sent report e-mail, in the caller's transaction (beside its support.notification.sent.v1). */
    static void delivered(Connection c, Delivery d, int attempt, Instant now) throws SQLException {
        Body b = parts(d);
        Outcomes.publish(
                c,
                "report-delivered/" + d.id(),
                d.subjectId(),
                d.accountId(),
                new ReportDelivered(
                        d.id(),
                        d.subjectId(),
                        d.accountId(),
                        b.month(),
                        b.issue(),
                        b.resend(),
                        d.recipient(),
                        d.language(),
                        d.triggerId(),
                        attempt,
                        now),
                now);
    }
}
