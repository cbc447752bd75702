package com.supportdesk.notification.engine;

import com.supportdesk.notification.mail.MailTemplates;
import com.supportdesk.notification.mail.Mime;
import com.supportdesk.notification.mail.SmtpClient;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * E-mail over SMTP, one sender's own connection kept open between messages ({@link SmtpClient}; ADR 0007). The
 * Message-ID is the delivery id, the same on every attempt; a digest's is the digest id, fixed with its members before
 * the first attempt. A send that gets no answer within the e-mail timeout fails (and is retried later): a server that
 * hangs must not hold its sender, and the deliveries behind it, for ever.
 */
public final class EmailSender implements Sender, AutoCloseable {
    private final SmtpClient smtp;
    private final Mime.Address from;
    private final MailTemplates templates;
    private final String domain;
    private final Clock clock;

    public EmailSender(SmtpClient smtp, Mime.Address from, MailTemplates templates, String domain, Clock clock) {
        this.smtp = smtp;
        this.from = from;
        this.templates = templates;
        this.domain = domain;
        this.clock = clock;
    }

    public static String messageId(String deliveryId, String domain) {
        return "<" + deliveryId + "@" + domain + ">";
    }

    @Override
    public void send(Delivery d, int attempt) throws IOException {
        List<Map.Entry<String, String>> headers = headers(d.id());
        headers.add(Map.entry("X-Support-Subject", d.subjectId()));
        if (d.kind() == com.supportdesk.contract.model.NotificationKind.MONTHLY_REPORT) {
            // the report: a text and an HTML part, and the CSV attached
            ReportDeliveries.Body b = ReportDeliveries.parts(d);
            deliver(new Mime.Message(
                    from,
                    d.recipient(),
                    d.subject(),
                    traced(headers),
                    b.text(),
                    b.html(),
                    new Mime.Attachment(
                            b.csvName(), "text/csv; charset=utf-8", b.csv().getBytes(StandardCharsets.UTF_8))));
        } else {
            deliver(new Mime.Message(
                    from,
                    d.recipient(),
                    d.subject(),
                    traced(headers),
                    new String(d.body(), StandardCharsets.UTF_8),
                    null,
                    null));
        }
    }

    @Override
    public void sendDigest(String digestId, List<Delivery> members, int attempt) throws IOException {
        Delivery first = members.get(0);
        MailTemplates.Rendered digest = templates
                .renderDigest(
                        first.language(),
                        members.stream()
                                .map(d -> new MailTemplates.Item(
                                        d.subject(), new String(d.body(), StandardCharsets.UTF_8)))
                                .toList())
                .orElseThrow(() -> new IllegalStateException("no digest template, not even English"));
        List<Map.Entry<String, String>> headers = headers(digestId);
        headers.add(Map.entry("X-Support-Digest-Size", String.valueOf(members.size())));
        deliver(new Mime.Message(
                from, first.recipient(), digest.subject(), traced(headers), digest.body(), null, null));
    }

    private List<Map.Entry<String, String>> headers(String id) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(5);
        headers.add(Map.entry("Message-ID", messageId(id, domain)));
        headers.add(Map.entry("X-Support-Delivery", id));
        return headers;
    }

    /** The e-mail carries the trace context of its sending ({@code traceparent}), for whoever follows it further. */
    private static List<Map.Entry<String, String>> traced(List<Map.Entry<String, String>> headers) {
        String traceparent = com.supportdesk.support.Tracing.traceparent();
        if (traceparent != null) {
            headers.add(Map.entry("Traceparent", traceparent));
        }
        return headers;
    }

    private void deliver(Mime.Message m) throws IOException {
        ZonedDateTime date = ZonedDateTime.now(clock);
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String boundary = HexFormat.of().formatHex(random);
        smtp.send(from.address(), m.to(), eightBit -> Mime.encode(m, eightBit, date, boundary));
    }

    @Override
    public void close() {
        smtp.close();
    }
}
