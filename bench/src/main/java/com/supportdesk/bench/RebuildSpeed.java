package com.supportdesk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * Writes N synthetic ticket lifecycles (7 events each, on ticket-events and sla-events) straight to Kafka, then asks
 * reporting-service to rebuild its read model from the topics and prints the rebuild's own figures (events, events/s).
 * Usage: RebuildSpeed [--tickets=20000] [--kafka=localhost:9092] [--reporting=http://localhost:8085]
 */
public final class RebuildSpeed {
    public static void main(String[] args) throws Exception {
        int tickets = 20_000;
        String kafka = "localhost:9092";
        String reporting = "http://localhost:8085";
        for (String a : args) {
            if (a.startsWith("--tickets=")) {
                tickets = Integer.parseInt(a.substring(10));
            } else if (a.startsWith("--kafka=")) {
                kafka = a.substring(8);
            } else if (a.startsWith("--reporting=")) {
                reporting = a.substring(12);
            }
        }
        String account = "rebuild-bench-" + UUID.randomUUID().toString().substring(0, 8);
        final String forAccount = account;
        long sent = Backlog.write(kafka, tickets, n -> forAccount);
        System.out.printf("wrote %d events (%d tickets) for account %s%n", sent, tickets, account);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = http.send(
                BenchAuth.bearer(HttpRequest.newBuilder(URI.create(reporting + "/api/reports/admin/rebuild")))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("rebuild: " + started.statusCode() + " " + started.body());
        while (true) {
            Thread.sleep(1000); // polling another process for the rebuild's end
            String status = http.send(
                            BenchAuth.bearer(HttpRequest.newBuilder(
                                            URI.create(reporting + "/api/reports/admin/rebuild")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (!status.contains("\"RUNNING\"")) {
                System.out.println("RESULT " + status);
                return;
            }
        }
    }
}
