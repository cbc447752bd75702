package com.supportdesk.reporting.projection;

import com.supportdesk.support.KafkaClients;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.reporting.dashboard.Changes;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.EventRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.Received;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Folds ticket-, sla-, escalation-, notification- and account-events into the read model, one transaction per event.
 * The event's id is stored with it ({@link EventRecord}): a redelivered or replayed event finds its id and changes
 * nothing; ticket events also apply only in sequence order. An unreadable record goes to the topic's dead-letter
 * topic; a database outage is retried with back-off.
 */
@ApplicationScoped
public class Projector {
    private static final Logger LOG = Logger.getLogger(Projector.class);

    @Inject
    Changes changes;

    /**
     * The projector's own connections (datasource "projector", same database). Not Hibernate Reactive sessions on the
     * shared pool: with the dashboard and queries reading through Hibernate Reactive at the same time, committed
     * writes of the projector were lost (ProjectionThroughKafkaIntegrationTest; ADR 0008 addendum).
     */
    @Inject
    @ReactiveDataSource("projector")
    Pool pool;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, byte[]> deadLetters;

    void start(@Observes StartupEvent ev) {
        deadLetters = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.CLIENT_ID_CONFIG, "reporting-service-dlq")),
                new StringSerializer(), new ByteArraySerializer());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    /** Every topic the read model folds, in one consumer (see application.properties). */
    @Incoming("events-in")
    public Uni<Void> events(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return Uni.createFrom().voidItem(); // a compaction tombstone on account-events
        }
        return project(r);
    }

    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** Events being applied right now (the rebuild waits for none before it switches over). */
    public int inFlight() {
        return inFlight.get();
    }

    private volatile java.util.concurrent.CompletableFuture<Void> gate =
            java.util.concurrent.CompletableFuture.completedFuture(null);

    /** Holds new events back (the rebuild's switch-over); those being applied finish (see {@link #inFlight()}). */
    public void hold() {
        gate = new java.util.concurrent.CompletableFuture<>();
    }

    /** Lets events through again. */
    public void release() {
        gate.complete(null);
    }

    Uni<Void> project(ConsumerRecord<String, byte[]> r) {
        // a record is applied, acknowledged and announced (Changes) on the Vert.x context it came on: whatever wakes a
        // waiting step (the rebuild's release on its own thread, a back-off timer on a worker) goes back there first
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        return Uni.createFrom().deferred(() -> {
            // counted before the gate is looked at, so a rebuild that holds the gate and then finds nothing in
            // flight cannot miss an event that got past the gate a moment before
            inFlight.incrementAndGet();
            java.util.concurrent.CompletableFuture<Void> open = gate;
            if (!open.isDone()) {
                inFlight.decrementAndGet();
                return Uni.createFrom().completionStage(open).emitOn(onContext).chain(() -> project(r));
            }
            if (LOG.isDebugEnabled()) {
                LOG.debugf("record %s-%d@%d key %s [inFlight %d]", r.topic(), r.partition(), r.offset(), r.key(),
                        inFlight.get());
            }
            return projectOne(r, onContext).onTermination().invoke(inFlight::decrementAndGet);
        });
    }

    private Uni<Void> projectOne(ConsumerRecord<String, byte[]> r, Executor onContext) {
        Received in = Received.of(r);
        CloudEvent e;
        try {
            e = CloudEventCodec.decode(in.headers(), in.body());
        } catch (RuntimeException bad) {
            LOG.warnf("Unreadable record on %s (key %s) sent to %s: %s", r.topic(), r.key(),
                    Topics.deadLetter(r.topic()), bad.getMessage());
            return deadLetter(in, bad.getMessage());
        }
        // one transaction of explicit statements per event (see apply) on the projector's own pool; every attempt,
        // retries after their back-off included, starts on the record's context
        return Uni.createFrom().deferred(() -> pool.withTransaction(c -> apply(c, e, r.topic(), in.body())))
                .runSubscriptionOn(onContext)
                .onFailure().invoke(f -> {
                    meters.counter("reporting.projection.retries").increment();
                    LOG.warnf("Projecting %s %s failed (%s); retrying", e.type(), e.id(), f.getMessage());
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(20)
                .invoke(() -> {
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("committed %s %s", e.type(), e.id());
                    }
                    changes.changed();
                })
                .replaceWithVoid();
    }

    private Uni<Void> deadLetter(Received in, String reason) {
        Outbox.Outgoing m = in.deadLetter("reporting-service", reason == null ? "unreadable" : reason);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(m.topic(), m.key(), m.body());
        m.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return Uni.createFrom().emitter(em -> deadLetters.send(record, (meta, ex) -> {
            if (ex == null) {
                em.complete(null);
            } else {
                em.fail(ex);
            }
        }));
    }

    static final Rows<TicketRecord> TICKET_ROWS = Rows.of(TicketRecord.class);
    static final Rows<OutageRecord> OUTAGE_ROWS = Rows.of(OutageRecord.class);
    static final Rows<AccountRecord> ACCOUNT_ROWS = Rows.of(AccountRecord.class);
    static final Rows<EventRecord> EVENTS = Rows.of(EventRecord.class);

    /**
     * Explicit statements in one transaction on the projector's own connection pool: the row is read and locked
     * ({@code SELECT ... FOR UPDATE}), changed in memory, and written back whole by an UPDATE (or INSERTed when new),
     * with the event recorded by id. A second writer of the same row waits for the lock (several instances in one
     * consumer group may hold a ticket's ticket-events and sla-events partitions; two first events of a ticket racing
     * to INSERT: the loser fails on the key and is retried as an UPDATE).
     */
    private Uni<Void> apply(SqlConnection c, CloudEvent e, String topic, byte[] body) {
        return c.preparedQuery("select 1 from reporting.rpt_event where eventId = $1").execute(Tuple.of(e.id()))
                .flatMap(seen -> {
                    if (seen.size() > 0) {
                        return Uni.createFrom().voidItem(); // applied before
                    }
                    ReadModelFold.Target target = ReadModelFold.target(e.data());
                    Uni<Void> recorded = EVENTS.insert(c, ReadModelFold.record(e, topic, body));
                    return switch (target.kind()) {
                        case TICKET -> TICKET_ROWS.lock(c, target.id()).flatMap(found -> {
                            if (ReadModelFold.stale(e, found)) {
                                return Uni.createFrom().voidItem();
                            }
                            if (found != null && e.sequence() != null && e.data() instanceof TicketEvent
                                    && e.sequence() > found.lastSequence + 1) {
                                LOG.warnf("Gap on ticket %s: #%d after #%d (applied)", target.id(), e.sequence(),
                                        found.lastSequence);
                            }
                            TicketRecord t = found == null ? ReadModelFold.newTicket(target.id()) : found;
                            ReadModelFold.ticket(t, e);
                            if (LOG.isDebugEnabled()) {
                                LOG.debugf("apply %s %s to %s: status %s, #%d, response deadline %s", e.type(), e.id(),
                                        target.id(), t.status, t.lastSequence, t.responseDeadline);
                            }
                            return recorded.chain(() -> found == null ? TICKET_ROWS.insert(c, t) : TICKET_ROWS.update(c, t));
                        });
                        case OUTAGE -> OUTAGE_ROWS.lock(c, target.id()).flatMap(found -> {
                            OutageRecord o = found == null ? ReadModelFold.newOutage(target.id()) : found;
                            ReadModelFold.outage(o, e.data());
                            return recorded.chain(() -> found == null ? OUTAGE_ROWS.insert(c, o) : OUTAGE_ROWS.update(c, o));
                        });
                        case ACCOUNT -> ACCOUNT_ROWS.lock(c, target.id()).flatMap(found -> {
                            AccountRecord a = found == null ? ReadModelFold.newAccount(target.id()) : found;
                            ReadModelFold.account(a, e.data());
                            return recorded.chain(() -> found == null ? ACCOUNT_ROWS.insert(c, a)
                                    : ACCOUNT_ROWS.update(c, a));
                        });
                        case NONE -> recorded;
                    };
                });
    }
}
