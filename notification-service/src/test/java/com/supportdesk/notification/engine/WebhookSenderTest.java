package com.supportdesk.notification.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.supportdesk.notification.webhook.WebhookTargets;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP exchange of a webhook over a real connection: pinned address, no redirects, bounded reads. */
class WebhookSenderTest {
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private Vertx vertx;
    private HttpServer server;
    private WebhookSender sender;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            paths.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            switch (exchange.getRequestURI().getPath()) {
                case "/ok" -> exchange.sendResponseHeaders(204, -1);
                case "/moved" -> {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/inside");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/huge" -> {
                    exchange.sendResponseHeaders(500, 0); // chunked, and it does not stop
                    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 2048; i++) { // 128 MiB unless the client stops reading
                            out.write(chunk);
                        }
                    } catch (IOException expected) {
                        // the client hung up
                    }
                }
                case "/silent" -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        sender = new WebhookSender(
                null, Clock.systemUTC(), Duration.ofSeconds(1), new WebhookTargets(List.of()), null, vertx);
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.stop(0);
        vertx.close();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    /** A target as the check leaves it: the URL's host name, and the address that was checked for it. */
    private WebhookTargets.Target target(String path) throws Exception {
        return new WebhookTargets.Target(
                URI.create("http://hooks.partner.test:" + port() + path), InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void theConnectionGoesToTheCheckedAddressUnderTheUrlsHostName() throws Exception {
        sender.exchange(target("/ok"), Map.of("X-Support-Delivery", "d-1"), "{}".getBytes());
        assertThat(hosts).containsExactly("hooks.partner.test:" + port());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        assertThatThrownBy(() -> sender.exchange(target("/moved"), Map.of(), "{}".getBytes()))
                .hasMessageContaining("HTTP 302")
                .hasMessageContaining("not followed");
        assertThat(paths).containsExactly("/moved");
    }

    @Test
    void anEndlessAnswerIsReadOnlyUpToTheCap() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> sender.exchange(target("/huge"), Map.of(), "{}".getBytes()))
                .hasMessageStartingWith("HTTP 500: xxx")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> sender.exchange(target("/silent"), Map.of(), "{}".getBytes()))
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
