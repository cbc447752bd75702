package com.supportdesk.notification.engine;

import com.supportdesk.notification.mail.MailTemplates;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * E-mail through Quarkus Mailer (SMTP; the mailer keeps its connections open and reuses them). The Message-ID is the
 * delivery id, the same on every attempt; a digest's is the digest id, fixed with its members before the first
 * attempt. A send that gets no answer within {@code timeout} fails (and is retried later): a server that hangs must
 * not hold its sender, and the deliveries behind it, for ever.
 */
public final class EmailSender implements Sender {
    private final ReactiveMailer mailer;
    private final MailTemplates templates;
    private final String domain;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, MailTemplates templates, String domain, Duration timeout) {
        this.mailer = mailer;
        this.templates = templates;
        this.domain = domain;
        this.timeout = timeout;
    }

    public static String messageId(String deliveryId, String domain) {
        return "<" + deliveryId + "@" + domain + ">";
    }

    @Override
    public void send(Delivery d, int attempt) {
        Mail mail;
        if (d.kind() == com.supportdesk.contract.model.NotificationKind.MONTHLY_REPORT) {
            // the report: a text and an HTML part, and the CSV attached
            ReportDeliveries.Body b = ReportDeliveries.parts(d);
            mail = Mail.withText(d.recipient(), d.subject(), b.text())
                    .setHtml(b.html())
                    .addAttachment(b.csvName(), b.csv().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
        } else {
            mail = Mail.withText(d.recipient(), d.subject(), new String(d.body(), StandardCharsets.UTF_8));
        }
        mailer.send(traced(mail.addHeader("Message-ID", messageId(d.id(), domain))
                        .addHeader("X-Support-Delivery", d.id())
                        .addHeader("X-Support-Subject", d.subjectId())))
                .await()
                .atMost(timeout);
    }

    /** The e-mail carries the trace context of its sending ({@code traceparent}), for whoever follows it further. */
    private static Mail traced(Mail mail) {
        String traceparent = com.supportdesk.support.Tracing.traceparent();
        return traceparent == null ? mail : mail.addHeader("Traceparent", traceparent);
    }

    @Override
    public void sendDigest(String digestId, List<Delivery> members, int attempt) {
        Delivery first = members.get(0);
        MailTemplates.Rendered digest = templates
                .renderDigest(
                        first.language(),
                        members.stream()
                                .map(d -> new MailTemplates.Item(
                                        d.subject(), new String(d.body(), StandardCharsets.UTF_8)))
                                .toList())
                .orElseThrow(() -> new IllegalStateException("no digest template, not even English"));
        mailer.send(traced(Mail.withText(first.recipient(), digest.subject(), digest.body())
                        .addHeader("Message-ID", messageId(digestId, domain))
                        .addHeader("X-Support-Delivery", digestId)
                        .addHeader("X-Support-Digest-Size", String.valueOf(members.size()))))
                .await()
                .atMost(timeout);
    }
}
