package com.supportdesk.support;

import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The consumer runtime of the event-consuming services: a poll's records are decoded (an unreadable one, or one
 * whose type is missing or not in the catalogue, goes to {@code <topic>.dlq}), records of catalogued types that
 * concern the service not at all are dropped before the database is touched, and
 * the rest are handled in <b>one database transaction</b>, in poll order (so the order per key holds), together with
 * what they send through the outbox. The offsets move only after that commit (the caller returns, the channel
 * acknowledges).
 * <p>
 * Failures: a transient database failure (connection lost, deadlock, serialisation failure, server shutting down:
 * {@link #isTransient}), or no connection at all (the pool gives none, the database refuses the login:
 * {@link Jdbc.NoConnection}), is retried with back-off until PostgreSQL takes the batch; nothing is skipped, and a
 * consumer {@link #watchedBy watched} tells the service's readiness check how long it has waited. Any other
 * failure means some record of the batch cannot be handled: the batch is split in halves, each applied on its own,
 * until the record at fault stands alone; it is tried a few times more (a race with another instance resolves
 * itself) and then dead-lettered, while the others are applied once. Handlers must be idempotent by event id (a
 * redelivered batch is applied again after a crash before the offsets were committed).
 */
public final class BatchConsumer {
    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);
    private static final int ATTEMPTS_ALONE = 3;

    /**
     * A record with its decoded event and the trace context of its handling (the span of {@code process <topic>},
     * child of the context the record carries; {@link Tracing}). What a handler sends because of an item carries
     * that context: {@code Tracing.stamp(headers, item.trace())}, or the current one inside {@link #each}.
     */
    public record Item(Received record, CloudEvent event, Context trace) {
        public Item(Received record, CloudEvent event) {
            this(record, event, Context.root());
        }

        /**
         * Makes this item's context the current one until the scope closes, and puts what a log line of its handling
         * should say into the logging context (MDC): {@code traceId}, {@code spanId}, {@code eventId},
         * {@code eventType}, {@code accountId}, and {@code ticketId} for events about a ticket. The JSON log format
         * prints them with every line.
         */
        public Scope traced() {
            Scope scope = trace.makeCurrent();
            java.util.Map<String, String> h = record.headers();
            io.opentelemetry.api.trace.SpanContext span =
                    Span.fromContext(trace).getSpanContext();
            java.util.List<String> keys = new java.util.ArrayList<>(7);
            if (span.isValid()) {
                mdc(keys, "traceId", span.getTraceId());
                mdc(keys, "spanId", span.getSpanId());
            }
            mdc(keys, "eventId", h.get(CloudEventCodec.ID));
            String type = h.get(CloudEventCodec.TYPE);
            mdc(keys, "eventType", type);
            mdc(keys, "accountId", h.get(CloudEventCodec.ACCOUNT_ID));
            if (Tracing.ticketSubject(type)) {
                mdc(keys, "ticketId", h.get(CloudEventCodec.SUBJECT));
            }
            return () -> {
                keys.forEach(org.jboss.logging.MDC::remove);
                scope.close();
            };
        }

        private static void mdc(java.util.List<String> keys, String key, String value) {
            if (value != null) {
                org.jboss.logging.MDC.put(key, value);
                keys.add(key);
            }
        }
    }

    /**
     * What a service does with a poll's items (or a part of them, after a split), inside the transaction on {@code c}.
     * What it returns (may be null) is handed back in {@link Outcome#results()} once that transaction committed.
     */
    @FunctionalInterface
    public interface Handler {
        Object apply(Connection c, List<Item> items) throws SQLException;
    }

    /** What a service does with one item; {@link #each} makes a handler of it. */
    @FunctionalInterface
    public interface ItemHandler {
        void apply(Connection c, Item item) throws SQLException;
    }

    /**
     * What one poll came to: records received, skipped (no concern, tombstones), applied, dead-lettered, how often the
     * batch was split, and what the handler returned for each committed part.
     */
    public record Outcome(int received, int skipped, int applied, int deadLettered, int splits, List<Object> results) {
        Outcome plus(Outcome o) {
            List<Object> all = new ArrayList<>(results);
            all.addAll(o.results);
            return new Outcome(
                    received + o.received,
                    skipped + o.skipped,
                    applied + o.applied,
                    deadLettered + o.deadLettered,
                    splits + o.splits,
                    all);
        }
    }

    private final DataSource dataSource;
    private final Outbox outbox;
    private final String consumer;
    private final Predicate<Received> concerns;
    private final Function<Received, CloudEvent> decoder;
    private final Handler handler;
    private final Runnable onTransientFailure;
    private final ConsumerMetrics metrics;
    private final Tracing tracing;
    private final com.supportdesk.support.health.WorkHealth.Watch watch;

    private BatchConsumer(
            DataSource dataSource,
            Outbox outbox,
            String consumer,
            Predicate<Received> concerns,
            Function<Received, CloudEvent> decoder,
            Handler handler,
            Runnable onTransientFailure,
            ConsumerMetrics metrics,
            Tracing tracing,
            com.supportdesk.support.health.WorkHealth.Watch watch) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.consumer = consumer;
        this.concerns = concerns;
        this.decoder = decoder;
        this.handler = handler;
        this.onTransientFailure = onTransientFailure;
        this.metrics = metrics;
        this.tracing = tracing;
        this.watch = watch;
    }

    /**
     * @param consumer the service's name, put in a dead letter's {@code dead-letter-consumer} header
     * @param concerns whether a record is of interest at all, judged from its topic and headers (for instance its
     *                 {@code ce_type}) before it is decoded; others are skipped (their offsets move all the same)
     */
    public static BatchConsumer of(
            DataSource dataSource, Outbox outbox, String consumer, Predicate<Received> concerns, Handler handler) {
        return new BatchConsumer(
                dataSource,
                outbox,
                consumer,
                concerns,
                BatchConsumer::decodeValid,
                handler,
                () -> {},
                ConsumerMetrics.none(consumer),
                Tracing.none(),
                com.supportdesk.support.health.WorkHealth.Watch.NONE);
    }

    /**
     * The default decoder: the CloudEvents record read into its catalogue type, and that checked against the type's
     * rules (required fields, lengths; the same as its JSON Schema's), so that an event missing what its schema
     * requires goes to the dead-letter topic with the field named, instead of reaching a handler as nulls.
     */
    public static CloudEvent decodeValid(Received in) {
        CloudEvent e = CloudEventCodec.decode(in.headers(), in.body());
        List<com.supportdesk.contract.wire.Violation> violations =
                com.supportdesk.contract.wire.Validator.violations(e.data());
        if (!violations.isEmpty()) {
            throw new com.supportdesk.contract.wire.MalformedMessageException(
                    violations.get(0).field(), violations.get(0).reason());
        }
        return e;
    }

    /** The same runtime with a stricter decoder (e.g. one that also validates the event); it throws to refuse. */
    public BatchConsumer decodingWith(Function<Received, CloudEvent> decoder) {
        return with(decoder, onTransientFailure, metrics, tracing, watch);
    }

    /** The same runtime, telling {@code listener} of each transient database failure it waits out (a metric). */
    public BatchConsumer onTransientFailure(Runnable listener) {
        return with(decoder, listener, metrics, tracing, watch);
    }

    /**
     * The same runtime, measuring itself on {@code registry} ({@link ConsumerMetrics}: records by outcome, delay from
     * the record's timestamp to the commit, time per poll), tagged with this consumer's service name.
     */
    public BatchConsumer measuredBy(io.micrometer.core.instrument.MeterRegistry registry, java.time.Clock clock) {
        return with(decoder, onTransientFailure, ConsumerMetrics.of(registry, consumer, clock), tracing, watch);
    }

    /**
     * The same runtime, tracing itself: one {@code process <topic>} span per record handled, child of the context the
     * record carries, from its decoding to the commit of what it caused (marked failed when it is dead-lettered).
     */
    public BatchConsumer tracedBy(io.opentelemetry.api.OpenTelemetry otel) {
        return with(decoder, onTransientFailure, metrics, Tracing.of(otel, consumer), watch);
    }

    /**
     * The same runtime, telling the service's {@link com.supportdesk.support.health.WorkHealth} as {@code name}
     * whether its polls get committed: a poll that keeps waiting out database failures for longer than the health
     * check's bound makes the service not ready, with the failure named.
     */
    public BatchConsumer watchedBy(com.supportdesk.support.health.WorkHealth health, String name) {
        return with(decoder, onTransientFailure, metrics, tracing, health.watch(name));
    }

    /** The watch this consumer tells ({@link #watchedBy}), for what its service retries on its behalf before a poll. */
    public com.supportdesk.support.health.WorkHealth.Watch watch() {
        return watch;
    }

    private BatchConsumer with(
            Function<Received, CloudEvent> decoder,
            Runnable onTransientFailure,
            ConsumerMetrics metrics,
            Tracing tracing,
            com.supportdesk.support.health.WorkHealth.Watch watch) {
        return new BatchConsumer(
                dataSource, outbox, consumer, concerns, decoder, handler, onTransientFailure, metrics, tracing, watch);
    }

    /** A handler that applies the items one after the other, in order. */
    public static Handler each(ItemHandler h) {
        return eachWith((c, items) -> null, (c, item, poll) -> h.apply(c, item));
    }

    /**
     * What a service looks up or marks for a whole poll at once (one statement for all its items instead of one per
     * item), before its items are handled one by one; called inside the poll's transaction, again for each part of a
     * split batch.
     */
    @FunctionalInterface
    public interface PollHandler<T> {
        T apply(Connection c, List<Item> items) throws SQLException;
    }

    /** What a service does with one item, given what {@link PollHandler} found for the poll. */
    @FunctionalInterface
    public interface ItemOfPollHandler<T> {
        void apply(Connection c, Item item, T poll) throws SQLException;
    }

    /** What a service writes once a poll's items are handled (what they changed, in one statement per table). */
    @FunctionalInterface
    public interface PollEnd<T> {
        void apply(Connection c, T poll) throws SQLException;
    }

    /** A handler that first does {@code poll} for the whole poll, then handles each item as {@link #each} does. */
    public static <T> Handler eachWith(PollHandler<T> poll, ItemOfPollHandler<T> h) {
        return eachWith(poll, h, (c, found) -> {});
    }

    /**
     * {@link #eachWith(PollHandler, ItemOfPollHandler)}, then {@code end} with what the poll found (and its items
     * changed), in the same transaction.
     */
    public static <T> Handler eachWith(PollHandler<T> poll, ItemOfPollHandler<T> h, PollEnd<T> end) {
        return (c, items) -> {
            T found = poll.apply(c, items);
            for (Item item : items) {
                try (var scope = item.traced()) {
                    h.apply(c, item, found);
                    if (LOG.isDebugEnabled()) { // with the record's logging context (trace, ticket, account)
                        LOG.debugf(
                                "Handled %s %s from %s",
                                item.event().type(),
                                item.event().id(),
                                item.record().topic());
                    }
                }
            }
            end.apply(c, found);
            return null;
        };
    }

    /** Keeps records whose {@code ce_type} is one of {@code types}; other records are no concern. */
    public static Predicate<Received> ofTypes(java.util.Collection<String> types) {
        java.util.Set<String> set = java.util.Set.copyOf(types);
        return in -> set.contains(in.headers().get(CloudEventCodec.TYPE));
    }

    /** Handles one poll; returns when all of it is committed (or dead-lettered). */
    public Outcome accept(Iterable<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        long started = metrics.nowMs();
        try {
            return acceptTimed(records);
        } finally {
            metrics.polled(java.time.Duration.ofMillis(metrics.nowMs() - started));
        }
    }

    private Outcome acceptTimed(Iterable<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        List<Item> items = new ArrayList<>();
        List<Outbox.Outgoing> dead = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        try {
            return acceptAll(records, items, dead, spans);
        } finally {
            for (Span span : spans) {
                span.end();
            }
        }
    }

    private Outcome acceptAll(
            Iterable<ConsumerRecord<String, byte[]>> records,
            List<Item> items,
            List<Outbox.Outgoing> dead,
            List<Span> spans)
            throws InterruptedException {
        int received = 0;
        int skipped = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            received++;
            if (r.value() == null) {
                skipped++; // a compaction tombstone
                metrics.records(r.topic(), "skipped", 1);
                continue;
            }
            Received in = Received.of(r);
            // a type of the catalogue that is no concern is skipped; a record without a type, or with one the
            // catalogue does not know (garbage, or a newer version than this build's), is not dropped: it goes to
            // the dead-letter topic with its reason, to be replayed once understood
            String type = in.headers().get(CloudEventCodec.TYPE);
            if (type != null && Catalog.byType(type).isPresent() && !concerns.test(in)) {
                skipped++;
                metrics.records(r.topic(), "skipped", 1);
                continue;
            }
            Span span = tracing.processing(in);
            spans.add(span);
            try {
                items.add(new Item(in, decoder.apply(in), Context.root().with(span)));
            } catch (RuntimeException unreadable) {
                Tracing.failed(span, unreadable);
                LOG.warnf(
                        "Unreadable record %s-%d@%d (key %s) sent to %s.dlq: %s",
                        r.topic(), r.partition(), r.offset(), r.key(), r.topic(), unreadable.getMessage());
                dead.add(in.deadLetter(consumer, reason(unreadable)));
            }
        }
        if (items.isEmpty() && dead.isEmpty()) {
            return new Outcome(received, skipped, 0, 0, 0, List.of());
        }
        Outcome o = apply(items, dead);
        return new Outcome(received, skipped, o.applied, o.deadLettered, o.splits, o.results);
    }

    private Outcome apply(List<Item> items, List<Outbox.Outgoing> dead) throws InterruptedException {
        try {
            Object result = commit(items, dead);
            return new Outcome(0, 0, items.size(), dead.size(), 0, results(result));
        } catch (RuntimeException failed) {
            if (items.size() > 1) {
                LOG.warnf("A batch of %d records failed (%s); splitting it", items.size(), failed.toString());
                int half = items.size() / 2;
                Outcome first = apply(items.subList(0, half), dead);
                Outcome second = apply(items.subList(half, items.size()), List.of());
                return first.plus(second).plus(new Outcome(0, 0, 0, 0, 1, List.of()));
            }
            if (items.isEmpty()) {
                throw failed; // only dead letters, and the outbox refuses them: not a record's fault
            }
            return alone(items.get(0), dead, failed);
        }
    }

    /** The record at fault, alone: a few more tries, then to the dead-letter topic. */
    private Outcome alone(Item item, List<Outbox.Outgoing> dead, RuntimeException failed) throws InterruptedException {
        RuntimeException last = failed;
        for (int attempt = 2; attempt <= ATTEMPTS_ALONE; attempt++) {
            try {
                Object result = commit(List.of(item), dead);
                return new Outcome(0, 0, 1, dead.size(), 0, results(result));
            } catch (RuntimeException again) {
                last = again;
            }
        }
        Received in = item.record();
        Tracing.failed(Span.fromContext(item.trace()), last);
        LOG.errorf(
                last,
                "Record %s (key %s, %s) cannot be handled: sent to %s.dlq",
                in.headers().get("ce_id"),
                in.key(),
                in.topic(),
                in.topic());
        List<Outbox.Outgoing> letters = new ArrayList<>(dead);
        letters.add(in.deadLetter(consumer, reason(last)));
        commit(List.of(), letters);
        return new Outcome(0, 0, 0, letters.size(), 0, List.of());
    }

    private static List<Object> results(Object result) {
        return result == null ? List.of() : List.of(result);
    }

    /** One transaction for the items and the dead letters; measured once it committed. */
    private Object commit(List<Item> items, List<Outbox.Outgoing> dead) throws InterruptedException {
        Object result = commitOnce(items, dead);
        for (Item item : items) {
            metrics.records(item.record().topic(), "handled", 1);
            metrics.committed(item.record().topic(), item.record().timestamp());
        }
        for (Outbox.Outgoing letter : dead) {
            String topic = letter.topic();
            metrics.records(
                    topic.endsWith(".dlq") ? topic.substring(0, topic.length() - 4) : topic, "dead_lettered", 1);
        }
        return result;
    }

    /**
     * How long a poll's transaction may sit idle between two statements before PostgreSQL ends its session (and so its
     * locks). A handler issues its statements back to back, so a transaction idle that long belongs to a process that
     * is frozen (a long GC pause, a suspended VM): without the bound its row locks would hold up every other instance
     * that takes over its partitions until it thawed (ADR 0010, addendum of session 33). Thawed, its next statement
     * fails (25P03, or the connection is closed) and the poll is applied again, as after any transient failure.
     *
     * <p>The services give their connection pools this bound for every transaction (ADR 0010, addendum of session 34);
     * where the pool gives none, each poll's transaction sets it itself, at the price of a round trip a poll.
     */
    static final String IDLE_TRANSACTION_BOUND = "30s";

    private static final String BOUND_IDLE_TRANSACTION =
            "SET LOCAL idle_in_transaction_session_timeout = '" + IDLE_TRANSACTION_BOUND + "'";

    /** Whether the pool's connections carry an idle bound of their own: null until the first poll has looked. */
    private volatile Boolean poolBoundsIdle;

    /** Bounds the poll's idle time, unless the pool's connections already do (looked at once). */
    private void boundIdle(java.sql.Connection c) throws java.sql.SQLException {
        Boolean pooled = poolBoundsIdle;
        if (pooled == null) {
            pooled = !"0"
                    .equals(Jdbc.strings(c, "SHOW idle_in_transaction_session_timeout")
                            .get(0));
            poolBoundsIdle = pooled;
            if (!pooled) {
                LOG.infof(
                        "%s: its connection pool sets no idle bound on transactions, so each poll sets %s itself",
                        consumer, IDLE_TRANSACTION_BOUND);
            }
        }
        if (!pooled) {
            Jdbc.update(c, BOUND_IDLE_TRANSACTION);
        }
    }

    /** One transaction for the items and the dead letters; transient database failures are waited out. */
    private Object commitOnce(List<Item> items, List<Outbox.Outgoing> dead) throws InterruptedException {
        long backoff = 200;
        while (true) {
            try {
                Object result = Jdbc.inTransaction(dataSource, c -> {
                    boundIdle(c);
                    Object r = items.isEmpty() ? null : handler.apply(c, items);
                    outbox.enqueue(c, dead);
                    return r;
                });
                watch.succeeded();
                return result;
            } catch (Jdbc.StoreException e) {
                if (!(e instanceof Jdbc.NoConnection) && !isTransient(e.getCause())) {
                    throw e;
                }
                watch.failed(e);
                onTransientFailure.run();
                LOG.warnf(
                        "Storing a batch of %d records failed (%s); retrying in %d ms",
                        items.size(), e.getMessage(), backoff);
                Thread.sleep(backoff); // back-off while PostgreSQL is unavailable, not test timing
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /**
     * Whether PostgreSQL failed for reasons of its own rather than the records': no connection (SQL state class 08, or
     * none when the pool could not hand one out), a transaction rolled back for concurrency (class 40: deadlock,
     * serialisation), insufficient resources (53), operator intervention (57: shutting down), a system error (58), a
     * lock not available (55P03), an undefined table (42P01: the schema is being migrated), a session ended for
     * sitting idle in its transaction (25P03: the process was frozen, {@link #IDLE_TRANSACTION_BOUND}). Data and
     * integrity errors (classes 22, 23) and the rest are the records' fault.
     */
    public static boolean isTransient(Throwable t) {
        if (!(t instanceof SQLException e)) {
            return false;
        }
        String state = e.getSQLState();
        if (state == null) {
            return true;
        }
        return state.startsWith("08")
                || state.startsWith("40")
                || state.startsWith("53")
                || state.startsWith("57")
                || state.startsWith("58")
                || state.equals("55P03")
                || state.equals("42P01")
                || state.equals("25P03");
    }

    private static String reason(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
