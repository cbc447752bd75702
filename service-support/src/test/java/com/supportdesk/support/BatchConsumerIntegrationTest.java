package com.supportdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer runtime against a real PostgreSQL: a poll in one transaction, records of no concern never reach the
 * database, unreadable and failing records isolated and dead-lettered while the rest apply exactly once, transient
 * database failures waited out, and a crash in the middle of a batch neither loses nor doubles an effect.
 */
class BatchConsumerIntegrationTest {
    private static final String TOPIC = "ticket-events";
    private static final String CLOSED = Catalog.of(TicketClosed.class).type();
    private static DataSource db;
    private static final Outbox OUTBOX = new Outbox("bc_outbox");

    private final AtomicInteger transactions = new AtomicInteger();
    private long offset;
    /** The timestamp of the records made next (0: none). */
    private long timestamp;

    @BeforeAll
    static void database() throws SQLException {
        db = RealInfrastructure.postgres().getPostgresDatabase();
        Jdbc.execute(
                db,
                "batch consumer test",
                "CREATE TABLE IF NOT EXISTS bc_effect (event_id TEXT PRIMARY KEY, "
                        + "ticket_id TEXT NOT NULL, position BIGSERIAL)",
                OUTBOX.ddl());
    }

    @BeforeEach
    void empty() {
        Jdbc.execute(db, "batch consumer test", "TRUNCATE bc_effect, bc_outbox");
    }

    /** The effect of an event: one row per event id (a second one would fail the key), in the order applied. */
    private BatchConsumer.Handler effects(Set<String> poison) {
        return (c, items) -> {
            transactions.incrementAndGet();
            for (BatchConsumer.Item item : items) {
                TicketClosed closed = (TicketClosed) item.event().data();
                if (poison.contains(closed.ticketId())) {
                    throw new IllegalStateException("cannot handle " + closed.ticketId());
                }
                Jdbc.update(
                        c,
                        "INSERT INTO bc_effect (event_id, ticket_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        item.event().id(),
                        closed.ticketId());
            }
            return items.size();
        };
    }

    private BatchConsumer consumer(BatchConsumer.Handler handler) {
        return BatchConsumer.of(db, OUTBOX, "test-service", BatchConsumer.ofTypes(Set.of(CLOSED)), handler);
    }

    @Test
    void aPollIsAppliedInOneTransactionInOrder() throws Exception {
        List<ConsumerRecord<String, byte[]>> poll = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            poll.add(closed("T-" + (i % 5), "e" + i));
        }
        BatchConsumer.Outcome outcome = consumer(effects(Set.of())).accept(poll);

        assertThat(transactions).hasValue(1);
        assertThat(outcome.applied()).isEqualTo(50);
        assertThat(outcome.results()).containsExactly(50);
        assertThat(effectIds())
                .containsExactlyElementsOf(
                        poll.stream().map(r -> header(r, "ce_id")).toList());
    }

    @Test
    void aPollsTransactionMayNotSitIdleForLongSoAFrozenProcessReleasesItsLocks() throws Exception {
        List<String> bound = new ArrayList<>();
        BatchConsumer.Handler handler = (c, items) -> {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SHOW idle_in_transaction_session_timeout")) {
                rs.next();
                bound.add(rs.getString(1));
            }
            return effects(Set.of()).apply(c, items);
        };
        consumer(handler).accept(List.of(closed("T-1", "e1")));

        assertThat(bound).containsExactly(BatchConsumer.IDLE_TRANSACTION_BOUND);
        assertThat(effectIds()).hasSize(1);
    }

    /**
     * A pool whose connections carry the idle bound (as the services' do): the poll's transaction sets none of its own
     * (no round trip a poll), and a poll frozen in the middle of its transaction has its session ended by PostgreSQL
     * after the bound, so its row lock goes while it is still frozen; thawed, the poll is applied again, once.
     */
    @Test
    void withAPoolThatBoundsIdleTransactionsAFrozenPollLosesItsLocksAndIsAppliedOnceWhenItThaws() throws Exception {
        org.postgresql.ds.PGSimpleDataSource bounded = new org.postgresql.ds.PGSimpleDataSource();
        bounded.setUrl(RealInfrastructure.jdbcUrl());
        bounded.setOptions("-c idle_in_transaction_session_timeout=1s");
        Jdbc.execute(
                db,
                "batch consumer test",
                "CREATE TABLE IF NOT EXISTS bc_lock (id INT PRIMARY KEY, n INT NOT NULL)",
                "DELETE FROM bc_lock",
                "INSERT INTO bc_lock VALUES (1, 0)");
        java.util.concurrent.CountDownLatch frozen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch thaw = new java.util.concurrent.CountDownLatch(1);
        List<String> bounds = java.util.Collections.synchronizedList(new ArrayList<>());
        BatchConsumer.Handler handler = (c, items) -> {
            bounds.add(
                    Jdbc.strings(c, "SHOW idle_in_transaction_session_timeout").get(0));
            Jdbc.update(c, "UPDATE bc_lock SET n = n + 1 WHERE id = 1");
            if (frozen.getCount() > 0) {
                frozen.countDown();
                try {
                    thaw.await(); // the process stops here, its transaction open and the row locked
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return effects(Set.of()).apply(c, items);
        };
        BatchConsumer consumer =
                BatchConsumer.of(bounded, OUTBOX, "test-service", BatchConsumer.ofTypes(Set.of(CLOSED)), handler);
        java.util.concurrent.CompletableFuture<BatchConsumer.Outcome> poll =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return consumer.accept(List.of(closed("T-1", "e1")));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertThat(frozen.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // another instance can take the row while the first is still frozen
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> Jdbc.inTransaction(
                        db,
                        c -> Jdbc.strings(c, "SELECT n FROM bc_lock WHERE id = 1 FOR UPDATE NOWAIT")
                                .equals(List.of("0"))));
        thaw.countDown();
        BatchConsumer.Outcome outcome = poll.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(outcome.applied()).isEqualTo(1);
        assertThat(bounds).hasSizeGreaterThanOrEqualTo(2).allMatch("1s"::equals);
        assertThat(effectIds()).containsExactly("e1");
        List<String> n = Jdbc.inTransaction(db, c -> Jdbc.strings(c, "SELECT n FROM bc_lock WHERE id = 1"));
        assertThat(n)
                .as("the frozen attempt's update rolled back, the thawed one's applied")
                .containsExactly("1");
    }

    @Test
    void aMeasuredConsumerCountsRecordsByOutcomeAndHowFarBehindItCommitted() throws Exception {
        Instant now = Instant.parse("2026-12-01T10:00:05Z");
        timestamp = now.minusSeconds(5).toEpochMilli(); // written to Kafka five seconds before the commit
        List<ConsumerRecord<String, byte[]>> poll = List.of(
                closed("T-1", "e1"),
                record("T-2", Map.of("ce_type", CLOSED, "ce_id", "bad"), "not json".getBytes(StandardCharsets.UTF_8)),
                record("T-3", Map.of(), null),
                closed("T-4", "e4"));
        io.micrometer.core.instrument.MeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

        consumer(effects(Set.of()))
                .measuredBy(registry, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                .accept(poll);

        assertThat(records(registry, "handled")).isEqualTo(2);
        assertThat(records(registry, "dead_lettered")).isEqualTo(1);
        assertThat(records(registry, "skipped")).isEqualTo(1);
        io.micrometer.core.instrument.Timer delay = registry.get("support.consumer.delay")
                .tags("service", "test-service", "topic", TOPIC)
                .timer();
        assertThat(delay.count()).isEqualTo(2);
        assertThat(delay.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(5_000);
        assertThat(registry.get("support.consumer.poll").timer().count()).isEqualTo(1);
    }

    private static double records(io.micrometer.core.instrument.MeterRegistry registry, String outcome) {
        return registry.get("support.consumer.records")
                .tags("service", "test-service", "topic", TOPIC, "outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void aRecordWithoutATypeOrWithATypeNobodyKnowsIsDeadLetteredEvenWhenItConcernsNobody() throws Exception {
        List<ConsumerRecord<String, byte[]>> poll = List.of(
                record(
                        "T-1",
                        Map.of("ce_type", "support.ticket.teleported.v9", "ce_id", "u1"),
                        "{}".getBytes(StandardCharsets.UTF_8)),
                record("T-2", Map.of("ce_id", "u2"), "{}".getBytes(StandardCharsets.UTF_8)));

        BatchConsumer.Outcome outcome = consumer(effects(Set.of())).accept(poll);

        assertThat(outcome.skipped()).isZero();
        assertThat(outcome.deadLettered()).isEqualTo(2);
        assertThat(count("bc_effect")).isZero();
        assertThat(count("bc_outbox")).isEqualTo(2);
    }

    @Test
    void recordsOfNoConcernAndTombstonesNeverReachTheDatabase() throws Exception {
        List<ConsumerRecord<String, byte[]>> poll = List.of(
                record(
                        "T-1",
                        Map.of("ce_type", "support.outage.declared.v1", "ce_id", "x1"),
                        "{}".getBytes(StandardCharsets.UTF_8)),
                record("T-2", Map.of(), null));

        BatchConsumer.Outcome outcome = consumer(effects(Set.of())).accept(poll);

        assertThat(transactions).hasValue(0);
        assertThat(outcome.skipped()).isEqualTo(2);
        assertThat(count("bc_effect")).isZero();
        assertThat(count("bc_outbox")).isZero();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheOthersApplied() throws Exception {
        List<ConsumerRecord<String, byte[]>> poll = List.of(
                closed("T-1", "e1"),
                record("T-2", Map.of("ce_type", CLOSED, "ce_id", "bad"), "not json".getBytes(StandardCharsets.UTF_8)),
                closed("T-3", "e3"));

        BatchConsumer.Outcome outcome = consumer(effects(Set.of())).accept(poll);

        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(outcome.deadLettered()).isEqualTo(1);
        assertThat(transactions).hasValue(1);
        assertThat(effectIds()).containsExactly("e1", "e3");
        assertThat(deadLetters()).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo("ticket-events.dlq");
            assertThat(m.key()).isEqualTo("T-2");
            assertThat(m.headers())
                    .containsEntry("dead-letter-consumer", "test-service")
                    .hasEntrySatisfying("dead-letter-reason", r -> assertThat(r).contains("not JSON"));
        });
    }

    @Test
    void aFailingRecordIsIsolatedByASplitAndTheOthersAppliedOnce() throws Exception {
        List<ConsumerRecord<String, byte[]>> poll = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            poll.add(closed("T-" + i, "e" + i));
        }
        BatchConsumer.Outcome outcome = consumer(effects(Set.of("T-11"))).accept(poll);

        assertThat(outcome.applied()).isEqualTo(15);
        assertThat(outcome.deadLettered()).isEqualTo(1);
        assertThat(outcome.splits()).isPositive();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            if (i != 11) {
                expected.add("e" + i);
            }
        }
        assertThat(effectIds()).containsExactlyElementsOf(expected); // each once, in the poll's order
        assertThat(deadLetters()).singleElement().satisfies(m -> {
            assertThat(m.key()).isEqualTo("T-11");
            assertThat(m.headers())
                    .containsEntry("ce_id", "e11")
                    .hasEntrySatisfying("dead-letter-reason", r -> assertThat(r).contains("cannot handle T-11"));
        });
    }

    @Test
    void aTransientDatabaseFailureIsRetriedNotDeadLettered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        BatchConsumer.Handler deadlockOnce = (c, items) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new SQLException("deadlock detected", "40P01");
            }
            return effects(Set.of()).apply(c, items);
        };
        BatchConsumer.Outcome outcome =
                consumer(deadlockOnce).accept(List.of(closed("T-1", "e1"), closed("T-2", "e2")));

        assertThat(attempts).hasValue(2);
        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(outcome.splits()).isZero();
        assertThat(effectIds()).containsExactly("e1", "e2");
        assertThat(count("bc_outbox")).isZero();
    }

    /**
     * The database refuses the connection itself (here a login it does not know, SQL state 28000, as after a
     * password rotation): no record is at fault, so the poll waits and is applied once the login works again, instead
     * of being split and dead-lettered record by record. The watch says it is failing meanwhile.
     */
    @Test
    void aConnectionTheDatabaseRefusesIsWaitedOutNotBlamedOnTheRecords() throws Exception {
        org.postgresql.ds.PGSimpleDataSource refused = new org.postgresql.ds.PGSimpleDataSource();
        refused.setUrl(RealInfrastructure.jdbcUrl());
        refused.setUser("nobody_" + System.nanoTime());
        com.supportdesk.testinfra.SettableClock clock = new com.supportdesk.testinfra.SettableClock();
        com.supportdesk.support.health.WorkHealth health = health(clock);
        AtomicInteger asked = new AtomicInteger();
        List<String> refusals = new ArrayList<>();
        List<Boolean> failingWhenAskedAgain = new ArrayList<>();
        DataSource loginRefusedTwice = new DelegatingDataSource(db) {
            @Override
            public Connection getConnection() throws SQLException {
                if (asked.incrementAndGet() <= 2) {
                    try {
                        return refused.getConnection();
                    } catch (SQLException e) {
                        refusals.add(e.getSQLState());
                        throw e;
                    }
                }
                failingWhenAskedAgain.add(health.watch("test consumer").failing());
                return super.getConnection();
            }
        };
        BatchConsumer consumer = BatchConsumer.of(
                        loginRefusedTwice,
                        OUTBOX,
                        "test-service",
                        BatchConsumer.ofTypes(Set.of(CLOSED)),
                        effects(Set.of()))
                .watchedBy(health, "test consumer");

        BatchConsumer.Outcome outcome = consumer.accept(List.of(closed("T-1", "e1"), closed("T-2", "e2")));

        assertThat(refusals).hasSize(2).allSatisfy(state -> assertThat(state).startsWith("28"));
        assertThat(failingWhenAskedAgain).containsExactly(true);
        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(outcome.deadLettered()).isZero();
        assertThat(outcome.splits()).isZero();
        assertThat(effectIds()).containsExactly("e1", "e2");
        assertThat(count("bc_outbox")).isZero();
        assertThat(health.watch("test consumer").failing()).isFalse();
    }

    /**
     * A consumer that keeps failing for longer than the bound makes the service not ready, naming it; before the bound
     * it is still ready, and its first commit makes it ready again (the clock, not a sleep, measures the minute).
     */
    @Test
    void aConsumerFailingLongerThanTheBoundMakesTheServiceNotReadyUntilItCommits() throws Exception {
        com.supportdesk.testinfra.SettableClock clock = new com.supportdesk.testinfra.SettableClock();
        Instant start = clock.instant();
        com.supportdesk.support.health.WorkHealth health = health(clock);
        AtomicInteger attempts = new AtomicInteger();
        List<Boolean> readyAtAttempt = new ArrayList<>();
        BatchConsumer.Handler failingThrice = (c, items) -> {
            int attempt = attempts.incrementAndGet();
            readyAtAttempt.add(health.check().getStatus() == HealthCheckResponse.Status.UP);
            if (attempt == 2) {
                clock.set(start.plusSeconds(59)); // failing for 59 s: still ready
            } else if (attempt == 3) {
                clock.set(start.plusSeconds(60)); // failing for a minute: not ready
            }
            if (attempt <= 3) {
                throw new SQLException("terminating connection due to administrator command", "57P01");
            }
            return effects(Set.of()).apply(c, items);
        };
        BatchConsumer consumer = BatchConsumer.of(
                        db, OUTBOX, "test-service", BatchConsumer.ofTypes(Set.of(CLOSED)), failingThrice)
                .watchedBy(health, "test consumer");

        consumer.accept(List.of(closed("T-1", "e1")));

        assertThat(readyAtAttempt).containsExactly(true, true, true, false);
        assertThat(health.check().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(effectIds()).containsExactly("e1");
        clock.set(start.plusSeconds(60));
        health.watch("test consumer").failed(new SQLException("gone"));
        org.eclipse.microprofile.health.HealthCheckResponse down = health.check();
        assertThat(down.getStatus()).isEqualTo(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP);
        clock.set(start.plusSeconds(120));
        down = health.check();
        assertThat(down.getStatus()).isEqualTo(org.eclipse.microprofile.health.HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow())
                .containsEntry("test consumer", "failing for 60 s, since " + start.plusSeconds(60) + ": gone");
    }

    private static com.supportdesk.support.health.WorkHealth health(java.time.Clock clock) {
        return new com.supportdesk.support.health.WorkHealth(
                clock,
                java.time.Duration.ofSeconds(60),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                "test-service");
    }

    /** A data source that hands out another's connections (tests override what they need). */
    private static class DelegatingDataSource implements DataSource {
        private final DataSource target;

        DelegatingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return target.getConnection(user, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return target.isWrapperFor(iface);
        }
    }

    @Test
    void aCrashInTheMiddleOfABatchLosesAndDoublesNothingWhenThePollIsRedelivered() throws Exception {
        List<ConsumerRecord<String, byte[]>> poll = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            poll.add(closed("T-" + i, "e" + i));
        }
        // the process dies half-way through the batch (an Error is not a record's fault: nothing is caught)
        AtomicInteger handled = new AtomicInteger();
        BatchConsumer.Handler dying = (c, items) -> {
            for (BatchConsumer.Item item : items) {
                if (handled.incrementAndGet() == 6) {
                    throw new Crash();
                }
                Jdbc.update(
                        c,
                        "INSERT INTO bc_effect (event_id, ticket_id) VALUES (?, ?)",
                        item.event().id(),
                        item.record().key());
            }
            return null;
        };
        assertThatThrownBy(() -> consumer(dying).accept(poll)).isInstanceOf(Crash.class);
        assertThat(count("bc_effect")).isZero(); // the transaction never committed: the offsets never moved

        // after the restart the same poll comes again, with the first two records redelivered once more
        List<ConsumerRecord<String, byte[]>> again = new ArrayList<>(poll.subList(0, 2));
        again.addAll(poll);
        consumer(effects(Set.of())).accept(again);

        assertThat(effectIds())
                .containsExactlyElementsOf(
                        poll.stream().map(r -> header(r, "ce_id")).toList());
    }

    @Test
    void transientStatesAreTheDatabasesNotTheRecords() {
        assertThat(BatchConsumer.isTransient(new SQLException("connection refused", "08001")))
                .isTrue();
        assertThat(BatchConsumer.isTransient(new SQLException("serialization", "40001")))
                .isTrue();
        assertThat(BatchConsumer.isTransient(new SQLException("shutting down", "57P01")))
                .isTrue();
        assertThat(BatchConsumer.isTransient(
                        new SQLException("terminating connection due to idle-in-transaction timeout", "25P03")))
                .isTrue();
        assertThat(BatchConsumer.isTransient(new SQLException("pool exhausted")))
                .isTrue();
        assertThat(BatchConsumer.isTransient(new SQLException("value too long", "22001")))
                .isFalse();
        assertThat(BatchConsumer.isTransient(new SQLException("not null violation", "23502")))
                .isFalse();
        assertThat(BatchConsumer.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    private static final class Crash extends Error {}

    // ---- helpers ------------------------------------------------------------------------------------------------

    private ConsumerRecord<String, byte[]> closed(String ticket, String eventId) {
        TicketClosed data = new TicketClosed(
                ticket, "acme", ClosureReason.values()[0], "alice.agent", Instant.parse("2026-12-01T10:00:00Z"));
        CloudEvent e = new CloudEvent(eventId, CLOSED, "ticket-service", ticket, data.at(), 1L, "acme", data);
        return record(ticket, CloudEventCodec.headers(e), CloudEventCodec.body(data));
    }

    private ConsumerRecord<String, byte[]> record(String key, Map<String, String> headers, byte[] body) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(
                TOPIC, 0, offset++, timestamp, TimestampType.CREATE_TIME, 0, 0, key, body, h, Optional.empty());
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static long count(String table) {
        return Long.parseLong(Jdbc.inTransaction(db, c -> Jdbc.strings(c, "SELECT count(*) FROM " + table))
                .get(0));
    }

    private static List<String> effectIds() {
        return Jdbc.inTransaction(db, c -> Jdbc.strings(c, "SELECT event_id FROM bc_effect ORDER BY position"));
    }

    private static List<Outbox.Message> deadLetters() {
        return Jdbc.inTransaction(db, (Connection c) -> OUTBOX.pending(c, 100));
    }
}
