package com.supportdesk.system;

import static com.supportdesk.testinfra.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ticket-service is killed with SIGKILL while a client keeps opening tickets (retrying with the same
 * Idempotency-Key until it gets an answer), then started again. Every ticket the client was told about exists
 * exactly once, and every one of its events reaches Kafka: nothing lost, nothing doubled.
 */
class TicketServiceCrashSystemTest {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static ServiceProcess service;
    private static int port;

    @BeforeAll
    static void startService() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("ticket-service-", ".log");
        service = new ServiceProcess(
                Path.of(System.getProperty("ticket-service.app")),
                port,
                Map.of(
                        "SUPPORT_DB_URL", RealInfrastructure.jdbcUrl(),
                        "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers()),
                log);
        service.start();
        service.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopService() throws InterruptedException {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void killingTheServiceMidStreamLosesNoEventAndOpensNoTicketTwice() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, String> ticketByKey = new HashMap<>();
        AtomicBoolean killed = new AtomicBoolean(false);
        int crashAt = 25;
        for (int i = 0; i < 50; i++) {
            String key = "crash-test-" + i;
            if (i == crashAt) {
                // Fire a request and kill the process while it may be in flight.
                http.sendAsync(open(key), HttpResponse.BodyHandlers.ofString());
                service.kill();
                killed.set(true);
                service.start();
            }
            ticketByKey.put(key, openWithRetries(http, key));
        }
        assertThat(killed).isTrue();
        assertThat(Set.copyOf(ticketByKey.values()))
                .as("one ticket per idempotency key")
                .hasSize(50);

        Set<String> tickets = Set.copyOf(ticketByKey.values());
        List<ConsumerRecord<String, byte[]>> records = TopicReader.await(
                Topics.TICKET_EVENTS,
                r -> tickets.contains(r.key()),
                seen -> seen.stream().map(r -> r.key()).distinct().count() >= tickets.size(),
                Duration.ofSeconds(90));
        Set<String> seenIds = new HashSet<>();
        Map<String, List<String>> typesByTicket = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (seenIds.add(header(r, "ce_id"))) {
                typesByTicket.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(header(r, "ce_type"));
            }
        }
        assertThat(typesByTicket).hasSize(50);
        assertThat(typesByTicket.values())
                .as("each ticket opened exactly once")
                .allSatisfy(types -> assertThat(types).containsExactly("support.ticket.opened.v1"));
    }

    private HttpRequest open(String key) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("Authorization", Http.STAFF)
                .POST(HttpRequest.BodyPublishers.ofString("{\"accountId\":\"crash-test\",\"kind\":\"INCIDENT\","
                        + "\"severity\":\"SEV2\",\"title\":\"Crash test\",\"description\":\"Opened around a crash\"}"))
                .build();
    }

    /** What a careful client does: retry with the same key until the service answers. */
    private String openWithRetries(HttpClient http, String key) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                HttpResponse<String> r = http.send(open(key), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    Matcher m = ID.matcher(r.body());
                    assertThat(m.find()).isTrue();
                    return m.group(1);
                }
                assertThat(r.statusCode())
                        .as("only a restart may interrupt: " + r.body())
                        .isGreaterThanOrEqualTo(500);
            } catch (IOException e) {
                // the service is down or restarting
            }
            Thread.sleep(200); // client back-off between retries while the service restarts
        }
        throw new AssertionError("ticket-service did not come back for " + key);
    }
}
