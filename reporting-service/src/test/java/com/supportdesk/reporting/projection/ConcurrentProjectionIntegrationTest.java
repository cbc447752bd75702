package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Two writers of one ticket row at the same time: what happens when several reporting-service instances share the
 * consumer group and a ticket's ticket-events and sla-events partitions went to different instances, or when a
 * partition moves while its old owner is still applying a record. Every event's change must survive, and an event
 * applied twice at once must count once.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentProjectionIntegrationTest {
    private static final int TICKETS = 12;

    @Inject
    Projector projector;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private static ConsumerRecord<String, byte[]> record(
            String topic, String ticket, String id, Long sequence, Object event) {
        return TestRecords.record(topic, ticket, id, sequence, Instant.now(), event);
    }

    @Test
    void everyChangeOfRacingWritersSurvivesAndADuplicateCountsOnce() throws Throwable {
        String account = "acc-race-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant deadline = now.plus(Duration.ofMinutes(30));
        List<String> tickets = new ArrayList<>();
        // per ticket three writers, each applying its records in order as one consumer does: its ticket-events
        // partition, its sla-events partition (assigned elsewhere), and a second owner of the ticket-events partition
        // replaying the same records while the first is still at it
        List<List<ConsumerRecord<String, byte[]>>> writers = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            String ticket = "t-race-" + UUID.randomUUID();
            tickets.add(ticket);
            List<ConsumerRecord<String, byte[]>> ticketEvents = List.of(
                    record(
                            "ticket-events",
                            ticket,
                            UUID.randomUUID().toString(),
                            0L,
                            new TicketOpened(
                                    ticket,
                                    account,
                                    "TKT-R" + i,
                                    TicketKind.INCIDENT,
                                    Severity.SEV1,
                                    Impact.STANDARD,
                                    null,
                                    true,
                                    SupportLevel.L1,
                                    "Race " + i,
                                    "x",
                                    "pay",
                                    null,
                                    "ann",
                                    now)),
                    record(
                            "ticket-events",
                            ticket,
                            UUID.randomUUID().toString(),
                            1L,
                            new TicketEscalated(
                                    ticket,
                                    account,
                                    EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                                    Severity.SEV1,
                                    "breach",
                                    "priority-breach",
                                    "escalation-service",
                                    now.plusSeconds(1))));
            writers.add(ticketEvents);
            writers.add(ticketEvents);
            writers.add(List.of(
                    record(
                            "sla-events",
                            ticket,
                            UUID.randomUUID().toString(),
                            0L,
                            new ClockStarted(
                                    ticket,
                                    account,
                                    ClockKind.RESPONSE,
                                    "standard",
                                    "always-open",
                                    Severity.SEV1,
                                    Duration.ofMinutes(30),
                                    Duration.ZERO,
                                    deadline,
                                    now)),
                    record(
                            "sla-events",
                            ticket,
                            UUID.randomUUID().toString(),
                            1L,
                            new ClockStarted(
                                    ticket,
                                    account,
                                    ClockKind.RESOLUTION,
                                    "standard",
                                    "always-open",
                                    Severity.SEV1,
                                    Duration.ofHours(4),
                                    Duration.ZERO,
                                    deadline.plus(Duration.ofHours(4)),
                                    now)),
                    record(
                            "sla-events",
                            ticket,
                            UUID.randomUUID().toString(),
                            2L,
                            new SlaBreached(
                                    ticket,
                                    account,
                                    ClockKind.RESPONSE,
                                    "standard",
                                    "always-open",
                                    Severity.SEV1,
                                    Duration.ofMinutes(30),
                                    Duration.ofMinutes(30),
                                    deadline,
                                    now))));
        }

        // every writer starts at the same moment, each on its own thread and Vert.x context
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        CountDownLatch ready = new CountDownLatch(writers.size());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try {
            for (List<ConsumerRecord<String, byte[]>> writer : writers) {
                done.add(CompletableFuture.runAsync(
                        () -> {
                            ready.countDown();
                            try {
                                ready.await();
                                for (ConsumerRecord<String, byte[]> r : writer) {
                                    projector.project(List.of(r));
                                }
                            } catch (Throwable e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        for (String ticket : tickets) {
            TicketRecord t = VertxContextSupport.subscribeAndAwait(
                    () -> sessions.withSession(s -> s.find(TicketRecord.class, ticket)));
            assertThat(t.reference).as("opened: %s", ticket).startsWith("TKT-R");
            assertThat(t.severity).isEqualTo("SEV1");
            assertThat(t.responseDeadline).as("response deadline of %s", ticket).isEqualTo(deadline);
            assertThat(t.resolutionDeadline)
                    .as("resolution deadline of %s", ticket)
                    .isEqualTo(deadline.plus(Duration.ofHours(4)));
            assertThat(t.breached).as("breach of %s", ticket).isTrue();
            assertThat(t.escalated).as("escalation of %s", ticket).isTrue();
            assertThat(t.escalatedTo).isEqualTo("STRATEGIC_ACCOUNT_MANAGER");
            assertThat(t.lastSequence).isEqualTo(1);
            Long events = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(
                    s -> s.createSelectionQuery("select count(*) from EventRecord where subject = :t", Long.class)
                            .setParameter("t", ticket)
                            .getSingleResult()));
            assertThat(events)
                    .as("events recorded for %s (the duplicate once)", ticket)
                    .isEqualTo(5);
        }
    }

    private void sql(String statement) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> sessions.withStatelessTransaction(
                s -> s.createNativeQuery(statement).executeUpdate()));
    }

    private double retries() {
        return meters.counter("reporting.projection.retries").count();
    }

    @Test
    void aFailingDatabaseIsRetriedUntilTheEventApplies() throws Throwable {
        String ticket = "t-retry-" + UUID.randomUUID();
        Instant now = Instant.now();
        ConsumerRecord<String, byte[]> opened = record(
                "ticket-events",
                ticket,
                UUID.randomUUID().toString(),
                0L,
                new TicketOpened(
                        ticket,
                        "acc-retry",
                        "TKT-RETRY",
                        TicketKind.INCIDENT,
                        Severity.SEV2,
                        Impact.STANDARD,
                        null,
                        true,
                        SupportLevel.L1,
                        "Retry",
                        "x",
                        "pay",
                        null,
                        "ann",
                        now));
        double before = retries();
        // the timeline table is gone for a while: every attempt fails until it is back
        sql("alter table reporting.rpt_event rename to rpt_event_away");
        CompletableFuture<Void> applied;
        try {
            applied = CompletableFuture.runAsync(() -> {
                try {
                    projector.project(List.of(opened));
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> retries() >= before + 2);
            assertThat(applied).isNotDone();
        } finally {
            sql("alter table reporting.rpt_event_away rename to rpt_event");
        }
        applied.get(60, TimeUnit.SECONDS);
        TicketRecord t = VertxContextSupport.subscribeAndAwait(
                () -> sessions.withSession(s -> s.find(TicketRecord.class, ticket)));
        assertThat(t.reference).isEqualTo("TKT-RETRY");
    }
}
