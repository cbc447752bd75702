package com.supportdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TopicReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox and its relay over a real PostgreSQL and a real broker: messages leave in the order they were written
 * (per key), with their headers, and are deleted once the broker acknowledged them; two relays on one outbox (two
 * instances of a service) publish each message once, one at a time; a broker outage loses nothing (but see the
 * outage test about order).
 */
class OutboxRelayIntegrationTest {
    private static final String TOPIC = "outbox-relay-test";
    private static DataSource db;

    @BeforeAll
    static void infrastructure() {
        db = RealInfrastructure.postgres().getPostgresDatabase();
        RealInfrastructure.kafka();
    }

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                KafkaClients.config(
                        RealInfrastructure.bootstrapServers(),
                        Map.of(
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                5_000,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                2_000,
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                5_000)),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    static Outbox outbox(String name) {
        Outbox o = new Outbox(name);
        Jdbc.execute(db, "outbox relay test", o.ddl(), "TRUNCATE " + name);
        return o;
    }

    /** n messages for each of the keys, numbered per key, written in one transaction per key. */
    static void write(Outbox outbox, String run, List<String> keys, int n) {
        write(outbox, run, keys, n, Map.of());
    }

    /** As {@link #write(Outbox, String, List, int)}, each message with the {@code extra} headers too. */
    static void write(Outbox outbox, String run, List<String> keys, int n, Map<String, String> extra) {
        for (String key : keys) {
            List<Outbox.Outgoing> messages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                messages.add(new Outbox.Outgoing(
                        TOPIC,
                        key,
                        headers(extra, "ce_id", run + "-" + key + "-" + i, "run", run),
                        Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
            }
            Jdbc.inTransaction(db, c -> {
                outbox.enqueue(c, messages);
                return null;
            });
        }
    }

    private static Map<String, String> headers(Map<String, String> extra, String... pairs) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(extra);
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    static List<ConsumerRecord<String, byte[]>> published(String run, int atLeast) {
        return TopicReader.await(
                TOPIC, r -> run.equals(TopicReader.header(r, "run")), s -> s.size() >= atLeast, Duration.ofSeconds(60));
    }

    static long left(Outbox outbox, String table) {
        return Long.parseLong(Jdbc.inTransaction(db, c -> Jdbc.strings(c, "SELECT count(*) FROM " + table))
                .get(0));
    }

    /** The producer, counting the records handed to it (what the relay tried to send). */
    @SuppressWarnings("unchecked")
    static Producer<String, byte[]> counting(Producer<String, byte[]> producer, AtomicInteger sends) {
        return (Producer<String, byte[]>) Proxy.newProxyInstance(
                Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send")) {
                        sends.incrementAndGet();
                    }
                    try {
                        return method.invoke(producer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void oneWriteOfMoreMessagesThanOneInsertTakesKeepsTheirOrderHeadersAndBodies() {
        Outbox outbox = outbox("relay_chunks");
        int n = 2 * Outbox.ROWS_PER_INSERT + 3;
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(new Outbox.Outgoing(
                    TOPIC,
                    i % 2 == 0 ? "even" : null,
                    Map.of("ce_id", "m-" + i),
                    i % 7 == 0 ? null : Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        }
        List<Outbox.Message> stored = Jdbc.inTransaction(db, c -> {
            outbox.enqueue(c, messages);
            outbox.enqueue(c, List.of());
            return outbox.pending(c, n + 10);
        });
        assertThat(stored).hasSize(n);
        for (int i = 0; i < n; i++) {
            Outbox.Message m = stored.get(i);
            assertThat(m.headers()).containsEntry("ce_id", "m-" + i);
            assertThat(m.key()).isEqualTo(i % 2 == 0 ? "even" : null);
            assertThat(m.body() == null ? null : new String(m.body(), StandardCharsets.UTF_8))
                    .isEqualTo(i % 7 == 0 ? null : Integer.toString(i));
            if (i > 0) {
                assertThat(m.id()).isGreaterThan(stored.get(i - 1).id());
            }
        }
    }

    /**
     * A state change and the messages announcing it written in one statement (a sent e-mail's row and its outcome): the
     * change runs once, before the messages, whatever their number; with no message it runs alone; and a change that
     * fails writes no message.
     */
    @Test
    void aChangeAndTheMessagesThatAnnounceItAreWrittenTogether() {
        Outbox outbox = outbox("relay_with_change");
        Jdbc.execute(
                db,
                "outbox with a change",
                "CREATE TABLE IF NOT EXISTS relay_change_row (id TEXT PRIMARY KEY, n INT NOT NULL, at TIMESTAMPTZ)",
                "DELETE FROM relay_change_row",
                "INSERT INTO relay_change_row VALUES ('a', 0, NULL), ('b', 0, NULL)");
        java.time.Instant at = java.time.Instant.parse("2026-12-07T10:00:00Z");
        String change = "UPDATE relay_change_row SET n = n + 1, at = ? WHERE id = ANY(?)";
        int n = Outbox.ROWS_PER_INSERT + 2;
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(new Outbox.Outgoing(TOPIC, "k", Map.of("ce_id", "c-" + i), new byte[] {(byte) i}));
        }
        List<Outbox.Message> stored = Jdbc.inTransaction(db, c -> {
            outbox.enqueueWith(c, change, List.of(at, c.createArrayOf("text", new String[] {"a", "b"})), messages);
            outbox.enqueueWith(c, change, List.of(at, c.createArrayOf("text", new String[] {"b"})), List.of());
            return outbox.pending(c, n + 10);
        });
        assertThat(stored)
                .extracting(m -> m.headers().get("ce_id"))
                .containsExactlyElementsOf(
                        messages.stream().map(m -> m.headers().get("ce_id")).toList());
        List<String> rows = Jdbc.inTransaction(
                db,
                c -> Jdbc.strings(
                        c,
                        "SELECT id || ':' || n || ':' || to_char(at AT TIME ZONE 'UTC', 'HH24:MI')"
                                + " FROM relay_change_row ORDER BY id"));
        assertThat(rows).as("each change ran once, with its parameters").containsExactly("a:1:10:00", "b:2:10:00");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Jdbc.inTransaction(db, c -> {
                    outbox.enqueueWith(
                            c,
                            "UPDATE relay_change_row SET n = n / 0 WHERE id = ?",
                            List.of("a"),
                            messages.subList(0, 1));
                    return null;
                }))
                .isInstanceOf(Jdbc.StoreException.class);
        long count = Jdbc.inTransaction(db, c -> outbox.count(c));
        assertThat(count).as("the failed change wrote no message").isEqualTo(n);
    }

    @Test
    void twoRelaysOnOneOutboxPublishEveryMessageOnceInOrderAndEmptyIt() {
        Outbox outbox = outbox("relay_twice");
        String run = UUID.randomUUID().toString();
        List<String> keys = List.of("k1", "k2", "k3", "k4");
        try (KafkaProducer<String, byte[]> p1 = producer();
                KafkaProducer<String, byte[]> p2 = producer()) {
            OutboxRelay first = new OutboxRelay(db, outbox, 4242L, p1, 50, Duration.ofMillis(50), b -> {});
            OutboxRelay second = new OutboxRelay(db, outbox, 4242L, p2, 50, Duration.ofMillis(50), b -> {});
            first.start("relay-test-1");
            second.start("relay-test-2");
            try {
                write(outbox, run, keys, 250);
                await().atMost(Duration.ofSeconds(60)).until(() -> left(outbox, "relay_twice") == 0);
            } finally {
                first.stop();
                second.stop();
            }
        }
        List<ConsumerRecord<String, byte[]>> records = published(run, 1000);
        assertThat(records).hasSize(1000); // once each: the advisory lock lets one relay publish at a time
        Map<String, List<String>> byKey = records.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key,
                        LinkedHashMap::new,
                        Collectors.mapping(r -> new String(r.value(), StandardCharsets.UTF_8), Collectors.toList())));
        for (String key : keys) {
            assertThat(byKey.get(key))
                    .as(key)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 250)
                            .mapToObj(Integer::toString)
                            .toList());
        }
        assertThat(TopicReader.header(records.get(0), "ce_id")).startsWith(run + "-");
    }

    @Test
    void aBrokerOutageKeepsTheMessagesUntilTheBrokerIsBackAndTheirOrder() {
        Outbox outbox = outbox("relay_outage");
        String run = UUID.randomUUID().toString();
        AtomicInteger sends = new AtomicInteger();
        List<KafkaProducer<String, byte[]>> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(
                db,
                outbox,
                4343L,
                () -> {
                    KafkaProducer<String, byte[]> p = producer();
                    made.add(p);
                    return counting(p, sends);
                },
                20,
                Duration.ofMillis(50),
                b -> {});
        io.micrometer.core.instrument.MeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        relay.measuredBy(registry, "test-service");
        java.util.function.DoubleSupplier oldestAge = () -> registry.get("support.outbox.oldest.age")
                .tags("service", "test-service", "outbox", "relay_outage")
                .gauge()
                .value();
        relay.start("relay-test-outage");
        try {
            write(outbox, run, List.of("before"), 10);
            published(run, 10);
            RealInfrastructure.stopBroker();
            try {
                // events of a day ago (a re-targeted clock carries its calendar change's instant), written now
                write(
                        outbox,
                        run,
                        List.of("during"),
                        30,
                        Map.of(
                                "ce_time",
                                java.time.Instant.now()
                                        .minus(Duration.ofDays(1))
                                        .toString()));
                // the relay has tried to send them (to a broker that is not there): none is acknowledged, so all
                // stay in the outbox
                await().atMost(Duration.ofSeconds(60)).until(() -> sends.get() > 10);
                assertThat(left(outbox, "relay_outage")).isEqualTo(30);
                // what the OutboxStuck alert watches: the oldest waiting message grows older while rounds fail
                await().atMost(Duration.ofSeconds(30)).until(() -> oldestAge.getAsDouble() >= 1.0);
                assertThat(oldestAge.getAsDouble())
                        .as("waited since the rows were written, not since the events' ce_time a day back")
                        .isLessThan(120.0);
            } finally {
                RealInfrastructure.startBroker();
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> left(outbox, "relay_outage") == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> oldestAge.getAsDouble() == 0.0);
            assertThat(registry.get("support.outbox.published").counter().count())
                    .isGreaterThanOrEqualTo(40);
        } finally {
            relay.stop();
            relay.closeProducer();
        }
        assertThat(made.size()).as("a fresh producer after each failed round").isGreaterThan(1);
        List<ConsumerRecord<String, byte[]>> during = published(run, 40).stream()
                .filter(r -> "during".equals(r.key()))
                .toList();
        // every message arrived, in order (a batch may come twice: consumers drop the copy by ce_id)
        assertThat(during.stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .distinct()
                        .toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30)
                        .mapToObj(Integer::toString)
                        .toList());
    }

    /**
     * An outbox's statistics say it is empty right after autovacuum or analyze has seen it drained, while its pages
     * still hold thousands of rows deleted since. Planned on those statistics, the oldest messages are read by scanning
     * every page and sorting; the relay's transaction reads and deletes through the key's index instead.
     */
    @Test
    void theRelaysReadAndDeleteGoThroughTheKeyWhenTheStatisticsSayTheOutboxIsEmpty() {
        Outbox outbox = outbox("outbox_plan_test");
        Jdbc.execute(
                db,
                "a drained outbox",
                "INSERT INTO outbox_plan_test (topic, msg_key, headers, body) SELECT 't', 'k', '{}',"
                        + " convert_to(repeat('x', 500), 'UTF8') FROM generate_series(1, 20000)",
                "DELETE FROM outbox_plan_test WHERE id < (SELECT max(id) - 10 FROM outbox_plan_test)",
                "ANALYZE outbox_plan_test");
        String read = outbox.pendingSql().replaceFirst("\\?", "0").replace("?", "200");
        String delete = outbox.deleteSql().replace("?", "'{1,2,3}'::bigint[]");
        Jdbc.inTransaction(db, c -> {
            assertThat(plan(c, read))
                    .as("the planner's own choice on these statistics (what the relay must not get): every row"
                            + " read, then sorted")
                    .containsAnyOf("Seq Scan", "Sort");
            assertThat(OutboxRelay.lock(c, 4711)).isTrue();
            assertThat(plan(c, read))
                    .contains("Index Scan using outbox_plan_test_pkey")
                    .doesNotContain("Seq Scan")
                    .doesNotContain("Sort");
            assertThat(plan(c, delete)).contains("outbox_plan_test_pkey").doesNotContain("Seq Scan");
            return null;
        });
        Jdbc.inTransaction(db, c -> {
            outbox.publishedUpTo(c, 1);
            assertThat(plan(c, outbox.publishedSql().replace("?", "1")))
                    .as("a re-targeting's look whether the relay caught up (sla-service)")
                    .contains("outbox_plan_test_pkey")
                    .doesNotContain("Seq Scan");
            return null;
        });
    }

    /** What a writer that keeps pace with the relay asks: its last message's id, and whether all up to it left. */
    @Test
    void theOutboxSaysWhetherEverythingUpToAMessageHasLeft() {
        Outbox outbox = outbox("outbox_published_test");
        write(outbox, "warm-up", List.of("other"), 2);
        List<Long> ids = Jdbc.inTransaction(db, c -> {
            outbox.enqueue(
                    c,
                    List.of(
                            new Outbox.Outgoing(TOPIC, "k", Map.of(), new byte[] {1}),
                            new Outbox.Outgoing(TOPIC, "k", Map.of(), new byte[] {2}),
                            new Outbox.Outgoing(TOPIC, "k", Map.of(), new byte[] {3})));
            return List.of(
                    outbox.lastQueued(c),
                    outbox.pending(c, 10).stream()
                            .mapToLong(Outbox.Message::id)
                            .max()
                            .orElseThrow());
        });
        assertThat(ids.get(0)).as("the last id this session queued").isEqualTo(ids.get(1));
        long last = ids.get(0);
        Jdbc.inTransaction(db, c -> {
            assertThat(outbox.publishedUpTo(c, last)).isFalse();
            assertThat(outbox.publishedUpTo(c, last - 5))
                    .as("nothing at or before it")
                    .isTrue();
            outbox.delete(
                    c,
                    outbox.pending(c, 10).stream()
                            .map(Outbox.Message::id)
                            .toList()
                            .subList(0, 4));
            assertThat(outbox.publishedUpTo(c, last - 1)).isTrue();
            assertThat(outbox.publishedUpTo(c, last)).isFalse();
            outbox.delete(c, List.of(last));
            assertThat(outbox.publishedUpTo(c, last)).isTrue();
            return null;
        });
    }

    /**
     * The relay's transaction waits for the broker's acknowledgements (up to 30 s in an outage) between its
     * statements, as long as the services' pools let any transaction sit idle: the statement that takes its lock
     * lengthens its own bound to {@link OutboxRelay#IDLE_BOUND}, and only its own (ADR 0010, session 34).
     */
    @Test
    void theRelaysTransactionMaySitIdleLongerThanItsWaitForTheBroker() throws java.sql.SQLException {
        org.postgresql.ds.PGSimpleDataSource bounded = new org.postgresql.ds.PGSimpleDataSource();
        bounded.setUrl(RealInfrastructure.jdbcUrl());
        bounded.setOptions("-c idle_in_transaction_session_timeout=30s");
        String idle = "SHOW idle_in_transaction_session_timeout";
        List<String> seen = new ArrayList<>();
        try (java.sql.Connection c = bounded.getConnection()) {
            c.setAutoCommit(false);
            seen.addAll(Jdbc.strings(c, idle));
            assertThat(OutboxRelay.lock(c, 4712)).isTrue();
            seen.addAll(Jdbc.strings(c, idle));
            c.commit();
            seen.addAll(Jdbc.strings(c, idle)); // the next transaction on the same connection
            c.commit();
        }

        assertThat(seen).containsExactly("30s", OutboxRelay.IDLE_BOUND, "30s");
    }

    /** A relay driven round by round, on a clock of the test's own (its gap and full-read waits). */
    private static OutboxRelay stepped(Outbox outbox, KafkaProducer<String, byte[]> producer, AtomicLong clock) {
        OutboxRelay relay = new OutboxRelay(db, outbox, 4545L, producer, 500, Duration.ofMillis(50), b -> {});
        relay.nanos = clock::get;
        return relay;
    }

    /** One message for {@code key}, written on {@code c} and left for the caller to commit or roll back. */
    private static void writeOn(java.sql.Connection c, Outbox outbox, String run, String key) throws Exception {
        outbox.enqueue(
                c,
                List.of(new Outbox.Outgoing(
                        TOPIC,
                        key,
                        Map.of("ce_id", run + "-" + key, "run", run),
                        "x".getBytes(StandardCharsets.UTF_8))));
    }

    /** One committed message for {@code key}, then one round of the relay. */
    private static void writeAndRound(OutboxRelay relay, Outbox outbox, String run, String key) {
        write(outbox, run, List.of(key), 1);
        relay.round();
    }

    private static List<String> keys(String run, int atLeast) {
        return published(run, atLeast).stream().map(ConsumerRecord::key).toList();
    }

    @Test
    void aWriteThatCommitsAfterLaterOnesIsPublishedInItsPlaceAtTheNextRound() throws Exception {
        Outbox outbox = outbox("relay_gap");
        String run = UUID.randomUUID().toString();
        AtomicLong clock = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = producer();
                java.sql.Connection slow = db.getConnection()) {
            OutboxRelay relay = stepped(outbox, producer, clock);
            writeAndRound(relay, outbox, run, "first");
            slow.setAutoCommit(false);
            writeOn(slow, outbox, run, "slow"); // takes the next id, commits after the next message's
            writeAndRound(relay, outbox, run, "after");
            assertThat(keys(run, 2)).containsExactlyInAnyOrder("first", "after");
            long beforeGap = relay.cursor();
            slow.commit();
            relay.round(); // the clock has not moved: no full read, the cursor waited at the gap
            assertThat(keys(run, 3)).containsExactlyInAnyOrder("first", "after", "slow");
            assertThat(left(outbox, "relay_gap")).isZero();
            assertThat(relay.cursor()).as("past the gap, once it filled").isGreaterThan(beforeGap + 1);
        }
    }

    @Test
    void aRolledBackWritesGapIsPassedAfterItsWaitAndAWriteSlowerThanThatIsPublishedByTheNextFullRead()
            throws Exception {
        Outbox outbox = outbox("relay_rollback");
        String run = UUID.randomUUID().toString();
        AtomicLong clock = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = producer();
                java.sql.Connection rolledBack = db.getConnection();
                java.sql.Connection slow = db.getConnection()) {
            OutboxRelay relay = stepped(outbox, producer, clock);
            writeAndRound(relay, outbox, run, "a");
            long start = relay.cursor();
            rolledBack.setAutoCommit(false);
            writeOn(rolledBack, outbox, run, "never");
            rolledBack.rollback();
            writeAndRound(relay, outbox, run, "b");
            assertThat(relay.cursor()).as("held before the gap").isEqualTo(start);
            clock.addAndGet(OutboxRelay.GAP_WAIT_NANOS);
            writeAndRound(relay, outbox, run, "c");
            assertThat(relay.cursor()).as("the gap passed after its wait").isEqualTo(start + 3);

            slow.setAutoCommit(false);
            writeOn(slow, outbox, run, "slow");
            writeAndRound(relay, outbox, run, "d");
            clock.addAndGet(OutboxRelay.GAP_WAIT_NANOS / 2);
            writeAndRound(relay, outbox, run, "e");
            clock.addAndGet(OutboxRelay.GAP_WAIT_NANOS / 2);
            writeAndRound(relay, outbox, run, "f"); // the slow write's gap waited long enough: passed
            slow.commit();
            relay.round(); // from the cursor: the slow message is below it
            assertThat(left(outbox, "relay_rollback"))
                    .as("waiting for a full read")
                    .isEqualTo(1);
            clock.addAndGet(OutboxRelay.FULL_READ_NANOS);
            relay.round();
            assertThat(left(outbox, "relay_rollback")).isZero();
            assertThat(keys(run, 7)).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "slow");
        }
    }

    @Test
    void idsBegunAnewBelowTheCursorAreAllPublishedRoundByRoundOnceAFullReadFoundThem() throws Exception {
        Outbox outbox = outbox("relay_restarted");
        String run = UUID.randomUUID().toString();
        AtomicLong clock = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            OutboxRelay relay = stepped(outbox, producer, clock);
            write(outbox, run, List.of("a", "b", "c", "d", "e"), 1);
            for (int i = 0; i < 5; i++) {
                relay.round();
            }
            assertThat(relay.cursor()).isGreaterThanOrEqualTo(5);
            // an operator restores the table or restarts its ids: new messages come below the cursor
            Jdbc.execute(db, "ids begun anew", "TRUNCATE relay_restarted RESTART IDENTITY");
            writeAndRound(relay, outbox, run, "x");
            assertThat(left(outbox, "relay_restarted"))
                    .as("not seen from the cursor")
                    .isEqualTo(1);
            clock.addAndGet(OutboxRelay.FULL_READ_NANOS);
            relay.round();
            assertThat(left(outbox, "relay_restarted"))
                    .as("the next full read found it")
                    .isZero();
            writeAndRound(
                    relay, outbox, run,
                    "y"); // the clock has not moved: read from the start again, as something came below the cursor
            assertThat(left(outbox, "relay_restarted")).isZero();
            assertThat(keys(run, 7)).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "x", "y");
        }
    }

    @Test
    void aReadFromTheCursorDoesNotWalkTheRowsDeletedWhileAnOldTransactionHoldsThemInTheIndex() throws Exception {
        Outbox outbox = outbox("relay_dead_rows");
        String run = UUID.randomUUID().toString();
        AtomicLong clock = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = producer();
                java.sql.Connection old = db.getConnection()) {
            old.setAutoCommit(false);
            Jdbc.strings(old, "SELECT txid_current()::text"); // a transaction with an id, as a poll's or a send's
            OutboxRelay relay = stepped(outbox, producer, clock);
            List<Outbox.Outgoing> rows = new ArrayList<>(); // about a breach's size: seven to a page
            for (int i = 0; i < 2_000; i++) {
                rows.add(new Outbox.Outgoing(
                        TOPIC,
                        "k",
                        Map.of("ce_id", run + "-k-" + i, "run", run),
                        "x".repeat(1_000).getBytes(StandardCharsets.UTF_8)));
            }
            Jdbc.inTransaction(db, c -> {
                outbox.enqueue(c, rows);
                return null;
            });
            for (int i = 0; i < 4; i++) {
                relay.round();
            }
            assertThat(left(outbox, "relay_dead_rows")).isZero();
            write(outbox, run, List.of("next"), 1);
            Jdbc.inTransaction(db, c -> {
                OutboxRelay.lock(c, 4546L);
                String read = outbox.pendingSql().replace("LIMIT ?", "LIMIT 500");
                assertThat(buffers(c, read.replace("?", Long.toString(relay.cursor()))))
                        .as("from the cursor")
                        .isLessThan(20);
                assertThat(buffers(c, read.replace("?", "0")))
                        .as("from the start: the pages of the 2,000 deleted rows")
                        .isGreaterThan(250);
                return null;
            });
            old.rollback();
        }
    }

    private static long buffers(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)) {
            rs.next();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"Shared Hit Blocks\": (\\d+)")
                    .matcher(rs.getString(1));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    private static String plan(java.sql.Connection c, String sql) throws java.sql.SQLException {
        StringBuilder plan = new StringBuilder();
        try (var s = c.createStatement();
                var rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
