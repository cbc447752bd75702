package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore.Delivery;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * E-mail through Quarkus Mailer (SMTP). The Message-ID is the delivery id, the same on every attempt. A send that gets
 * no answer within {@code timeout} fails (and is retried later): a server that hangs must not hold its sender, and
 * the deliveries behind it, for ever.
 */
public final class EmailSender implements Sender {
    private final ReactiveMailer mailer;
    private final String domain;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, String domain, Duration timeout) {
        this.mailer = mailer;
        this.domain = domain;
        this.timeout = timeout;
    }

    public static String messageId(String deliveryId, String domain) {
        return "<" + deliveryId + "@" + domain + ">";
    }

    @Override
    public void send(Delivery d, int attempt) {
        mailer.send(Mail.withText(d.recipient(), d.subject(), new String(d.body(), StandardCharsets.UTF_8))
                .addHeader("Message-ID", messageId(d.id(), domain))
                .addHeader("X-Support-Delivery", d.id())
                .addHeader("X-Support-Subject", d.subjectId())).await().atMost(timeout);
    }
}
