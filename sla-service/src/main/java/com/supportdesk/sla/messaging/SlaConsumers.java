package com.supportdesk.sla.messaging;

import com.supportdesk.sla.config.TopicSetup;
import com.supportdesk.sla.engine.SlaEngine;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.sla.timer.OutboxPublisher;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.config.KafkaSettings;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ticket-events} (in batches, each in one transaction) and {@code account-events}. A failure of
 * PostgreSQL is retried with back-off, never skipped: the offsets move only after the state is committed, and a
 * redelivered record is recognised by its sequence number.
 */
@ApplicationScoped
public class SlaConsumers {
    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    io.opentelemetry.api.OpenTelemetry otel;

    @Inject
    SlaProcessor processor;

    @Inject
    TimerScheduler timers;

    @Inject
    OutboxPublisher publisher;

    @Inject
    MeterRegistry meters;

    @Inject
    java.time.Clock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaSettings kafka;

    private BatchConsumer ticketEvents;
    private BatchConsumer accountEvents;

    /** Built when the bean is (a consumer may call it before start-up has finished). */
    @PostConstruct
    void build() {
        ticketEvents = BatchConsumer.of(
                        dataSource,
                        SlaStore.OUTBOX,
                        SlaEngine.SOURCE,
                        BatchConsumer.ofTypes(SlaProcessor.TICKET_TYPES),
                        processor::ticketEvents)
                .decodingWith(SlaProcessor::decodeValid)
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "ticket-events consumer");
        accountEvents = BatchConsumer.of(
                        dataSource,
                        SlaStore.OUTBOX,
                        SlaEngine.SOURCE,
                        in -> true,
                        BatchConsumer.each((c, item) -> processor.accountEvent(c, item.event())))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "account-events consumer");
    }

    void topics(@Observes @Priority(1) StartupEvent ev) {
        TopicSetup.ensure(kafka);
    }

    @Incoming("ticket-events-in")
    @Blocking(ordered = true)
    public void ticketEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        BatchConsumer.Outcome outcome = ticketEvents.accept(records);
        int applied = 0;
        int duplicates = 0;
        int parked = 0;
        for (Object r : outcome.results()) {
            SlaProcessor.BatchResult b = (SlaProcessor.BatchResult) r;
            applied += b.applied();
            duplicates += b.duplicates();
            parked += b.parked();
        }
        meters.counter("sla.ticket.events", "outcome", "applied").increment(applied);
        meters.counter("sla.ticket.events", "outcome", "duplicate").increment(duplicates);
        meters.counter("sla.ticket.events", "outcome", "parked").increment(parked);
        meters.counter("sla.ticket.events", "outcome", "dead-lettered").increment(outcome.deadLettered());
        meters.counter("sla.ticket.events", "outcome", "skipped").increment(outcome.skipped());
        if (outcome.applied() + outcome.deadLettered() > 0) {
            timers.poke();
            publisher.poke();
        }
    }

    @Incoming("account-events-in")
    @Blocking(ordered = true)
    public void accountEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        if (accountEvents.accept(records).applied() > 0) {
            timers.poke(); // openings waiting for this account can start
        }
        publisher.poke();
    }
}
