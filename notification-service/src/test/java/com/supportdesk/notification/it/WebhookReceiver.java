package com.supportdesk.notification.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner's endpoint: a real HTTP server that records every request and fails the first {@code failures} ones.
 * Every body is checked against the published contract (CloudEvents structured mode, the type's JSON Schema); a body
 * that does not match fails the test when the receiver is closed.
 */
final class WebhookReceiver implements AutoCloseable {
    record Request(Map<String, List<String>> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger failures;
    private final List<String> violations = new CopyOnWriteArrayList<>();

    WebhookReceiver(int failures) {
        this(failures, "127.0.0.1");
    }

    /** Listening on {@code bind} ({@code 0.0.0.0}: every local address, 127.0.0.2 included). */
    WebhookReceiver(int failures, String bind) {
        this.failures = new AtomicInteger(failures);
        try {
            server = HttpServer.create(new InetSocketAddress(bind, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status = this.failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body, status));
            com.supportdesk.testinfra.PublishedRecords.webhookViolations(body)
                    .forEach(v -> violations.add(exchange.getRequestHeaders().getFirst("ce-id") + ": " + v));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> succeeded() {
        return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        if (!violations.isEmpty()) {
            throw new AssertionError("webhook bodies that do not match the contract: " + violations);
        }
    }
}
