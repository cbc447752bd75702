package com.supportdesk.sla.timer;

import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.store.OutboxMessage;
import com.supportdesk.sla.store.SlaStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox in order: reads a batch, sends it, waits for the broker's acknowledgements, then deletes it,
 * all while holding a PostgreSQL advisory lock so only one instance publishes at a time (per-ticket order holds).
 * A crash between send and delete re-sends the batch: consumers see the same {@code ce_id} and sequence twice.
 */
@ApplicationScoped
public class OutboxPublisher extends Worker {
    private static final long LOCK_KEY = 0x51a0_0b0cL;

    @Inject
    SlaProcessor processor;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "support.sla.outbox.batch-size", defaultValue = "500")
    int batchSize;
    @ConfigProperty(name = "support.sla.outbox.max-idle", defaultValue = "PT0.5S")
    Duration maxIdle;

    private final String breachedType = Catalog.of(SlaBreached.class).type();
    private KafkaProducer<String, byte[]> producer;
    private Timer breachLateness;

    void start(@Observes StartupEvent ev) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "sla-service-outbox"),
                new StringSerializer(), new ByteArraySerializer());
        breachLateness = Timer.builder("sla.breach.publish.lateness")
                .description("From a breach's deadline to the broker's acknowledgement of its event")
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(meters);
        startWorker("sla-outbox");
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static void awaitAll(List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge: " + e.getMessage(), e);
        }
    }

    @Override
    protected long round() {
        int sent = processor.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return 0; // another instance publishes
                    }
                }
            }
            List<OutboxMessage> batch = SlaStore.pending(c, batchSize);
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxMessage m : batch) {
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(m.topic(), m.key(), m.body());
                m.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(r));
            }
            awaitAll(acks);
            Instant now = clock.instant();
            for (OutboxMessage m : batch) {
                if (breachedType.equals(m.headers().get(CloudEventCodec.TYPE))) {
                    Instant due = Instant.parse(m.headers().get(CloudEventCodec.TIME));
                    breachLateness.record(Duration.between(due, now).abs());
                }
            }
            SlaStore.delete(c, batch.stream().map(OutboxMessage::id).toList());
            return batch.size();
        });
        return sent < batchSize ? maxIdle.toMillis() : 0;
    }
}
