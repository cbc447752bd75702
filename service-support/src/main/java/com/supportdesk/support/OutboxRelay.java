package com.supportdesk.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes an outbox in order: reads a batch, sends it, waits for the broker's acknowledgements, then deletes it,
 * all while holding a transaction-scoped advisory lock so only one instance publishes at a time (per-key order
 * holds). A crash between send and delete re-sends the batch: consumers see the same {@code ce_id} again.
 */
public final class OutboxRelay extends Worker {

    private final DataSource dataSource;
    private final Outbox outbox;
    private final long lockKey;
    private final java.util.function.Supplier<Producer<String, byte[]>> producers;
    private Producer<String, byte[]> producer;
    /** Whether the relay makes (and so may replace) its producers, rather than being handed a shared one. */
    private final boolean owned;

    private final int batchSize;
    private final Duration maxIdle;
    private final Consumer<List<Outbox.Message>> published;
    private Function<String, Map<String, String>> sendTimeHeaders = topic -> Map.of();
    private io.micrometer.core.instrument.Counter publishedCounter;
    /**
     * When the oldest message waiting was written, on this process's {@link System#nanoTime} scale (how long it had
     * waited by the database's clock, taken from the time of the relay's last look), or null when it found none.
     */
    private volatile Long oldestWrittenNanos;
    /** Messages waiting, as of the relay's last look (counted at most every 15 s while a batch is full). */
    private volatile long pending;

    private long countedAt = Long.MIN_VALUE;

    /**
     * Where the next read starts: every message up to this id has been published, or is taken as never to come (a
     * rolled-back write's id, passed after {@link #GAP_WAIT_NANOS}). -1 until the relay's first look.
     */
    private long after = -1;
    /** The ids published above the cursor, while a gap holds it back. */
    private final java.util.TreeSet<Long> ahead = new java.util.TreeSet<>();
    /** The id after which a gap was first seen, and when: a write still in flight, or one rolled back. */
    private long gapAfter = -1;

    private long gapSeenAt;
    /** When the relay last read from the outbox's start ({@link #FULL_READ_NANOS}). */
    private long fullReadAt;
    /** Whether this relay held the lock in its last round: on taking it over, another may have published meanwhile. */
    private boolean held;
    /** The relay's clock for its gap and full-read waits (the tests set their own). */
    java.util.function.LongSupplier nanos = System::nanoTime;

    /**
     * How long a gap in the ids holds the cursor back: the ids of a write still in flight come visible when it
     * commits, and are published then in their place; those of a write rolled back never do.
     */
    static final long GAP_WAIT_NANOS = 10_000_000_000L;
    /**
     * How often the relay reads from the outbox's start instead of from its cursor, so that a write that committed
     * after its gap was passed is published all the same (late, never lost), as is anything below the cursor a relay
     * sees when it takes the lock over.
     */
    static final long FULL_READ_NANOS = 10_000_000_000L;

    /** @param published told of each batch after the broker acknowledged it (metrics) */
    public OutboxRelay(
            DataSource dataSource,
            Outbox outbox,
            long lockKey,
            Producer<String, byte[]> producer,
            int batchSize,
            Duration maxIdle,
            Consumer<List<Outbox.Message>> published) {
        this(dataSource, outbox, lockKey, () -> producer, batchSize, maxIdle, published, false);
        this.producer = producer;
    }

    /**
     * With a factory of producers: after a round the broker did not acknowledge, the relay closes its producer (what
     * it still holds of that round is dropped, not written later) and sends the next round through a new one, so a
     * key's records cannot overtake each other across an outage.
     */
    public OutboxRelay(
            DataSource dataSource,
            Outbox outbox,
            long lockKey,
            java.util.function.Supplier<Producer<String, byte[]>> producers,
            int batchSize,
            Duration maxIdle,
            Consumer<List<Outbox.Message>> published) {
        this(dataSource, outbox, lockKey, producers, batchSize, maxIdle, published, true);
    }

    private OutboxRelay(
            DataSource dataSource,
            Outbox outbox,
            long lockKey,
            java.util.function.Supplier<Producer<String, byte[]>> producers,
            int batchSize,
            Duration maxIdle,
            Consumer<List<Outbox.Message>> published,
            boolean owned) {
        this.owned = owned;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.lockKey = lockKey;
        this.producers = producers;
        this.batchSize = batchSize;
        this.maxIdle = maxIdle;
        this.published = published;
    }

    /**
     * Headers added when a record leaves, not stored with it: credentials that expire (a service's bearer token on
     * {@code ticket-commands}). If they cannot be had (the identity provider is down), the round fails and is retried;
     * nothing is lost.
     */
    public OutboxRelay withSendTimeHeaders(Function<String, Map<String, String>> forTopic) {
        this.sendTimeHeaders = forTopic;
        return this;
    }

    /**
     * Measures the relay on {@code registry}: {@code support_outbox_published_total{service,outbox}},
     * {@code support_outbox_pending{service,outbox}} (the backlog) and
     * {@code support_outbox_oldest_age_seconds{service,outbox}}, how long the oldest message waiting has waited since
     * its row was written, as of the relay's last look plus the time since. That age keeps growing while rounds fail
     * (broker or database down), which is what the "outbox stuck" alert watches; an instance that does not hold the
     * relay's lock reports 0. It is not read from the event's {@code ce_time}: an event may carry an earlier instant
     * than its writing (a clock re-targeted by a calendar change carries the change's), and would look stuck at once.
     */
    public OutboxRelay measuredBy(io.micrometer.core.instrument.MeterRegistry registry, String service) {
        this.publishedCounter = io.micrometer.core.instrument.Counter.builder("support.outbox.published")
                .description("Messages the outbox relay published (acknowledged by the broker)")
                .tags("service", service, "outbox", outbox.table())
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("support.outbox.pending", this, r -> r.pending)
                .description("Messages waiting in the outbox, as of the relay's last look")
                .tags("service", service, "outbox", outbox.table())
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("support.outbox.oldest.age", this, r -> r.oldestAgeSeconds())
                .description("Age of the oldest message waiting in the outbox, as of the relay's last look")
                .tags("service", service, "outbox", outbox.table())
                .baseUnit("seconds")
                .register(registry);
        return this;
    }

    private double oldestAgeSeconds() {
        Long written = oldestWrittenNanos;
        // elapsed time, for a metric (not test timing)
        return written == null ? 0 : Math.max(0, System.nanoTime() - written) / 1e9;
    }

    public void start(String threadName) {
        startWorker(threadName);
    }

    /** Starts the relay's thread, telling {@code health} as {@code threadName} whether its rounds get through. */
    public void start(String threadName, com.supportdesk.support.health.WorkHealth health) {
        startWorker(threadName, health.watch(threadName));
    }

    public void stop() {
        stopWorker();
    }

    @Override
    protected long round() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int sent = publishBatch(c);
                c.commit();
                return sent < batchSize ? maxIdle.toMillis() : 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox: " + e.getMessage(), e);
        }
    }

    private int publishBatch(Connection c) throws SQLException {
        if (!lock(c, lockKey)) {
            oldestWrittenNanos = null;
            pending = 0;
            held = false;
            return 0; // another instance publishes
        }
        long now = nanos.getAsLong();
        boolean full = !held || after < 0 || now - fullReadAt >= FULL_READ_NANOS;
        held = true;
        if (full) {
            fullReadAt = now;
        }
        List<Outbox.Message> batch = outbox.pending(c, full ? 0 : after, batchSize);
        if (batch.size() < batchSize) {
            pending = batch.size(); // all there is
        } else if (countedAt == Long.MIN_VALUE || System.nanoTime() - countedAt > 15_000_000_000L) {
            countedAt = System.nanoTime(); // pacing a metric's query, not test timing
            pending = outbox.count(c);
        }
        if (batch.isEmpty()) {
            oldestWrittenNanos = null;
            return 0;
        }
        oldestWrittenNanos = System.nanoTime() - batch.get(0).waitedMillis() * 1_000_000;
        if (producer == null) {
            producer = producers.get();
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        Map<String, Map<String, String>> extra = new HashMap<>();
        for (Outbox.Message m : batch) {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(m.topic(), m.key(), m.body());
            m.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            extra.computeIfAbsent(m.topic(), sendTimeHeaders)
                    .forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            acks.add(producer.send(r));
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            renewProducer();
            throw new IllegalStateException("Kafka did not acknowledge: " + e.getMessage(), e);
        }
        published.accept(batch);
        if (publishedCounter != null) {
            publishedCounter.increment(batch.size());
        }
        outbox.delete(c, batch.stream().map(Outbox.Message::id).toList());
        advance(batch, now);
        return batch.size();
    }

    /** Where the next read from the cursor starts (for the tests). */
    long cursor() {
        return after;
    }

    /**
     * Moves the cursor over the ids a batch published without a gap. An outbox is a queue: the entries of the rows
     * the relay deleted stay in the key's index until no transaction in the database is older than their deletion,
     * and while the services keep transactions open (a poll, an e-mail's send) a read from the start walks all of
     * them: up to 9,000 pages for a batch of 500 during a burst of breaches (docs/benchmarks.md, session 41). A read
     * from the cursor starts after them. The ids come from one sequence, so a gap is a write that took its ids and
     * has not committed yet, or one that rolled back: the cursor stops before it, for {@link #GAP_WAIT_NANOS}, so that
     * the write's messages are published when it commits, in their place. The committed messages after the gap are
     * published meanwhile, as they were before the cursor: it holds back the reads' start, never a message.
     */
    private void advance(List<Outbox.Message> batch, long now) {
        if (batch.isEmpty()) {
            return;
        }
        if (after < 0) {
            after = batch.get(0).id() - 1; // below the first seen: published, or found by the next full read
        }
        for (Outbox.Message m : batch) {
            if (m.id() > after) {
                ahead.add(m.id());
            } else {
                // below the cursor: a write that committed late, or ids begun anew (a sequence restarted): read
                // from the start again next round, and for as long as such messages come
                fullReadAt = now - FULL_READ_NANOS;
            }
        }
        while (!ahead.isEmpty()) {
            long next = ahead.first();
            if (next != after + 1) {
                if (gapAfter != after) {
                    gapAfter = after; // a new gap: wait for it
                    gapSeenAt = now;
                    return;
                }
                if (now - gapSeenAt < GAP_WAIT_NANOS) {
                    return;
                }
                // a gap that stayed: a write rolled back (or one slower than the wait: a full read finds it)
            }
            ahead.pollFirst();
            after = next;
        }
    }

    /**
     * How long the relay's transaction may sit idle between two statements: longer than its wait for the broker's
     * acknowledgements (30 s, then the batch is given up and read again), so only a frozen process reaches it. The
     * services' pools bound every transaction to 30 s (ADR 0010, addendum of session 34), which the relay's wait could
     * reach during a broker outage. A frozen relay's session is ended after this, its lock freed for another
     * instance, which publishes the batch again (consumers drop the copies by their event ids).
     */
    static final String IDLE_BOUND = "2min";

    /**
     * Takes the relay's transaction-scoped lock, if no other instance holds it, and has the transaction's statements
     * read the outbox through its key's index, in the same statement. An outbox is a queue: its statistics swing
     * between empty and thousands of rows, and its pages hold the rows just deleted until autovacuum comes. A plan
     * made while the table looked empty reads every page of it (a sequential scan, then a sort) for each batch: 48 ms
     * and 1,452 pages a read, 1,442 pages a delete, on a stack's outboxes (docs/benchmarks.md, session 28). Through
     * the index a read costs the pages of the rows it returns and of those deleted since the last read. The same
     * statement sets the transaction's idle bound ({@link #IDLE_BOUND}). Bitmap scans are off too: a read from the
     * cursor ({@code id > ?}) would otherwise be planned as a bitmap scan of every row above it, then a sort.
     */
    static boolean lock(Connection c, long lockKey) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(
                        c,
                        "SELECT pg_try_advisory_xact_lock(?), set_config('enable_seqscan', 'off', true),"
                                + " set_config('enable_bitmapscan', 'off', true),"
                                + " set_config('idle_in_transaction_session_timeout', '" + IDLE_BOUND + "', true)",
                        lockKey);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Drops the producer of a failed round, when the relay made it (a shared one stays with its owner). */
    private void renewProducer() {
        if (owned && producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Closes the producer the relay made itself (none when one was handed in). */
    public void closeProducer() {
        if (owned && producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
