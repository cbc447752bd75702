package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.event.TicketResumed;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.testing.TestEvents;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Received;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's maintained counters equal a recount from the rows and the event log after random event sequences
 * (a property test, seeded; a failure names its seed): random lifecycles of tickets whose ticket events and SLA
 * events arrive on two partitions applied by two writers at once, in polls of random size, with redeliveries and
 * stale copies. The projector's own writer on tables of their own ({@code _prop}), so the live read model of the other
 * tests is not in the sums.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DashboardFiguresIntegrationTest {
    private static final String SUFFIX = "_prop";
    private static final ReadModelWriter.Tables TABLES = ReadModelWriter.Tables.LIVE.suffixed(SUFFIX);
    private static final Instant BASE = Instant.parse("2026-11-30T20:00:00Z"); // two months, three days
    private static final Severity[] SEVERITIES = Severity.values();

    @Inject
    ProjectorDataSource dataSource;

    @BeforeEach
    void tables() {
        List<String> statements = new ArrayList<>();
        for (String live : ReadModelWriter.Tables.LIVE.names()) {
            statements.add("DROP TABLE IF EXISTS " + live + SUFFIX);
            statements.add("CREATE TABLE " + live + SUFFIX + " (LIKE " + live + " INCLUDING ALL)");
        }
        Jdbc.execute(dataSource, "the property test's tables", statements.toArray(String[]::new));
    }

    @AfterEach
    void dropTables() {
        Jdbc.execute(
                dataSource,
                "the property test's tables",
                ReadModelWriter.Tables.LIVE.names().stream()
                        .map(t -> "DROP TABLE IF EXISTS " + t + SUFFIX)
                        .toArray(String[]::new));
    }

    @Test
    void theMaintainedCountersEqualARecountAfterRandomEventSequences() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        boolean breachesSeen = false;
        try {
            for (long seed = 1; seed <= 12; seed++) {
                Random random = new Random(seed);
                List<ConsumerRecord<String, byte[]>> ticketPartition = new ArrayList<>();
                List<ConsumerRecord<String, byte[]>> slaPartition = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    lifecycle(random, "t-" + seed + "-" + i, ticketPartition, slaPartition);
                }
                redeliver(random, ticketPartition);
                redeliver(random, slaPartition);
                // the two partitions' writers at once, each in its own order, polls of random size
                CompletableFuture<Void> a =
                        CompletableFuture.runAsync(() -> apply(new Random(), ticketPartition), writers);
                CompletableFuture<Void> b =
                        CompletableFuture.runAsync(() -> apply(new Random(), slaPartition), writers);
                CompletableFuture.allOf(a, b).get(2, TimeUnit.MINUTES);

                long round = seed;
                Map<String, Long>[] both = Jdbc.inTransaction(dataSource, c -> FigureRecount.both(c, SUFFIX));
                assertThat(both[1])
                        .as("seed %d: maintained counters against the recount", round)
                        .isEqualTo(both[0]);
                breachesSeen |= both[0].keySet().stream().anyMatch(k -> k.startsWith("breaches|"));
                // every ticket is findable by its words (a poll's several messages of one ticket in one row)
                List<String> searchable = Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.strings(
                                c,
                                "select count(*) from reporting.rpt_search" + SUFFIX
                                        + " where doc @@ to_tsquery('simple', 'checkout')"));
                assertThat(searchable)
                        .as("seed %d: searchable tickets", round)
                        .containsExactly(String.valueOf(30 * round));
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(breachesSeen).as("the sequences breach clocks").isTrue();
    }

    /** Applies a partition's records in order, in polls of 1 to 40, each in its transaction, as the projector does. */
    private void apply(Random random, List<ConsumerRecord<String, byte[]>> partition) {
        int i = 0;
        while (i < partition.size()) {
            int n = Math.min(partition.size() - i, 1 + random.nextInt(40));
            List<BatchConsumer.Item> poll = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : partition.subList(i, i + n)) {
                Received in = Received.of(r);
                poll.add(new BatchConsumer.Item(in, BatchConsumer.decodeValid(in)));
            }
            try {
                // two first events of a ticket racing to insert its row: the loser is tried again (the runtime's way)
                Jdbc.retrying(
                        "the property test",
                        () -> Jdbc.inTransaction(dataSource, c -> ReadModelWriter.apply(c, poll, TABLES)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            i += n;
        }
    }

    /** A random ticket's events: its ticket events in sequence on one partition, its SLA events on the other. */
    private static void lifecycle(
            Random random,
            String ticket,
            List<ConsumerRecord<String, byte[]>> tickets,
            List<ConsumerRecord<String, byte[]>> sla) {
        String account = "acc-prop";
        Instant at = BASE.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        Severity severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
        long[] sequence = {0};
        java.util.function.Consumer<Object> ticketEvent =
                e -> tickets.add(record("ticket-events", ticket, sequence[0]++, at(random), e));
        java.util.function.Consumer<Object> slaEvent = e -> sla.add(record("sla-events", ticket, null, at(random), e));
        ticketEvent.accept(TestEvents.opened(ticket, account)
                .severity(severity)
                .priority(random.nextInt(4) == 0)
                .at(at)
                .build());
        int steps = random.nextInt(12);
        for (int s = 0; s < steps; s++) {
            ClockKind clock = random.nextBoolean() ? ClockKind.RESPONSE : ClockKind.RESOLUTION;
            Instant deadline = at.plus(Duration.ofMinutes(random.nextInt(600)));
            switch (random.nextInt(16)) {
                case 0 ->
                    slaEvent.accept(new ClockStarted(
                            ticket,
                            account,
                            clock,
                            "standard",
                            "europe",
                            severity,
                            Duration.ofHours(2),
                            Duration.ZERO,
                            deadline,
                            at));
                case 1 ->
                    slaEvent.accept(new ClockRetargeted(
                            ticket,
                            account,
                            clock,
                            "standard",
                            "europe",
                            severity,
                            Duration.ofHours(2),
                            Duration.ZERO,
                            severity,
                            null,
                            random.nextInt(4) == 0 ? null : deadline,
                            at));
                case 2, 3 ->
                    slaEvent.accept(new SlaBreached(
                            ticket,
                            account,
                            clock,
                            "standard",
                            "europe",
                            severity,
                            Duration.ofHours(2),
                            Duration.ofHours(3),
                            deadline,
                            at));
                case 4 ->
                    slaEvent.accept(new SlaMet(
                            ticket,
                            account,
                            clock,
                            "standard",
                            "europe",
                            severity,
                            Duration.ofHours(2),
                            Duration.ofHours(1),
                            deadline,
                            at));
                case 5 ->
                    slaEvent.accept(new SlaMissed(
                            ticket,
                            account,
                            clock,
                            "standard",
                            "europe",
                            severity,
                            Duration.ofHours(2),
                            Duration.ofHours(3),
                            deadline,
                            at));
                case 6 -> ticketEvent.accept(new TicketAcknowledged(ticket, account, severity, null, at, "alice", at));
                case 7 -> ticketEvent.accept(new TicketPutOnHold(ticket, account, "logs", "eric", at));
                case 8 -> ticketEvent.accept(new TicketResumed(ticket, account, "eric", at));
                case 9 -> {
                    Severity to = SEVERITIES[random.nextInt(SEVERITIES.length)];
                    ticketEvent.accept(new SeverityReclassified(
                            ticket, account, severity, to, random.nextBoolean(), null, "eric", at));
                }
                case 10 ->
                    ticketEvent.accept(new TicketEscalated(
                            ticket,
                            account,
                            EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                            severity,
                            "slow",
                            null,
                            "alice",
                            at));
                case 11 -> ticketEvent.accept(new PriorityHandlingGranted(ticket, account, null, "eric", at));
                case 12 ->
                    ticketEvent.accept(
                            random.nextBoolean()
                                    ? new TicketResolved(
                                            ticket, account, ResolutionKind.FIXED, "patched", severity, "eric", at)
                                    : new ResolutionRejected(ticket, account, "still slow", "ann", at));
                default ->
                    ticketEvent.accept(new TicketClosed(ticket, account, ClosureReason.CLOSED_BY_SUPPORT, "alice", at));
            }
        }
    }

    /** Some records again later in the partition: the same event redelivered, or a stale copy under a new id. */
    private static void redeliver(Random random, List<ConsumerRecord<String, byte[]>> partition) {
        int copies = partition.size() / 5;
        for (int i = 0; i < copies; i++) {
            int from = random.nextInt(partition.size());
            int to = from + random.nextInt(partition.size() - from) + 1;
            partition.add(Math.min(to, partition.size()), partition.get(from));
        }
    }

    /** An event time spread over three days around a month's end (breaches counted per day, response per month). */
    private static Instant at(Random random) {
        return BASE.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
    }

    private static ConsumerRecord<String, byte[]> record(
            String topic, String ticket, Long sequence, Instant time, Object event) {
        return TestRecords.record(topic, ticket, UUID.randomUUID().toString(), sequence, time, event);
    }
}
