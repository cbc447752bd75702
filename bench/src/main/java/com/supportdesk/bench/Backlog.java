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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Synthetic ticket lifecycles written straight to Kafka, as the services would have written them: per ticket an
 * opening, its response clock, an acknowledgement, the response met, a resolution, the resolution met and the closing
 * (seven events on ticket-events and sla-events). A backlog for the catch-up and rebuild benchmarks.
 * Usage: Backlog --events=1000000 [--accounts=8] [--prefix=bench] [--kafka=localhost:9092]  (accounts
 * PREFIX-0 .. PREFIX-(n-1); the stack's bench-N accounts are registered, so their events cause e-mails)
 */
public final class Backlog {
    public static final int EVENTS_PER_TICKET = 7;

    public static void main(String[] args) {
        long events = 1_000_000;
        int accounts = 8;
        String kafka = "localhost:9092";
        String prefix = "bench";
        for (String a : args) {
            if (a.startsWith("--prefix=")) {
                prefix = a.substring(9);
            }
            if (a.startsWith("--events=")) {
                events = Long.parseLong(a.substring(9));
            } else if (a.startsWith("--accounts=")) {
                accounts = Integer.parseInt(a.substring(11));
            } else if (a.startsWith("--kafka=")) {
                kafka = a.substring(8);
            }
        }
        long tickets = (events + EVENTS_PER_TICKET - 1) / EVENTS_PER_TICKET;
        long started = System.nanoTime();
        int n = accounts;
        String p = prefix;
        long sent = write(kafka, tickets, i -> p + "-" + (i % n));
        System.out.printf(
                "RESULT backlog_events=%d tickets=%d seconds=%.1f%n",
                sent, tickets, (System.nanoTime() - started) / 1e9);
    }

    /** A producer for writing backlogs fast: leader acknowledgement only, large batches. */
    static KafkaProducer<String, byte[]> producer(String kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ProducerConfig.ACKS_CONFIG,
                        "1",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Writes {@code tickets} lifecycles for the accounts {@code account} names; returns the events written. */
    public static long write(String kafka, long tickets, java.util.function.LongFunction<String> account) {
        Instant t0 = Instant.parse("2026-10-01T08:00:00Z");
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (long i = 0; i < tickets; i++) {
                String acc = account.apply(i);
                String id = "bk-" + UUID.randomUUID();
                Instant at = t0.plusSeconds(i % 1_000_000 * 60L);
                Severity sev = Severity.values()[(int) (i % 4)];
                sent += send(
                        producer,
                        Topics.TICKET_EVENTS,
                        id,
                        0L,
                        new TicketOpened(
                                id,
                                acc,
                                "BK-" + i,
                                TicketKind.INCIDENT,
                                sev,
                                Impact.STANDARD,
                                null,
                                sev.ordinal() < 2,
                                SupportLevel.L1,
                                "bench",
                                "bench",
                                "erp",
                                null,
                                "bench",
                                at));
                sent += send(
                        producer,
                        Topics.SLA_EVENTS,
                        id,
                        1L,
                        new ClockStarted(
                                id,
                                acc,
                                ClockKind.RESPONSE,
                                "standard",
                                "europe",
                                sev,
                                Duration.ofHours(1),
                                Duration.ZERO,
                                at.plusSeconds(3600),
                                at));
                sent += send(
                        producer,
                        Topics.TICKET_EVENTS,
                        id,
                        1L,
                        new TicketAcknowledged(id, acc, sev, null, at, "agent", at.plusSeconds(600)));
                sent += send(
                        producer,
                        Topics.SLA_EVENTS,
                        id,
                        2L,
                        new SlaMet(
                                id,
                                acc,
                                ClockKind.RESPONSE,
                                "standard",
                                "europe",
                                sev,
                                Duration.ofHours(1),
                                Duration.ofMinutes(10),
                                at.plusSeconds(3600),
                                at.plusSeconds(600)));
                sent += send(
                        producer,
                        Topics.TICKET_EVENTS,
                        id,
                        2L,
                        new TicketResolved(
                                id, acc, ResolutionKind.values()[0], "fixed", sev, "engineer", at.plusSeconds(7200)));
                sent += send(
                        producer,
                        Topics.SLA_EVENTS,
                        id,
                        3L,
                        new SlaMet(
                                id,
                                acc,
                                ClockKind.RESOLUTION,
                                "standard",
                                "europe",
                                sev,
                                Duration.ofHours(8),
                                Duration.ofHours(2),
                                at.plusSeconds(28800),
                                at.plusSeconds(7200)));
                sent += send(
                        producer,
                        Topics.TICKET_EVENTS,
                        id,
                        3L,
                        new TicketClosed(id, acc, ClosureReason.values()[0], "customer", at.plusSeconds(9000)));
            }
            producer.flush();
        }
        return sent;
    }

    static int send(KafkaProducer<String, byte[]> producer, String topic, String key, Long sequence, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "bench",
                key,
                Instant.now(),
                sequence,
                null,
                event);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, CloudEventCodec.body(event));
        CloudEventCodec.headers(envelope).forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(r);
        return 1;
    }

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the figures are the output
    }
}
