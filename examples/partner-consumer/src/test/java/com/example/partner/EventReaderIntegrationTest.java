package com.example.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.testinfra.RealInfrastructure;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The partner's reader against a real broker: binary-mode records, start position, repeats, sequence gaps. */
class EventReaderIntegrationTest {

    private static void send(
            KafkaProducer<String, byte[]> producer,
            String topic,
            long timestamp,
            String id,
            String subject,
            long sequence)
            throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(
                topic, 0, timestamp, subject, ("{\"ticketId\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
        Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        id,
                        "ce_type",
                        "support.ticket.message-added.v1",
                        "ce_source",
                        "partner-test",
                        "ce_subject",
                        subject,
                        "ce_time",
                        Instant.ofEpochMilli(timestamp).toString(),
                        "ce_sequence",
                        Long.toString(sequence),
                        "content-type",
                        "application/json")
                .forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(r).get();
    }

    private static List<CloudEvent> readAll(EventReader reader, List<CloudEvent> into, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (into.size() < expected && System.nanoTime() < deadline) {
            reader.poll(Duration.ofMillis(200));
        }
        for (int i = 0; i < 3; i++) {
            reader.poll(Duration.ofMillis(100)); // nothing more may come
        }
        return into;
    }

    @Test
    void readsFromTheChosenInstantSkipsRepeatsAndReportsGaps() throws Exception {
        String topic = "partner-test-" + UUID.randomUUID();
        long t0 = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, topic, t0, "old", "t-1", 0); // before the chosen instant
            send(producer, topic, t0 + 60_000, "a", "t-1", 1);
            send(producer, topic, t0 + 61_000, "a", "t-1", 1); // redelivered
            send(producer, topic, t0 + 62_000, "b", "t-1", 2);
            send(producer, topic, t0 + 63_000, "d", "t-1", 4); // 3 never arrived
        }
        List<CloudEvent> events = new CopyOnWriteArrayList<>();
        try (EventReader reader = new EventReader(
                RealInfrastructure.bootstrapServers(),
                "g-" + UUID.randomUUID(),
                List.of(topic),
                "2026-12-01T08:00:30Z",
                events::add)) {
            readAll(reader, events, 3);
            assertThat(events).extracting(CloudEvent::getId).containsExactly("a", "b", "d");
            assertThat(reader.duplicates()).isEqualTo(1);
            assertThat(reader.gaps()).containsExactly(topic + "/partner-test/t-1: after 2 came 4");
        }
        // the group committed its position: a restart reads only what is new
        List<CloudEvent> again = new CopyOnWriteArrayList<>();
        String group = "g-" + UUID.randomUUID();
        try (EventReader reader = new EventReader(
                RealInfrastructure.bootstrapServers(), group, List.of(topic), "beginning", again::add)) {
            assertThat(readAll(reader, again, 4)).extracting(CloudEvent::getId).containsExactly("old", "a", "b", "d");
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, topic, t0 + 64_000, "e", "t-1", 5);
        }
        List<CloudEvent> resumed = new CopyOnWriteArrayList<>();
        try (EventReader reader = new EventReader(
                RealInfrastructure.bootstrapServers(), group, List.of(topic), "beginning", resumed::add)) {
            assertThat(readAll(reader, resumed, 1))
                    .extracting(CloudEvent::getId)
                    .containsExactly("e");
        }
    }
}
