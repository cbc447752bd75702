package com.supportdesk.reporting.projection;

import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.Received;
import com.supportdesk.support.config.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Rebuilds the whole read model from the start of the topics, streaming: the topics are read (a consumer of its own,
 * no group) poll by poll and each poll is folded with the live rules ({@link ReadModelWriter}) into shadow tables
 * ({@code rpt_*_next}, made like the live ones), so memory holds one poll, not the read model. At the topics' current
 * end the live projector is held, the few events that came meanwhile are folded too, and the live tables' contents are
 * replaced from the shadow tables in one transaction: queries keep answering from the old rows until the commit. The
 * live projector then goes on where it was; every event it meets again is recognised by id and skipped.
 */
@ApplicationScoped
public class Rebuilder {
    private static final Logger LOG = Logger.getLogger(Rebuilder.class);
    private static final List<String> TOPICS =
            List.of("ticket-events", "sla-events", "escalation-events", "notification-events", "account-events");
    private static final ReadModelWriter.Tables LIVE = ReadModelWriter.Tables.LIVE;
    private static final ReadModelWriter.Tables SHADOW = LIVE.suffixed("_next");

    @Inject
    ProjectorDataSource dataSource;

    @Inject
    Projector projector;

    @Inject
    KafkaSettings kafka;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    /**
     * Rebuild progress for the operations team: {@code support_read_model_rebuild_running} (1 while one runs),
     * {@code support_read_model_rebuild_events} (events read by the current or last rebuild) and
     * {@code support_read_model_rebuild_events_per_second} (its pace).
     */
    void measured(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        io.micrometer.core.instrument.Gauge.builder(
                        "support.read.model.rebuild.running", this, r -> "RUNNING".equals(r.status.state()) ? 1 : 0)
                .description("1 while a rebuild of the read model runs")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder("support.read.model.rebuild.events", this, r -> r.status.events())
                .description("Events read by the current (or last) rebuild of the read model")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder(
                        "support.read.model.rebuild.events.per.second", this, r -> r.status.eventsPerSecond())
                .description("The pace of the current (or last) rebuild")
                .register(meters);
    }

    /** What the last (or current) rebuild did. */
    public record Status(
            String state,
            Instant startedAt,
            Instant finishedAt,
            long events,
            long tickets,
            long eventsPerSecond,
            Long readMillis,
            Long heldMillis,
            String error) {}

    private volatile Status status = new Status("NEVER", null, null, 0, 0, 0, null, null, null);

    public Status status() {
        return status;
    }

    /** Starts a rebuild in the background; false if one is running. */
    public synchronized boolean start() {
        if ("RUNNING".equals(status.state())) {
            return false;
        }
        Instant started = Instant.now();
        status = new Status("RUNNING", started, null, 0, 0, 0, null, null, null);
        Thread t = new Thread(() -> run(started), "read-model-rebuild");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private void run(Instant started) {
        AtomicLong events = new AtomicLong();
        boolean held = false;
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            shadowTables();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                reader.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            readTo(reader, reader.endOffsets(partitions), events, started);
            // switch-over: hold the live projector, take what came meanwhile, replace the tables
            Instant read = Instant.now();
            projector.hold(); // returns once the live projector's current poll has committed
            held = true;
            readTo(reader, reader.endOffsets(partitions), events, started);
            long tickets = swap();
            Instant finished = Instant.now();
            long ms = Math.max(1, Duration.between(started, finished).toMillis());
            status = new Status(
                    "DONE",
                    started,
                    finished,
                    events.get(),
                    tickets,
                    events.get() * 1000L / ms,
                    Duration.between(started, read).toMillis(),
                    Duration.between(read, finished).toMillis(),
                    null);
            LOG.infof(
                    "Read model rebuilt: %d events, %d tickets in %d ms (%d events/s; reading and folding %d ms, "
                            + "projector held for the swap %d ms)",
                    events.get(), tickets, ms, status.eventsPerSecond(), status.readMillis(), status.heldMillis());
        } catch (Throwable e) {
            LOG.errorf(e, "Rebuild failed; the read model is unchanged");
            status = new Status("FAILED", started, Instant.now(), events.get(), 0, 0, null, null, e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            if (held) {
                projector.release(); // held events go on; each one already in the new tables is skipped by id
            }
            dropShadowTables();
        }
    }

    /** Empty shadow tables with the live tables' columns, keys and indexes (a failed rebuild's leftovers dropped). */
    private void shadowTables() {
        dropShadowTables();
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < LIVE.names().size(); i++) {
            statements.add("CREATE UNLOGGED TABLE " + SHADOW.names().get(i) + " (LIKE "
                    + LIVE.names().get(i) + " INCLUDING ALL)");
        }
        Jdbc.execute(dataSource, "the rebuild's shadow tables", statements.toArray(String[]::new));
    }

    private void dropShadowTables() {
        try {
            Jdbc.execute(
                    dataSource,
                    "the rebuild's shadow tables",
                    SHADOW.names().stream()
                            .map(t -> "DROP TABLE IF EXISTS " + t)
                            .toArray(String[]::new));
        } catch (RuntimeException e) {
            LOG.warnf("Shadow tables not dropped: %s", e.getMessage());
        }
    }

    private void readTo(
            KafkaConsumer<String, byte[]> reader, Map<TopicPartition, Long> end, AtomicLong events, Instant started)
            throws InterruptedException {
        Map<TopicPartition, Long> left = new HashMap<>(end);
        left.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        while (!left.isEmpty()) {
            List<BatchConsumer.Item> poll = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                Long limit = end.get(new TopicPartition(r.topic(), r.partition()));
                if (limit != null && r.offset() < limit && r.value() != null) {
                    Received in = Received.of(r);
                    try {
                        poll.add(new BatchConsumer.Item(in, BatchConsumer.decodeValid(in)));
                    } catch (RuntimeException unreadable) {
                        // the live consumer dead-lettered it
                    }
                }
            }
            if (!poll.isEmpty()) {
                int recorded = Jdbc.retrying(
                        "the rebuild",
                        () -> Jdbc.inTransaction(dataSource, c -> ReadModelWriter.apply(c, poll, SHADOW)));
                long total = events.addAndGet(recorded);
                long ms = Math.max(1, Duration.between(started, Instant.now()).toMillis());
                status = new Status("RUNNING", started, null, total, 0, total * 1000L / ms, null, null, null);
            }
            left.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        }
    }

    /** Replaces the live tables' rows by the shadow tables' in one transaction; returns the number of tickets. */
    private long swap() {
        return Jdbc.inTransaction(dataSource, c -> {
            for (int i = 0; i < LIVE.names().size(); i++) {
                Jdbc.update(c, "DELETE FROM " + LIVE.names().get(i));
                Jdbc.update(
                        c,
                        "INSERT INTO " + LIVE.names().get(i) + " SELECT * FROM "
                                + SHADOW.names().get(i));
            }
            return Long.parseLong(
                    Jdbc.strings(c, "SELECT count(*) FROM " + LIVE.tickets().table())
                            .get(0));
        });
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties p = new Properties();
        p.putAll(KafkaClients.config(kafka.bootstrapServers(), Map.of()));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service-rebuild");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
