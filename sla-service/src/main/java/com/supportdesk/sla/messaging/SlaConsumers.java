package com.supportdesk.sla.messaging;

import com.supportdesk.sla.config.TopicSetup;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.timer.OutboxPublisher;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Received;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code ticket-events} (in batches, each in one transaction) and {@code account-events}. A failure of
 * PostgreSQL is retried with back-off, never skipped: the offsets move only after the state is committed, and a
 * redelivered record is recognised by its sequence number.
 */
@ApplicationScoped
public class SlaConsumers {
    private static final Logger LOG = Logger.getLogger(SlaConsumers.class);

    @Inject
    SlaProcessor processor;
    @Inject
    TimerScheduler timers;
    @Inject
    OutboxPublisher publisher;
    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "support.kafka.partitions", defaultValue = "3")
    int partitions;
    @ConfigProperty(name = "support.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    void topics(@Observes @Priority(1) StartupEvent ev) {
        TopicSetup.ensure(bootstrapServers, partitions, replicationFactor);
    }

    @Incoming("ticket-events-in")
    @Blocking(ordered = true)
    public void ticketEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<Received> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            batch.add(Received.of(r));
        }
        SlaProcessor.BatchResult result;
        try {
            result = Jdbc.retrying("ticket-events", () -> processor.ticketEvents(batch));
        } catch (RuntimeException e) {
            result = oneByOne(batch, e);
        }
        meters.counter("sla.ticket.events", "outcome", "applied").increment(result.applied());
        meters.counter("sla.ticket.events", "outcome", "duplicate").increment(result.duplicates());
        meters.counter("sla.ticket.events", "outcome", "parked").increment(result.parked());
        meters.counter("sla.ticket.events", "outcome", "dead-lettered").increment(result.deadLettered());
        timers.poke();
        publisher.poke();
    }

    @Incoming("account-events-in")
    @Blocking(ordered = true)
    public void accountEvents(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        if (record.value() == null) {
            return; // a compaction tombstone
        }
        Received in = Received.of(record);
        Jdbc.retrying("account-events", () -> {
            processor.accountEvent(in);
            return null;
        });
        timers.poke(); // openings waiting for this account can start
        publisher.poke();
    }

    /** A batch failed for a reason other than the database: find the record at fault and dead-letter it alone. */
    private SlaProcessor.BatchResult oneByOne(List<Received> batch, RuntimeException cause)
            throws InterruptedException {
        LOG.warnf("A batch of %d ticket events failed (%s); applying them one by one", batch.size(), cause.toString());
        int applied = 0;
        int dead = 0;
        for (Received in : batch) {
            try {
                applied += Jdbc.retrying("ticket-events", () -> processor.ticketEvents(List.of(in))).applied();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Ticket event %s of %s cannot be applied; sent to the dead-letter topic",
                        in.headers().get("ce_id"), in.key());
                Jdbc.retrying("ticket-events.dlq", () -> {
                    processor.deadLetter(in, e.toString());
                    return null;
                });
                dead++;
            }
        }
        return new SlaProcessor.BatchResult(applied, 0, 0, 0, dead);
    }

}
