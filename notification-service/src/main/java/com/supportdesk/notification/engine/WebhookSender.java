package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.notification.webhook.WebhookSecrets;
import com.supportdesk.notification.webhook.WebhookSignature;
import com.supportdesk.notification.webhook.WebhookTargets;
import com.supportdesk.support.Jdbc;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * POSTs the event (CloudEvents structured JSON) to the subscription's URL, signed with its secret and the current
 * time; any 2xx is success. Headers: {@code X-Support-Signature}, {@code X-Support-Delivery} (the same on every attempt:
 * receivers drop repeats with it), {@code X-Support-Attempt}, {@code ce-type}.
 *
 * <p>Before each attempt the target is checked again ({@link WebhookTargets}: https, public addresses only) and the
 * connection goes to the address that was checked, with the URL's host name kept for TLS (SNI, certificate check) and
 * the {@code Host} header. Redirects are not followed (a 3xx is a failure); at most {@value #MAX_RESPONSE_BYTES} bytes
 * of an answer are read; connecting and each read have a timeout, and so has the whole exchange.
 */
public final class WebhookSender implements Sender {
    static final int MAX_RESPONSE_BYTES = 4096;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration timeout;
    private final WebhookTargets targets;
    private final WebhookSecrets secrets;
    private final HttpClient http;

    public WebhookSender(
            DataSource dataSource,
            Clock clock,
            Duration timeout,
            WebhookTargets targets,
            WebhookSecrets secrets,
            Vertx vertx) {
        this.dataSource = dataSource;
        this.secrets = secrets;
        this.clock = clock;
        this.timeout = timeout;
        this.targets = targets;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true)
                .setForceSni(true)
                .setMaxPoolSize(8)
                .setKeepAliveTimeout(30));
    }

    private record Answer(int status, String head) {}

    @Override
    public void send(Delivery d, int attempt) throws IOException, InterruptedException {
        Optional<Subscription> subscription =
                Jdbc.inTransaction(dataSource, c -> NotificationStore.subscription(c, d.recipient()));
        if (subscription.isEmpty()) {
            throw new IOException("subscription " + d.recipient() + " no longer exists");
        }
        WebhookTargets.Target target;
        try {
            target = targets.check(d.url());
        } catch (WebhookTargets.Refused e) {
            throw new IOException("target refused: url " + e.getMessage());
        }
        Instant now = clock.instant();
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of(
                "Content-Type",
                "application/cloudevents+json",
                WebhookSignature.HEADER,
                WebhookSignature.sign(secrets.signingSecrets(subscription.get(), now), now, d.body()),
                "X-Support-Delivery",
                d.id(),
                "X-Support-Attempt",
                String.valueOf(attempt),
                "ce-type",
                d.triggerType()));
        // the partner may continue the trace: the W3C header of this delivery's span
        com.supportdesk.support.Tracing.stampPlain(headers, io.opentelemetry.context.Context.current());
        exchange(target, headers, d.body());
    }

    /** POSTs {@code body} to a checked target (its address, its URL's host for TLS and Host); fails unless 2xx. */
    void exchange(WebhookTargets.Target target, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        int port = target.url().getPort() > 0
                ? target.url().getPort()
                : "https".equalsIgnoreCase(target.url().getScheme()) ? 443 : 80;
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(target.url().toString())
                .setServer(
                        SocketAddress.inetSocketAddress(port, target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::putHeader);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        http.request(options)
                .onFailure(answer::completeExceptionally)
                .onSuccess(request -> request.send(Buffer.buffer(body))
                        .onFailure(answer::completeExceptionally)
                        .onSuccess(response -> {
                            Buffer head = Buffer.buffer();
                            response.exceptionHandler(answer::completeExceptionally);
                            response.handler(chunk -> {
                                int room = MAX_RESPONSE_BYTES - head.length();
                                if (room > 0) {
                                    head.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
                                } else {
                                    // enough of it: stop reading a body that may never end
                                    answer.complete(new Answer(response.statusCode(), head.toString()));
                                    request.reset();
                                }
                            });
                            response.endHandler(
                                    v -> answer.complete(new Answer(response.statusCode(), head.toString())));
                        }));
        Answer a;
        try {
            a = answer.get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("no answer within " + timeout.multipliedBy(2));
        } catch (ExecutionException e) {
            throw new IOException(
                    e.getCause().getClass().getSimpleName() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
        if (a.status() / 100 == 3) {
            throw new IOException("HTTP " + a.status() + ": redirects are not followed");
        }
        if (a.status() / 100 != 2) {
            String head = a.head() == null ? "" : a.head().strip();
            throw new IOException("HTTP " + a.status()
                    + (head.isBlank() ? "" : ": " + head.substring(0, Math.min(200, head.length()))));
        }
    }
}
