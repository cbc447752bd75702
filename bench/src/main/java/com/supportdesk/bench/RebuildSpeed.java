package com.supportdesk.bench;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
        HttpResponse<String> started = http.send(BenchAuth.bearer(HttpRequest.newBuilder(URI.create(reporting
                + "/api/reports/admin/rebuild"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("rebuild: " + started.statusCode() + " " + started.body());
        while (true) {
            Thread.sleep(1000); // polling another process for the rebuild's end
            String status = http.send(BenchAuth.bearer(HttpRequest.newBuilder(URI.create(reporting
                            + "/api/reports/admin/rebuild")))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            if (!status.contains("\"RUNNING\"")) {
                System.out.println("RESULT " + status);
                return;
            }
        }
    }
}
