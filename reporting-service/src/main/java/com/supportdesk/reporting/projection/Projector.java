package com.supportdesk.reporting.projection;

import com.supportdesk.reporting.dashboard.Changes;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.OutboxRelay;
import com.supportdesk.support.config.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Folds ticket-, sla-, escalation-, notification- and account-events into the read model through the shared consumer
 * runtime ({@link BatchConsumer}): a poll's events in one transaction. The rows the poll touches are read and locked
 * once ({@code SELECT ... FOR UPDATE}, in key order), folded in memory in the poll's order with the live rules
 * ({@link ReadModelFold}), and written back with batched statements ({@link ReadModelWriter}); each event is recorded by id
 * ({@link EventRecord}), so a redelivered or replayed event finds its id and changes nothing, and ticket events apply
 * only in sequence order. An unreadable record goes to the topic's dead-letter topic (through the projector's outbox);
 * a database outage is retried with back-off.
 */
@ApplicationScoped
public class Projector {
    private static final long LOCK_KEY = 0x7e90_7711L;
    public static final Outbox OUTBOX = new Outbox("rpt_outbox");

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    io.opentelemetry.api.OpenTelemetry otel;

    @Inject
    Changes changes;
    /**
     * The projector's own connections (datasource "projector", same database, plain JDBC). Not Hibernate Reactive
     * sessions on the readers' pool: with the dashboard and queries reading through Hibernate Reactive at the same
     * time, committed writes of the projector were lost (ProjectionThroughKafkaIntegrationTest; ADR 0008 addendum).
     */
    @Inject
    ProjectorDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Inject
    java.time.Clock clock;

    @Inject
    KafkaSettings kafka;

    @Inject
    com.supportdesk.reporting.ReportingSettings settings;

    private BatchConsumer consumer;
    private OutboxRelay relay;
    /** Batches apply under the read lock; the rebuild's switch-over takes the write lock (none applies meanwhile). */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    @PostConstruct
    void build() {
        consumer = BatchConsumer.of(dataSource, OUTBOX, "reporting-service", in -> true, this::apply)
                .onTransientFailure(
                        () -> meters.counter("reporting.projection.retries").increment())
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "read model consumer");
    }

    void start(@Observes @Priority(10) StartupEvent ev) {
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
                                        ProducerConfig.CLIENT_ID_CONFIG,
                                        "reporting-service-outbox")),
                        new StringSerializer(),
                        new ByteArraySerializer());
        relay = new OutboxRelay(
                        dataSource,
                        OUTBOX,
                        LOCK_KEY,
                        producers,
                        500,
                        settings.outbox().maxIdle(),
                        b -> {})
                .measuredBy(meters, "reporting-service");
        relay.start("reporting-outbox", health);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (relay != null) {
            relay.stop();
        }
        if (relay != null) {
            relay.closeProducer();
        }
    }

    /** Every topic the read model folds, in one consumer (see application.properties), a poll at a time. */
    @Incoming("events-in")
    @Blocking(ordered = true)
    public void events(org.apache.kafka.clients.consumer.ConsumerRecords<String, byte[]> records)
            throws InterruptedException {
        project(records);
    }

    /** Applies records as one poll (the consumer, and tests that play several consumers at once). */
    public void project(Iterable<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        gate.readLock().lockInterruptibly();
        BatchConsumer.Outcome outcome;
        try {
            outcome = consumer.accept(records);
        } finally {
            gate.readLock().unlock();
        }
        if (outcome.deadLettered() > 0) {
            relay.poke();
        }
        if (outcome.applied() > 0) {
            changes.changed();
        }
    }

    /** Wakes the relay (dead letters or audit entries written outside a poll of the projector). */
    public void pokeOutbox() {
        relay.poke();
    }

    /** Writes an audit entry of an action of this service (a rebuild) to the outbox, and wakes the relay. */
    public void audit(Outbox.Outgoing entry) {
        Jdbc.inTransaction(dataSource, c -> {
            OUTBOX.enqueue(c, List.of(entry));
            return null;
        });
        relay.poke();
    }

    /** Holds new polls back until {@link #release()}; returns once no poll is being applied (the rebuild's swap). */
    public void hold() throws InterruptedException {
        gate.writeLock().lockInterruptibly();
    }

    /** Lets polls through again (called by the thread that held). */
    public void release() {
        if (gate.isWriteLockedByCurrentThread()) {
            gate.writeLock().unlock();
        }
    }

    /** One poll's events in the caller's transaction, on the live tables ({@link ReadModelWriter}). */
    private Object apply(Connection c, List<BatchConsumer.Item> items) throws SQLException {
        Object result = ReadModelWriter.apply(c, items, ReadModelWriter.Tables.LIVE);
        java.time.Instant now = clock.instant();
        for (BatchConsumer.Item item : items) {
            if (item.event().time() != null) {
                readModelLag().record(java.time.Duration.between(item.event().time(), now));
            }
        }
        return result;
    }

    private io.micrometer.core.instrument.Timer readModelLag;

    /**
     * {@code support_read_model_lag_seconds} (histogram): from an event's own time ({@code ce_time}) to its being
     * applied to the read model, i.e. how old the newest figures on the dashboard and in the reports are.
     */
    private io.micrometer.core.instrument.Timer readModelLag() {
        if (readModelLag == null) {
            readModelLag = io.micrometer.core.instrument.Timer.builder("support.read.model.lag")
                    .description("From an event's time to its being applied to the read model")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(java.time.Duration.ofMillis(5))
                    .maximumExpectedValue(java.time.Duration.ofHours(1))
                    .register(meters);
        }
        return readModelLag;
    }
}
