package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore.Delivery;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

import java.nio.charset.StandardCharsets;

/** E-mail through Quarkus Mailer (SMTP). The Message-ID is the delivery id, the same on every attempt. */
public final class EmailSender implements Sender {
    private final Mailer mailer;
    private final String domain;

    public EmailSender(Mailer mailer, String domain) {
        this.mailer = mailer;
        this.domain = domain;
    }

    public static String messageId(String deliveryId, String domain) {
        return "<" + deliveryId + "@" + domain + ">";
    }

    @Override
    public void send(Delivery d, int attempt) {
        mailer.send(Mail.withText(d.recipient(), d.subject(), new String(d.body(), StandardCharsets.UTF_8))
                .addHeader("Message-ID", messageId(d.id(), domain))
                .addHeader("X-Support-Delivery", d.id())
                .addHeader("X-Support-Subject", d.subjectId()));
    }
}
