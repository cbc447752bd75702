package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.reporting.dashboard.Changes;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.EventRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Folds ticket-, sla-, escalation-, notification- and account-events into the read model through the shared consumer
 * runtime ({@link BatchConsumer}): a poll's events in one transaction. The rows the poll touches are read and locked
 * once ({@code SELECT ... FOR UPDATE}, in key order), folded in memory in the poll's order with the live rules
 * ({@link ReadModelFold}), and written back with batched statements; each event is recorded by id
 * ({@link EventRecord}), so a redelivered or replayed event finds its id and changes nothing, and ticket events apply
 * only in sequence order. An unreadable record goes to the topic's dead-letter topic (through the projector's outbox);
 * a database outage is retried with back-off.
 */
@ApplicationScoped
public class Projector {
    private static final Logger LOG = Logger.getLogger(Projector.class);
    private static final long LOCK_KEY = 0x7e90_7711L;
    static final Outbox OUTBOX = new Outbox("rpt_outbox");

    static final Rows<TicketRecord> TICKET_ROWS = Rows.of(TicketRecord.class);
    static final Rows<OutageRecord> OUTAGE_ROWS = Rows.of(OutageRecord.class);
    static final Rows<AccountRecord> ACCOUNT_ROWS = Rows.of(AccountRecord.class);
    static final Rows<EventRecord> EVENTS = Rows.of(EventRecord.class);

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
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "support.reporting.outbox.max-idle", defaultValue = "PT0.5S")
    Duration outboxIdle;

    private BatchConsumer consumer;
    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;
    /** Batches apply under the read lock; the rebuild's switch-over takes the write lock (none applies meanwhile). */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    @PostConstruct
    void build() {
        consumer = BatchConsumer.of(dataSource, OUTBOX, "reporting-service", in -> true, this::apply)
                .onTransientFailure(() -> meters.counter("reporting.projection.retries").increment());
    }

    void start(@Observes @Priority(10) StartupEvent ev) {
        Jdbc.execute(dataSource, "reporting-service's outbox", "CREATE SCHEMA IF NOT EXISTS reporting",
                OUTBOX.ddl().replace("EXISTS rpt_outbox", "EXISTS reporting.rpt_outbox"));
        producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "reporting-service-outbox")),
                new StringSerializer(), new ByteArraySerializer());
        relay = new OutboxRelay(dataSource, OUTBOX, LOCK_KEY, producer, 500, outboxIdle, b -> { });
        relay.start("reporting-outbox");
    }

    void stop(@Observes ShutdownEvent ev) {
        if (relay != null) {
            relay.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
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

    /**
     * One poll's events in the caller's transaction: rows locked in key order (kinds always in the same order, so
     * writers of overlapping rows take turns instead of deadlocking; several instances in one group may hold a
     * ticket's ticket-events and sla-events partitions), events already recorded skipped, the rest folded in order and
     * written back in batches. Two first events of one ticket racing to INSERT: the loser fails on the key, the
     * runtime tries that record again, and then it finds the row.
     */
    private Object apply(Connection c, List<BatchConsumer.Item> items) throws SQLException {
        Set<String> ticketIds = new LinkedHashSet<>();
        Set<String> outageIds = new LinkedHashSet<>();
        Set<String> accountIds = new LinkedHashSet<>();
        List<String> eventIds = new ArrayList<>(items.size());
        for (BatchConsumer.Item item : items) {
            eventIds.add(item.event().id());
            ReadModelFold.Target t = ReadModelFold.target(item.event().data());
            switch (t.kind()) {
                case TICKET -> ticketIds.add(t.id());
                case OUTAGE -> outageIds.add(t.id());
                case ACCOUNT -> accountIds.add(t.id());
                case NONE -> {
                }
            }
        }
        Map<String, AccountRecord> accounts = ACCOUNT_ROWS.lock(c, accountIds);
        Map<String, OutageRecord> outages = OUTAGE_ROWS.lock(c, outageIds);
        Map<String, TicketRecord> tickets = TICKET_ROWS.lock(c, ticketIds);
        Set<String> seen = new HashSet<>(Jdbc.strings(c, "select eventId from " + EVENTS.table()
                + " where eventId = any(?)", c.createArrayOf("varchar", eventIds.toArray())));
        Map<String, TicketRecord> newTickets = new LinkedHashMap<>();
        Map<String, OutageRecord> newOutages = new LinkedHashMap<>();
        Map<String, AccountRecord> newAccounts = new LinkedHashMap<>();
        Set<String> changedTickets = new LinkedHashSet<>();
        Set<String> changedOutages = new LinkedHashSet<>();
        Set<String> changedAccounts = new LinkedHashSet<>();
        List<EventRecord> recorded = new ArrayList<>();
        for (BatchConsumer.Item item : items) {
            CloudEvent e = item.event();
            if (!seen.add(e.id())) {
                continue; // applied before (or earlier in this poll)
            }
            ReadModelFold.Target target = ReadModelFold.target(e.data());
            if (target.kind() != ReadModelFold.Kind.TICKET || !ReadModelFold.stale(e, tickets.get(target.id()))) {
                recorded.add(ReadModelFold.record(e, item.record().topic(), item.record().body()));
            }
            switch (target.kind()) {
                case TICKET -> {
                    TicketRecord found = tickets.get(target.id());
                    if (ReadModelFold.stale(e, found)) {
                        continue; // an older copy of what the row already has: neither applied nor recorded
                    }
                    if (found != null && e.sequence() != null && e.data() instanceof TicketEvent
                            && e.sequence() > found.lastSequence + 1) {
                        LOG.warnf("Gap on ticket %s: #%d after #%d (applied)", target.id(), e.sequence(),
                                found.lastSequence);
                    }
                    TicketRecord t = found;
                    if (t == null) {
                        t = ReadModelFold.newTicket(target.id());
                        tickets.put(target.id(), t);
                        newTickets.put(target.id(), t);
                    }
                    ReadModelFold.ticket(t, e);
                    changedTickets.add(target.id());
                }
                case OUTAGE -> {
                    OutageRecord o = outages.computeIfAbsent(target.id(), id -> {
                        OutageRecord fresh = ReadModelFold.newOutage(id);
                        newOutages.put(id, fresh);
                        return fresh;
                    });
                    ReadModelFold.outage(o, e.data());
                    changedOutages.add(target.id());
                }
                case ACCOUNT -> {
                    AccountRecord a = accounts.computeIfAbsent(target.id(), id -> {
                        AccountRecord fresh = ReadModelFold.newAccount(id);
                        newAccounts.put(id, fresh);
                        return fresh;
                    });
                    ReadModelFold.account(a, e.data());
                    changedAccounts.add(target.id());
                }
                case NONE -> {
                }
            }
        }
        EVENTS.insertAll(c, recorded);
        write(c, ACCOUNT_ROWS, accounts, newAccounts, changedAccounts);
        write(c, OUTAGE_ROWS, outages, newOutages, changedOutages);
        write(c, TICKET_ROWS, tickets, newTickets, changedTickets);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("poll of %d: %d events recorded, %d tickets changed", items.size(), recorded.size(),
                    changedTickets.size());
        }
        return recorded.size();
    }

    private static <T> void write(Connection c, Rows<T> rows, Map<String, T> all, Map<String, T> created,
                                  Set<String> changed) throws SQLException {
        rows.insertAll(c, created.values());
        List<T> updated = new ArrayList<>();
        for (String id : changed) {
            if (!created.containsKey(id)) {
                updated.add(all.get(id));
            }
        }
        rows.updateAll(c, updated);
    }
}
