package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.notification.webhook.WebhookSignature;
import com.supportdesk.support.Jdbc;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * POSTs the event (CloudEvents structured JSON) to the subscription's URL, signed with its secret and the current
 * time; any 2xx is success. Headers: {@code X-Support-Signature}, {@code X-Support-Delivery} (the same on every attempt:
 * receivers drop repeats with it), {@code X-Support-Attempt}, {@code ce-type}.
 */
public final class WebhookSender implements Sender {
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookSender(DataSource dataSource, Clock clock, Duration timeout) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(Delivery d, int attempt) throws IOException, InterruptedException {
        Optional<Subscription> subscription = Jdbc.inTransaction(dataSource,
                c -> NotificationStore.subscription(c, d.recipient()));
        if (subscription.isEmpty()) {
            throw new IOException("subscription " + d.recipient() + " no longer exists");
        }
        Instant now = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                .timeout(timeout)
                .header("Content-Type", "application/cloudevents+json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(subscription.get().secret(), now, d.body()))
                .header("X-Support-Delivery", d.id())
                .header("X-Support-Attempt", String.valueOf(attempt))
                .header("ce-type", d.triggerType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("HTTP " + response.statusCode()
                    + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
        }
    }
}
