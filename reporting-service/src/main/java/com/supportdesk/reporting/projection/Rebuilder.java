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
    /** Tries of a poll's transaction before the rebuild fails (backing off from 0.2 s to 10 s: about 40 s). */
    private static final int RETRIES = 10;
    /** Events folded per transaction. */
    private static final int POLL = 5000;
    /** The most a fetch of the reader brings (under half a G1 region: see {@link #reader()}). */
    private static final int FETCH_BYTES = 448 * 1024;
    /** One row, unlogged, while a rebuild runs: gone if PostgreSQL recovered from a crash meanwhile. */
    private static final String GUARD = "reporting.rpt_rebuild_guard_next";

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

    /** Runs on the rebuild's thread when it has ended, before its clean-up (a test's hook; nothing by default). */
    private volatile Runnable beforeCleanUp = () -> {};

    /** For tests: {@code hook} runs on a rebuild's thread once it has ended, before it cleans up. */
    public void beforeCleanUp(Runnable hook) {
        beforeCleanUp = hook == null ? () -> {} : hook;
    }

    /** Runs on the rebuild's thread when the load is done, before the tables are keyed and logged (a test's hook). */
    private volatile Runnable afterLoad = () -> {};

    /** For tests: {@code hook} runs on a rebuild's thread once the load is done, before the tables are finished. */
    public void afterLoad(Runnable hook) {
        afterLoad = hook == null ? () -> {} : hook;
    }

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
        // told only once the rebuild has cleaned up after itself: a rebuild started as soon as this one says it is
        // done must not find its new shadow tables dropped by this one's clean-up (it then failed on a missing table)
        Status outcome = null;
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            shadowTables();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                reader.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            IdSet met = new IdSet();
            readTo(reader, reader.endOffsets(partitions), events, started, met);
            afterLoad.run();
            finish(); // keys, indexes, plans, counters: made once, after the load
            // switch-over: hold the live projector, take what came meanwhile (now as the projector does), swap names
            Instant read = Instant.now();
            projector.hold(); // returns once the live projector's current poll has committed
            held = true;
            readTo(reader, reader.endOffsets(partitions), events, started, null);
            long tickets = swap();
            Instant finished = Instant.now();
            long ms = Math.max(1, Duration.between(started, finished).toMillis());
            outcome = new Status(
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
                    events.get(), tickets, ms, outcome.eventsPerSecond(), outcome.readMillis(), outcome.heldMillis());
        } catch (Throwable e) {
            LOG.errorf(e, "Rebuild failed; the read model is unchanged");
            outcome = new Status("FAILED", started, Instant.now(), events.get(), 0, 0, null, null, e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            beforeCleanUp.run();
            if (held) {
                projector.release(); // held events go on; each one already in the new tables is skipped by id
            }
            dropShadowTables();
            status = outcome != null
                    ? outcome
                    : new Status("FAILED", started, Instant.now(), events.get(), 0, 0, null, null, "stopped");
        }
    }

    /**
     * Empty shadow tables with the live tables' columns and defaults (a failed rebuild's leftovers dropped): the
     * tables of rows the fold looks up get their primary key now, the others nothing until the load is done
     * ({@link #finish()}). The rows the load updates again and again (tickets, search documents, outages, accounts)
     * are written without the write-ahead log, {@code UNLOGGED}, and logged once, whole, when the load is done; the
     * event log, written once, is logged as it is copied in. PostgreSQL empties unlogged tables when it recovers from
     * a crash: the {@link #GUARD} row, unlogged too, is then gone, and the rebuild fails instead of swapping in what
     * survived.
     */
    private void shadowTables() {
        dropShadowTables();
        EventLog.forget(); // a failed rebuild's shadow partitions are gone with its tables
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < LIVE.names().size(); i++) {
            String shadow = SHADOW.names().get(i);
            boolean events = shadow.equals(SHADOW.events().table());
            statements.add("CREATE " + (events ? "" : "UNLOGGED ") + "TABLE " + shadow + " (LIKE "
                    + LIVE.names().get(i) + " INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING STORAGE)"
                    + (events ? " PARTITION BY RANGE (\"time\")" : ""));
        }
        statements.add("CREATE UNLOGGED TABLE " + GUARD + " (startedat timestamptz NOT NULL)");
        statements.add("INSERT INTO " + GUARD + " VALUES (now())");
        for (Rows<?> looked : List.of(SHADOW.tickets(), SHADOW.outages(), SHADOW.accounts())) {
            statements.add("ALTER TABLE " + looked.table() + " ADD PRIMARY KEY (" + looked.idColumn() + ")");
        }
        statements.add("ALTER TABLE " + SHADOW.search() + " ADD PRIMARY KEY (ticketid)"); // documents grow per poll
        Jdbc.execute(dataSource, "the rebuild's shadow tables", statements.toArray(String[]::new));
    }

    /**
     * Fails the rebuild when PostgreSQL has recovered from a crash since it began: the unlogged shadow tables were
     * emptied then, and whatever the load wrote after that is not the whole read model.
     */
    private static void guarded(java.sql.Connection c) throws java.sql.SQLException {
        if (Jdbc.strings(c, "SELECT count(*) FROM " + GUARD).get(0).equals("0")) {
            throw new IllegalStateException("PostgreSQL restarted during the rebuild and emptied its unlogged tables;"
                    + " the read model is unchanged: start the rebuild again");
        }
    }

    private void dropShadowTables() {
        try {
            List<String> drops = new ArrayList<>();
            drops.add("DROP TABLE IF EXISTS " + GUARD);
            for (String t : LIVE.names()) {
                drops.add("DROP TABLE IF EXISTS " + t + "_next");
                drops.add("DROP TABLE IF EXISTS " + t + "_old");
            }
            Jdbc.execute(dataSource, "the rebuild's shadow tables", drops.toArray(String[]::new));
        } catch (RuntimeException e) {
            LOG.warnf("Shadow tables not dropped: %s", e.getMessage());
        }
    }

    /**
     * After the bulk load: the events' key ({@link #keyEvents}); every index
     * of the live tables made on the shadow ones (one sort each instead of an update per row, the search documents'
     * GIN index among them); each ticket's plan from its account's final profile; the dashboard's counters from the
     * rows.
     */
    private void finish() {
        String events = SHADOW.events().table();
        String tickets = SHADOW.tickets().table();
        String accounts = SHADOW.accounts().table();
        String search = SHADOW.search();
        String figures = SHADOW.figures();
        List<String> statements = new ArrayList<>();
        Jdbc.inTransaction(dataSource, c -> {
            guarded(c);
            return null;
        });
        keyEvents(dataSource, events);
        for (String t : SHADOW.names()) { // each written once to the log, before its indexes are built
            if (!t.equals(events)) {
                statements.add("ALTER TABLE " + t + " SET LOGGED");
            }
        }
        statements.add("SET maintenance_work_mem = '128MB'");
        statements.add("UPDATE " + tickets + " t SET planlevel = a.planlevel, queuekey = CASE WHEN t.queuekey IS NULL"
                + " THEN NULL ELSE overlay(t.queuekey PLACING (CASE a.planlevel WHEN 'STARS_5' THEN '0' WHEN 'STARS_4'"
                + " THEN '1' ELSE '2' END) FROM " + com.supportdesk.reporting.queue.QueueKey.PLAN_POSITION
                + " FOR 1) END FROM " + accounts + " a WHERE a.accountid = t.accountid"
                + " AND t.planlevel IS DISTINCT FROM a.planlevel");
        statements.add("ALTER TABLE " + search + " ALTER COLUMN doc SET STATISTICS 10000");
        statements.add("INSERT INTO " + figures + " (name, n)"
                + " SELECT 'open|' || severity || '|' || status, count(*) FROM " + tickets
                + " WHERE severity IS NOT NULL AND status IN ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD', 'RESOLVED') GROUP BY 1"
                + " UNION ALL SELECT 'queued|' || coalesce(level, ''), count(*) FROM " + tickets
                + " WHERE queuekey IS NOT NULL GROUP BY 1"
                + " UNION ALL SELECT 'measured|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM "
                + tickets + " WHERE openedat IS NOT NULL AND responseoutcome IS NOT NULL GROUP BY 1"
                + " UNION ALL SELECT 'met|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM "
                + tickets + " WHERE openedat IS NOT NULL AND responseoutcome = 'MET' GROUP BY 1"
                + " UNION ALL SELECT 'breaches|' || to_char(\"time\" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*) FROM "
                + events + " WHERE type = 'support.sla.breached.v1' AND \"time\" IS NOT NULL GROUP BY 1");
        statements.add("ALTER TABLE " + figures + " ADD PRIMARY KEY (name)");
        Jdbc.execute(dataSource, "the rebuilt read model", statements.toArray(String[]::new));
        // the months the live log has ahead (the keeper's), so that the swap takes no month away from the projector
        Jdbc.inTransaction(dataSource, c -> {
            EventLog.Policy log = EventLog.policy();
            java.time.Instant now = log.clock().instant();
            EventLog.ensure(
                    c,
                    events,
                    EventLog.months(c, LIVE.events().table()).stream()
                            .filter(m -> EventLog.kept(log, m, now))
                            .toList());
            return null;
        });
        // the live tables' other indexes, under the shadow's names
        List<String> indexes = new ArrayList<>();
        Jdbc.inTransaction(dataSource, c -> {
            for (String live : LIVE.names()) {
                String bare = live.substring(live.indexOf('.') + 1);
                try (var ps = c.prepareStatement("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname ="
                        + " 'reporting' AND tablename = ? AND indexname <> ?")) {
                    ps.setString(1, bare);
                    ps.setString(2, bare + "_pkey");
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String name = rs.getString(1);
                            indexes.add(rs.getString(2)
                                    .replaceFirst(" ON ONLY ", " ON ") // a partitioned table's: on every partition
                                    .replaceFirst(
                                            "INDEX " + java.util.regex.Pattern.quote(name) + " ON ",
                                            "INDEX " + name + "_next ON ")
                                    .replaceFirst(
                                            " ON " + java.util.regex.Pattern.quote(live) + " ",
                                            " ON " + live + "_next "));
                        }
                    }
                }
            }
            return null;
        });
        indexes.add(0, "SET maintenance_work_mem = '128MB'");
        for (String t : SHADOW.names()) {
            indexes.add("ANALYZE " + t);
        }
        Jdbc.execute(dataSource, "the rebuilt read model's indexes", indexes.toArray(String[]::new));
    }

    /**
     * The loaded events' key. The ids met keep each event out of the load a second time, so the key is made straight
     * away; only when that fails on a duplicate (a poll applied twice: its commit went through but its acknowledgement
     * was lost, and it was retried) are the copies dropped first. That sweep joined the whole log with itself on every
     * rebuild, 5 % of one.
     */
    static void keyEvents(javax.sql.DataSource dataSource, String events) {
        String key = "ALTER TABLE " + events + " ADD PRIMARY KEY (eventid, \"time\")";
        try {
            Jdbc.execute(dataSource, "the rebuilt event log's key", "SET maintenance_work_mem = '128MB'", key);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof java.sql.SQLException sql) || !"23505".equals(sql.getSQLState())) {
                throw e;
            }
            LOG.warnf("The rebuilt event log holds an event twice (%s): the copies are dropped", sql.getMessage());
            Jdbc.execute(
                    dataSource,
                    "the rebuilt event log's key",
                    "SET maintenance_work_mem = '128MB'",
                    "DELETE FROM " + events + " a USING " + events + " b WHERE a.eventid = b.eventid"
                            + " AND a.\"time\" = b.\"time\" AND a.tableoid = b.tableoid AND a.ctid > b.ctid",
                    key);
        }
    }

    /**
     * Folds the topics up to {@code end}: in bulk while {@code met} is given, else as the live projector does. A thread
     * of its own reads and decodes the next poll while this one applies the current one (the decoding and the
     * database's work overlap on two cores); one poll waits between them at most. The reader is used by that thread
     * alone until it has ended.
     */
    private void readTo(
            KafkaConsumer<String, byte[]> reader,
            Map<TopicPartition, Long> end,
            AtomicLong events,
            Instant started,
            IdSet met)
            throws InterruptedException {
        java.util.concurrent.BlockingQueue<List<BatchConsumer.Item>> polls =
                new java.util.concurrent.ArrayBlockingQueue<>(1);
        List<BatchConsumer.Item> last = new ArrayList<>(); // the reader's end (compared by identity)
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread fetcher = new Thread(
                () -> {
                    try {
                        fetch(reader, end, polls);
                        polls.put(last);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the applier stopped (it failed): nobody waits
                    } catch (RuntimeException e) {
                        failed.set(e);
                        polls.clear(); // the rebuild fails: what is queued is not applied, the end is told
                        polls.offer(last);
                    }
                },
                "read-model-rebuild-reader");
        fetcher.setDaemon(true);
        fetcher.start();
        try {
            for (List<BatchConsumer.Item> next = polls.take(); next != last; next = polls.take()) {
                List<BatchConsumer.Item> poll = next;
                // a database that is away is waited for a while; a failure that waiting does not heal fails the
                // rebuild (the read model stays as it was) instead of holding it RUNNING for ever
                List<String> recorded = Jdbc.retrying(
                        "the rebuild",
                        () -> Jdbc.inTransaction(dataSource, c -> {
                            if (met != null) {
                                // the load's commits need not wait for the disk: a crash fails the rebuild (GUARD);
                                // and each statement is planned for its own arguments and the shadow tables' size
                                // now (a generic plan, cached while a table was nearly empty, scanned it whole
                                // once it had grown)
                                Jdbc.strings(
                                        c,
                                        "SELECT set_config('synchronous_commit', 'off', true),"
                                                + " set_config('plan_cache_mode', 'force_custom_plan', true)");
                            }
                            return ReadModelWriter.apply(c, poll, SHADOW, met);
                        }),
                        RETRIES);
                if (met != null) {
                    recorded.forEach(met::add); // committed: met from now on
                }
                long total = events.addAndGet(recorded.size());
                long ms = Math.max(1, Duration.between(started, Instant.now()).toMillis());
                status = new Status("RUNNING", started, null, total, 0, total * 1000L / ms, null, null, null);
            }
        } finally {
            fetcher.interrupt();
            fetcher.join();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /** Reads and decodes the topics up to {@code end}, a poll at a time, into {@code polls} (the reader's thread). */
    private static void fetch(
            KafkaConsumer<String, byte[]> reader,
            Map<TopicPartition, Long> end,
            java.util.concurrent.BlockingQueue<List<BatchConsumer.Item>> polls)
            throws InterruptedException {
        Map<TopicPartition, Long> left = new HashMap<>(end);
        left.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        while (!left.isEmpty()) {
            // the client's fetches are small (see reader()); a poll of the rebuild gathers several of them
            List<BatchConsumer.Item> poll = new ArrayList<>(POLL);
            while (poll.size() < POLL && !left.isEmpty()) {
                var records = reader.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> r : records) {
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
                left.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
                if (records.isEmpty()) {
                    break;
                }
            }
            if (!poll.isEmpty()) {
                polls.put(poll);
            }
        }
    }

    /**
     * Puts the shadow tables in the live ones' place by renaming, in one transaction (queries wait for it a moment
     * and then read the new rows): each live table, its key and its indexes get the suffix {@code _old}, the shadow
     * ones lose {@code _next}, and the old tables are dropped. Returns the number of tickets.
     */
    private long swap() {
        EventLog.forget(); // the log's partitions are the shadow's from now on
        return Jdbc.inTransaction(dataSource, c -> {
            guarded(c); // (its tables are logged now, but one emptied before that would have been missed)
            for (String live : LIVE.names()) {
                String bare = live.substring(live.indexOf('.') + 1);
                List<String> liveIndexes = Jdbc.strings(
                        c, "SELECT indexname FROM pg_indexes WHERE schemaname = 'reporting' AND tablename = ?", bare);
                Jdbc.update(c, "ALTER TABLE " + live + " RENAME TO " + bare + "_old");
                for (String index : liveIndexes) {
                    Jdbc.update(c, "ALTER INDEX reporting." + index + " RENAME TO " + index + "_old");
                }
                Jdbc.update(c, "ALTER TABLE " + live + "_next RENAME TO " + bare);
                Jdbc.update(c, "ALTER INDEX reporting." + bare + "_next_pkey RENAME TO " + bare + "_pkey");
                for (String index : liveIndexes) {
                    if (!index.equals(bare + "_pkey")) {
                        Jdbc.update(c, "ALTER INDEX reporting." + index + "_next RENAME TO " + index);
                    }
                }
                Jdbc.update(c, "DROP TABLE " + live + "_old"); // with its partitions, if it has any
                for (java.time.YearMonth m : EventLog.months(c, live)) { // the shadow's partitions take the live names
                    String from = EventLog.partition(live + "_next", m);
                    if (Jdbc.strings(c, "SELECT to_regclass(?)", from).get(0) == null) {
                        continue;
                    }
                    String fromBare = from.substring(from.indexOf('.') + 1);
                    String toBare = EventLog.partition(live, m).substring(live.indexOf('.') + 1);
                    for (String index : Jdbc.strings(
                            c,
                            "SELECT indexname FROM pg_indexes WHERE schemaname = 'reporting' AND tablename = ?",
                            fromBare)) {
                        if (index.startsWith(fromBare)) {
                            Jdbc.update(
                                    c,
                                    "ALTER INDEX reporting." + index + " RENAME TO " + toBare
                                            + index.substring(fromBare.length()));
                        }
                    }
                    Jdbc.update(c, "ALTER TABLE " + from + " RENAME TO " + toBare);
                }
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
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(POLL));
        // a fetch's response is read into one array: kept under half a heap region (G1's regions are 1 MB in the
        // service's 384 MB), or each one is a "humongous" object, allocated in the old generation and a cause of
        // collections of its own (megabytes a fetch, as before, made the collector a large part of a rebuild's CPU)
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(FETCH_BYTES));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(FETCH_BYTES));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service-rebuild");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
