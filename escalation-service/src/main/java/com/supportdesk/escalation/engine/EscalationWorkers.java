package com.supportdesk.escalation.engine;

import com.supportdesk.contract.Topics;
import com.supportdesk.escalation.config.ServiceToken;
import com.supportdesk.escalation.store.EscalationStore;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.OutboxRelay;
import com.supportdesk.support.Worker;
import com.supportdesk.support.config.KafkaSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumers of ticket-events, sla-events and account-events; the timer of the timed rules; the outbox relay.
 * A database failure is retried with back-off, never skipped: offsets move only after the state is committed.
 */
@ApplicationScoped
public class EscalationWorkers extends Worker {
    private static final long LOCK_KEY = 0xe5ca_1a7eL;

    @Inject
    io.opentelemetry.api.OpenTelemetry otel;

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    EscalationProcessor processor;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    KafkaSettings kafka;

    @Inject
    com.supportdesk.escalation.config.EscalationSettings settings;

    @Inject
    ServiceToken serviceToken;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private BatchConsumer ticketEvents;
    private BatchConsumer slaEvents;
    private BatchConsumer accountEvents;
    private OutboxRelay relay;

    /** Built when the bean is (a consumer may call it before start-up has finished), started below. */
    @PostConstruct
    void build() {
        String me = EscalationProcessor.SOURCE;
        ticketEvents = BatchConsumer.of(
                        dataSource,
                        EscalationStore.OUTBOX,
                        me,
                        in -> true,
                        BatchConsumer.eachWith(
                                processor::poll,
                                (c, item, poll) -> processor.ticketEvent(c, item.event(), poll),
                                processor::endPoll))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "ticket-events consumer");
        slaEvents = BatchConsumer.of(
                        dataSource,
                        EscalationStore.OUTBOX,
                        me,
                        BatchConsumer.ofTypes(EscalationProcessor.SLA_TYPES),
                        BatchConsumer.eachWith(
                                processor::poll,
                                (c, item, poll) -> processor.slaEvent(c, item.event(), poll),
                                processor::endPoll))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "sla-events consumer");
        accountEvents = BatchConsumer.of(
                        dataSource,
                        EscalationStore.OUTBOX,
                        me,
                        in -> true,
                        BatchConsumer.each((c, item) -> processor.accountEvent(c, item.event())))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "account-events consumer");
        // a fresh producer after a round the broker did not acknowledge keeps each key in order (OutboxRelay)
        java.util.function.Supplier<org.apache.kafka.clients.producer.Producer<String, byte[]>> producers =
                () -> new KafkaProducer<>(
                        KafkaClients.config(
                                kafka.bootstrapServers(),
                                Map.of(
                                        ProducerConfig.ACKS_CONFIG,
                                        "all",
                                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                        true,
                                        ProducerConfig.CLIENT_ID_CONFIG,
                                        "escalation-service-outbox")),
                        new StringSerializer(),
                        new ByteArraySerializer());
        relay = new OutboxRelay(
                        dataSource,
                        EscalationStore.OUTBOX,
                        LOCK_KEY,
                        producers,
                        500,
                        settings.outbox().maxIdle(),
                        b -> {})
                // commands are judged as their sender: escalation-service's own token, fresh when they leave
                .withSendTimeHeaders(topic -> Topics.TICKET_COMMANDS.equals(topic) ? serviceToken.header() : Map.of())
                .measuredBy(meters, me);
    }

    void start(@Observes StartupEvent ev) {
        relay.start("escalation-outbox", health);
        startWorker("escalation-timers", health.watch("escalation-timers"));
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
        if (relay != null) {
            relay.stop();
        }
        if (relay != null) {
            relay.closeProducer();
        }
    }

    @Incoming("ticket-events-in")
    @Blocking(ordered = true)
    public void ticketEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(ticketEvents.accept(records));
    }

    @Incoming("sla-events-in")
    @Blocking(ordered = true)
    public void slaEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(slaEvents.accept(records));
    }

    @Incoming("account-events-in")
    @Blocking(ordered = true)
    public void accountEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(accountEvents.accept(records));
    }

    private void handled(BatchConsumer.Outcome outcome) {
        if (outcome.applied() + outcome.deadLettered() > 0) {
            poke();
            relay.poke();
        }
    }

    @Override
    protected long round() {
        Instant now = clock.instant();
        int looked = processor.fireDue(now, 200);
        if (looked > 0) {
            relay.poke();
            if (looked >= 200) {
                return 0;
            }
        }
        Optional<Instant> next = processor.nextCheck();
        long wait = settings.timer().maxIdle().toMillis();
        if (next.isPresent()) {
            wait = Math.max(
                    5,
                    Math.min(wait, Duration.between(clock.instant(), next.get()).toMillis()));
        }
        return wait;
    }
}
