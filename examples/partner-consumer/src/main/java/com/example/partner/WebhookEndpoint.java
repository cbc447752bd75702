package com.example.partner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receives the platform's webhooks: {@code POST} of one CloudEvent in structured mode
 * ({@code application/cloudevents+json}). Before anything else it checks {@code X-Support-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscription's secret>} and refuses (401) a wrong
 * signature or a timestamp outside the replay window. While the platform rotates a secret a header carries two
 * {@code v1} values (new and previous secret): either one verifying is enough. A delivery is retried until it gets a 2xx, with the same
 * {@code X-Support-Delivery} id: a repeat is acknowledged (200) without running the handler again.
 */
public final class WebhookEndpoint implements AutoCloseable {
    static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final byte[] secret;
    private final Duration window;
    private final Clock clock;
    private final Consumer<CloudEvent> handler;
    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final Map<String, Boolean> delivered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 100_000;
        }
    };
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public WebhookEndpoint(
            InetSocketAddress address, String secret, Duration window, Clock clock, Consumer<CloudEvent> handler)
            throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.window = window;
        this.clock = clock;
        this.handler = handler;
        this.server = HttpServer.create(address, 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            if (!verify(exchange.getRequestHeaders().getFirst("X-Support-Signature"), body)) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String delivery = exchange.getRequestHeaders().getFirst("X-Support-Delivery");
            synchronized (delivered) {
                if (delivery != null && delivered.containsKey(delivery)) {
                    repeats.incrementAndGet();
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
            }
            CloudEvent event;
            try {
                event = format.deserialize(body);
            } catch (EventDeserializationException e) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            handler.accept(event);
            synchronized (delivered) {
                if (delivery != null) {
                    delivered.put(delivery, Boolean.TRUE);
                }
            }
            accepted.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** The signature is ours and was made within the replay window (either side, for clock skew). */
    boolean verify(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        long t = -1;
        java.util.List<String> v1 = new java.util.ArrayList<>(); // two while the platform rotates the secret
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t") && kv[1].matches("\\d{1,12}")) {
                t = Long.parseLong(kv[1]);
            } else if (kv[0].equals("v1") && kv[1].matches("[0-9a-f]{64}")) {
                v1.add(kv[1]);
            }
        }
        if (t < 0 || v1.isEmpty()) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(t), clock.instant()).abs().compareTo(window) > 0) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = mac.doFinal(body);
            boolean valid = false;
            for (String candidate : v1) {
                valid |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate));
            }
            return valid;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public long accepted() {
        return accepted.get();
    }

    public long repeats() {
        return repeats.get();
    }

    public long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
