package com.supportdesk.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An idle sender sleeps until the earliest pending delivery of its recipients falls due, whatever its urgency: the
 * question is asked of the claim's own index (one probe per slot and urgency), as no index of the pending rows by time
 * alone is kept. Each case runs in a transaction that is rolled back, with deadlines long before any other test's.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class NextAttemptIntegrationTest {
    private static final Instant FIRST = Instant.parse("1990-01-01T08:00:00Z");
    private static final Instant SECOND = Instant.parse("1990-01-02T08:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    /** The senders' connections (no scans of a table where an index serves). */
    @Inject
    @io.quarkus.agroal.DataSource("queue")
    AgroalDataSource queue;

    @Test
    void theEarliestDueDeliveryOfAnyUrgencyWakesTheSender() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                queue(c, "na-routine", "RECEIPT", 4, FIRST); // the least urgent, due first
                queue(c, "na-escalation", "ESCALATION", 0, SECOND);
                queue(c, "na-breach", "BREACH", 2, SECOND);
                assertThat(next(c, 0, 1)).as("every slot").contains(FIRST);

                Jdbc.update(c, "DELETE FROM ntf_delivery WHERE id = 'na-routine'");
                assertThat(next(c, 0, 1)).as("the most urgent, due later").contains(SECOND);

                queue(c, "na-maintenance", "MAINTENANCE", 3, FIRST);
                assertThat(next(c, 0, 1)).contains(FIRST);
                int slot = slotOf(c, "na-maintenance");
                assertThat(next(c, slot % 4, 4))
                        .as("the sender whose slots hold it")
                        .contains(FIRST);
                assertThat(next(c, (slot + 1) % 4, 4))
                        .as("another sender's slots do not hold it")
                        .isNotEqualTo(Optional.of(FIRST));
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void deliveriesFoundByOneLookAreLockedLaterOnlyIfStillPendingAndDue() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                queue(c, "look-routine", "RECEIPT", 4, FIRST);
                queue(c, "look-breach", "BREACH", 2, SECOND);
                queue(c, "look-escalation", "ESCALATION", 0, SECOND);
                java.util.List<String> found = NotificationStore.dueIds(c, NotificationChannel.EMAIL, SECOND, 16, 0, 1);
                assertThat(found.subList(0, 3))
                        .as("the most urgent first, then the longest due")
                        .containsExactly("look-escalation", "look-breach", "look-routine");

                // meanwhile one was sent (by another instance) and one failed and was put off
                Jdbc.update(
                        c, "UPDATE ntf_delivery SET state = 'SENT', next_attempt_at = NULL WHERE id = 'look-breach'");
                Jdbc.update(
                        c,
                        "UPDATE ntf_delivery SET next_attempt_at = CAST(? AS timestamptz) WHERE id = 'look-routine'",
                        Instant.parse("2100-01-01T00:00:00Z"));
                String idle = "SHOW idle_in_transaction_session_timeout";
                java.time.Duration tenMinutes = java.time.Duration.ofMinutes(10);
                assertThat(NotificationStore.lockDue(c, java.util.List.of("look-breach"), SECOND, tenMinutes))
                        .isEmpty();
                assertThat(Jdbc.strings(c, idle))
                        .as("nothing locked, nothing to send: the pool's bound stays")
                        .containsExactly("30s");
                assertThat(NotificationStore.lockDue(c, found.subList(0, 3), SECOND, tenMinutes))
                        .extracting(NotificationStore.Delivery::id)
                        .containsExactly("look-escalation");
                assertThat(Jdbc.strings(c, idle))
                        .as("the sends that follow wait on other servers: the sending bound for the rest of it")
                        .containsExactly("10min");
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * The queue's looks (which deliveries are due, when the next falls due) are planned for their own arguments every
     * time, never run from a plan PostgreSQL cached on the connection: the driver prepares a statement on the server
     * from its fifth run on, and PostgreSQL then plans it once for any arguments. Such a plan, made while the table was
     * new or the queue empty, kept reading the whole queue through the claim's index once a burst had filled it
     * (docs/benchmarks.md, session 38). A sender's statements that find their row through its key (the lock of one
     * delivery, its sent mark) are the opposite: planning them cost PostgreSQL more than running them, so they run
     * from the cached plan (session 40). Here every one of them runs
     * sixteen times on one of the senders' connections.
     */
    @Test
    void theQueuesLooksArePlannedEachTimeAndItsKeyStatementsRunFromOneCachedPlan() throws Exception {
        try (Connection c = queue.getConnection()) {
            c.setAutoCommit(false);
            try {
                queue(c, "plan-lead", "RECEIPT", 4, FIRST);
                for (int run = 0; run < 16; run++) {
                    queue(c, "plan-sent-" + run, "BREACH", 2, FIRST);
                    assertThat(NotificationStore.dueIds(c, NotificationChannel.EMAIL, SECOND, 16, 0, 1))
                            .contains("plan-lead");
                    java.util.List<NotificationStore.Delivery> locked = NotificationStore.lockDue(
                            c, java.util.List.of("plan-lead"), SECOND, Duration.ofMinutes(10));
                    assertThat(locked).hasSize(1);
                    assertThat(NotificationStore.claimBurst(c, locked.get(0), SECOND, 49))
                            .isEmpty();
                    assertThat(NotificationStore.claimDigest(c, "plan-digest")).isEmpty();
                    assertThat(next(c, 0, 1)).isPresent();
                    assertThat(NotificationStore.lockDue(
                                    c, java.util.List.of("plan-sent-" + run), SECOND, Duration.ofMinutes(10)))
                            .hasSize(1);
                    NotificationStore.markSent(
                            c,
                            "plan-sent-" + run,
                            1,
                            SECOND,
                            java.util.List.of(new com.supportdesk.support.Outbox.Outgoing(
                                    "notification-events", "plan-sent-" + run, java.util.Map.of(), new byte[] {'{', '}'
                                    })));
                }
                assertThat(Jdbc.strings(
                                c,
                                "SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%FROM ntf_delivery%'"
                                        + " AND statement LIKE '%state = ''PENDING'' AND channel = $%'"
                                        + " AND statement NOT LIKE '%pg_prepared_statements%'"))
                        .as("the queue's looks kept prepared on the server")
                        .isEmpty();
                assertThat(Jdbc.strings(
                                c,
                                "SELECT CASE WHEN statement LIKE '%SET state = ''SENT''%' THEN 'sent mark'"
                                        + " ELSE 'lock' END FROM pg_prepared_statements"
                                        + " WHERE statement LIKE '%ntf_delivery%' AND generic_plans > 0 AND"
                                        + " (statement LIKE '%FOR UPDATE%' OR statement LIKE '%SET state = ''SENT''%')"
                                        + " AND statement NOT LIKE '%pg_prepared_statements%'"))
                        .as("the sender's key statements run from a plan cached on the connection")
                        .containsExactlyInAnyOrder("lock", "sent mark");
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * A plan cached on a sender's connection while the queue was small stays on the key once a burst has filled the
     * queue. Here it is made while the queue holds two deliveries and was last vacuumed empty: on a connection where
     * PostgreSQL may scan tables, that plan is a scan of the table, cheaper for two rows, and it would be kept as 3,000
     * more are queued (each lock then read all of them). On the senders' connections it is the key's index.
     */
    @Test
    void aPlanCachedWhileTheQueueWasSmallStaysOnTheKeyWhenABurstFillsIt() throws Exception {
        onAQueueLastCountedEmpty(queue, 0, c -> {
            fill(c, "small-", 2);
            for (int run = 0; run < 12; run++) {
                assertThat(NotificationStore.lockDue(c, java.util.List.of("small-1"), SECOND, Duration.ofMinutes(10)))
                        .hasSize(1);
            }
            fill(c, "burst-", 3_000);
            c.setAutoCommit(false);

            locksReadingOneRow(c, "burst-2999", "from the plan cached while the queue was small");
        });
    }

    /**
     * PostgreSQL estimates a partial index's rows from what it counted there last. Here the pending rows' indexes were
     * last looked at (a VACUUM) when every delivery had been sent, and 3,000 were queued since, as a burst queues
     * them: PostgreSQL takes those indexes for empty. Locking one delivery by its id, and claiming a digest of 50 by
     * the digest's id, still read only those rows, not the queue (the plain {@code state = 'PENDING'} let the claim's
     * index serve them, and each read all 3,000).
     */
    @Test
    void aDeliveryIsFoundThroughItsKeyWhateverPostgreSqlLastCountedInTheQueue() throws Exception {
        onAQueueLastCountedEmpty(c -> {
            fill(c, "burst-", 3_000);
            Jdbc.update(
                    c,
                    "UPDATE ntf_delivery SET digest_id = 'plan-digest' WHERE id IN "
                            + "(SELECT id FROM ntf_delivery WHERE id LIKE 'burst-%' ORDER BY id LIMIT 50)");
            c.setAutoCommit(false);

            locksReadingOneRow(c, "burst-2999", "through its key");

            long before = rowsRead(c);
            assertThat(NotificationStore.claimDigest(c, "plan-digest")).hasSize(50);
            assertThat(rowsRead(c) - before)
                    .as("rows read to claim a digest of 50 and count its pending members")
                    .isLessThanOrEqualTo(100);

            // a burst to one of the 100 recipients: 30 e-mails, the lead and 29 more
            NotificationStore.Delivery lead = NotificationStore.lockDue(
                            c, java.util.List.of("burst-2998"), SECOND, Duration.ofMinutes(10))
                    .get(0);
            before = rowsRead(c);
            assertThat(NotificationStore.claimBurst(c, lead, SECOND, 49))
                    .extracting(NotificationStore.Delivery::recipient)
                    .hasSize(29)
                    .containsOnly(lead.recipient());
            assertThat(rowsRead(c) - before)
                    .as("rows read to claim one recipient's burst (that recipient's rows at most), not the queue")
                    .isLessThanOrEqualTo(300);
        });
    }

    /**
     * A burst to one person is claimed oldest first, 49 at a time, by reading about 49 of the person's rows, however
     * many are due: the burst's index holds them in the claim's order (due time, then id). Ordered by due time alone,
     * it left PostgreSQL a sort of every due row of the person, bodies and all, for each digest: with 4,000 of them
     * due, 150 ms and 2 MB of disk a claim, for every 49 sent (docs/benchmarks.md, session 39). The queue here, as in
     * a burst, was last counted empty, and a poll's e-mails share their due time.
     */
    @Test
    void aBurstIsClaimedInOrderWithoutReadingAllThePersonsDueMail() throws Exception {
        onAQueueLastCountedEmpty(c -> {
            Jdbc.update(c, """
                        INSERT INTO ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id,
                            subject_id, language, subject, body, state, attempts, created_at, next_attempt_at, urgency)
                        SELECT 'one-' || g, 'one-' || g, 'support.ticket.opened.v1', 'EMAIL', 'RECEIPT',
                            'busy@x.example', 'acc-plan', 'one-' || g, 'EN', 'Ticket received',
                            convert_to(repeat('x', 2000), 'UTF8'), 'PENDING', 0, CAST(? AS timestamptz),
                            CAST(? AS timestamptz) + (g / 100) * interval '1 second', 4
                        FROM generate_series(0, 3999) g""", FIRST, FIRST);
            c.setAutoCommit(false);

            NotificationStore.Delivery lead = NotificationStore.lockDue(
                            c, java.util.List.of("one-0"), SECOND, Duration.ofMinutes(10))
                    .get(0);
            java.util.List<String> oldest = Jdbc.strings(
                    c, "SELECT id FROM ntf_delivery WHERE id <> 'one-0' ORDER BY next_attempt_at, id LIMIT 49");
            long before = rowsRead(c);
            assertThat(NotificationStore.claimBurst(c, lead, SECOND, 49))
                    .extracting(NotificationStore.Delivery::id)
                    .as("the 49 due longest, in order")
                    .containsExactlyElementsOf(oldest);
            assertThat(rowsRead(c) - before)
                    .as("rows read to claim 49 of the person's 3,999 due e-mails")
                    .isLessThanOrEqualTo(60);
        });
    }

    /** A case run on a connection, in a transaction that is rolled back. */
    @FunctionalInterface
    private interface Case {
        void run(Connection c) throws Exception;
    }

    /**
     * Runs {@code body} on a queue of its own that PostgreSQL last counted empty: a temporary {@code ntf_delivery},
     * indexes and all, shadows the service's (pg_temp is searched first); 2,000 deliveries in it were sent and vacuumed.
     * {@code body} starts with autocommit on (what it queues is there for good) and turns it off itself; whatever it
     * did in its transaction is rolled back, and the table is dropped.
     */
    private void onAQueueLastCountedEmpty(Case body) throws Exception {
        onAQueueLastCountedEmpty(dataSource, 2_000, body);
    }

    /**
     * As above, on a connection of {@code pool}, with {@code sent} deliveries sent and vacuumed (none: the table was
     * vacuumed empty). The plans cached on the connection are dropped before and after, so that its statements find
     * the table that is there now (a statement prepared earlier on the connection would go on reading the service's).
     */
    private void onAQueueLastCountedEmpty(AgroalDataSource pool, int sent, Case body) throws Exception {
        try (Connection c = pool.getConnection()) {
            Jdbc.update(c, "CREATE TEMP TABLE ntf_delivery (LIKE notification.ntf_delivery INCLUDING ALL)");
            Jdbc.update(c, "DISCARD PLANS");
            try {
                if (sent > 0) {
                    fill(c, "sent-", sent);
                    Jdbc.update(c, "UPDATE ntf_delivery SET state = 'SENT', next_attempt_at = NULL");
                }
                Jdbc.update(c, "VACUUM ANALYZE pg_temp.ntf_delivery");
                body.run(c);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                Jdbc.update(c, "DROP TABLE pg_temp.ntf_delivery");
                Jdbc.update(c, "DISCARD PLANS");
            }
        }
    }

    /** Locks delivery {@code id} and checks that doing so read that one row of the queue ({@code how}: the case). */
    private static void locksReadingOneRow(Connection c, String id, String how) throws Exception {
        long before = rowsRead(c);
        assertThat(NotificationStore.lockDue(c, java.util.List.of(id), SECOND, Duration.ofMinutes(10)))
                .extracting(NotificationStore.Delivery::id)
                .containsExactly(id);
        assertThat(rowsRead(c) - before)
                .as("rows read to lock one delivery " + how)
                .isLessThanOrEqualTo(1);
    }

    /** The rows this transaction has read from its own {@code ntf_delivery} so far, by scans and through indexes. */
    private static long rowsRead(Connection c) throws Exception {
        return Long.parseLong(Jdbc.strings(
                        c,
                        "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables "
                                + "WHERE relid = 'pg_temp.ntf_delivery'::regclass")
                .get(0));
    }

    /** {@code n} routine e-mails due since {@code FIRST}, to a hundred people. */
    private static void fill(Connection c, String prefix, int n) throws Exception {
        Jdbc.update(c, """
                INSERT INTO ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id,
                    language, subject, body, state, attempts, created_at, next_attempt_at, urgency)
                SELECT ? || g, ? || g, 'support.ticket.opened.v1', 'EMAIL', 'RECEIPT', 'plan-' || g % 100 || '@x.example',
                    'acc-plan', ? || g, 'EN', 'Ticket received', convert_to('x', 'UTF8'), 'PENDING', 0,
                    CAST(? AS timestamptz), CAST(? AS timestamptz), 4
                FROM generate_series(0, ? - 1) g""", prefix, prefix, prefix, FIRST, FIRST, n);
    }

    /**
     * A sender frozen in the middle of a send (here: a session that locked a delivery and then sends nothing) keeps
     * it from every other sender only for the sending bound: then PostgreSQL ends its session, another sender locks
     * the delivery, and the frozen one, thawed, can record nothing. (Due in 2100, so the running service's own
     * senders leave it alone.)
     */
    @Test
    void aSenderFrozenMidSendLosesItsDeliveriesToAnotherAfterTheSendingBound() throws Exception {
        Instant due = Instant.parse("2100-01-01T00:00:00Z");
        Instant now = due.plusSeconds(60);
        try (Connection setup = dataSource.getConnection()) {
            queue(setup, "frozen-send", "BREACH", 2, due);
        }
        try (Connection frozen = dataSource.getConnection();
                Connection other = dataSource.getConnection()) {
            frozen.setAutoCommit(false);
            other.setAutoCommit(false);
            assertThat(NotificationStore.lockDue(frozen, java.util.List.of("frozen-send"), now, Duration.ofSeconds(1)))
                    .extracting(NotificationStore.Delivery::id)
                    .containsExactly("frozen-send");
            assertThat(NotificationStore.lockDue(other, java.util.List.of("frozen-send"), now, Duration.ofMinutes(10)))
                    .as("held by the frozen sender")
                    .isEmpty();
            other.rollback();

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                boolean taken = !NotificationStore.lockDue(
                                other, java.util.List.of("frozen-send"), now, Duration.ofMinutes(10))
                        .isEmpty();
                other.rollback();
                return taken;
            });
            assertThatThrownBy(() -> Jdbc.strings(frozen, "SELECT 1"))
                    .as("thawed, the frozen sender's session is gone")
                    .isInstanceOf(java.sql.SQLException.class);
        } finally {
            try (Connection cleanup = dataSource.getConnection()) {
                Jdbc.update(cleanup, "DELETE FROM ntf_delivery WHERE id = 'frozen-send'");
            }
        }
    }

    private static Optional<Instant> next(Connection c, int shard, int shards) throws Exception {
        return NotificationStore.nextAttempt(c, NotificationChannel.EMAIL, shard, shards);
    }

    private static int slotOf(Connection c, String id) throws Exception {
        return Integer.parseInt(Jdbc.strings(c, "SELECT slot FROM ntf_delivery WHERE id = ?", id)
                .get(0));
    }

    private static void queue(Connection c, String id, String kind, int urgency, Instant due) throws Exception {
        Jdbc.update(c, """
                INSERT INTO ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id,
                    language, subject, body, state, attempts, created_at, next_attempt_at, urgency)
                VALUES (?, ?, 'support.ticket.opened.v1', 'EMAIL', ?, 'nobody-' || ? || '@x.example', 'acc-na', ?,
                    'EN', 'Ticket received', convert_to('x', 'UTF8'), 'PENDING', 0, CAST(? AS timestamptz),
                    CAST(? AS timestamptz), CAST(? AS smallint))""", id, id, kind, id, id, due, due, urgency);
    }
}
