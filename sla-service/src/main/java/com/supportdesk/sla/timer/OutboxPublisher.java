package com.supportdesk.sla.timer;

import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.OutboxRelay;
import com.supportdesk.support.config.KafkaSettings;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@code sla_outbox} to Kafka in order ({@link OutboxRelay}), and measures how late each breach reaches
 * the broker after its deadline.
 */
@ApplicationScoped
public class OutboxPublisher {
    /** The advisory lock the publishing instance's relay holds while it publishes (one instance at a time). */
    public static final long LOCK_KEY = 0x51a0_0b0cL;

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    @Inject
    KafkaSettings kafka;

    @Inject
    com.supportdesk.sla.config.SlaSettings settings;

    private final String breachedType = Catalog.of(SlaBreached.class).type();
    private OutboxRelay relay;
    private Timer breachLateness;

    void start(@Observes StartupEvent ev) {
        // a fresh producer after a round the broker did not acknowledge keeps each key in order (OutboxRelay)
        java.util.function.Supplier<org.apache.kafka.clients.producer.Producer<String, byte[]>> producers =
                () -> new KafkaProducer<>(
                        KafkaClients.config(
                                kafka.bootstrapServers(),
                                Map.of(
                                        ProducerConfig.ACKS_CONFIG,
                                        "all",
                                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                        true,
                                        ProducerConfig.LINGER_MS_CONFIG,
                                        1,
                                        ProducerConfig.CLIENT_ID_CONFIG,
                                        "sla-service-outbox")),
                        new StringSerializer(),
                        new ByteArraySerializer());
        breachLateness = Timer.builder("sla.breach.publish.lateness")
                .description("From a breach's deadline to the broker's acknowledgement of its event")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram() // buckets too: the alert rule's quantile over all instances
                .register(meters);
        relay = new OutboxRelay(
                        dataSource,
                        SlaStore.OUTBOX,
                        LOCK_KEY,
                        producers,
                        settings.outbox().batchSize(),
                        settings.outbox().maxIdle(),
                        this::measure)
                .measuredBy(meters, "sla-service");
        relay.start("sla-outbox", health);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (relay != null) {
            relay.stop();
        }
        if (relay != null) {
            relay.closeProducer();
        }
    }

    /** Something was written to the outbox: publish now. */
    public void poke() {
        if (relay != null) {
            relay.poke();
        }
    }

    private void measure(List<Outbox.Message> batch) {
        Instant now = clock.instant();
        for (Outbox.Message m : batch) {
            if (breachedType.equals(m.headers().get(CloudEventCodec.TYPE))) {
                Instant due = Instant.parse(m.headers().get(CloudEventCodec.TIME));
                breachLateness.record(Duration.between(due, now).abs());
            }
        }
    }
}
