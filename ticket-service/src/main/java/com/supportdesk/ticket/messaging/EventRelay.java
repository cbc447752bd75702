package com.supportdesk.ticket.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.contract.event.AccountEvent;
import com.supportdesk.contract.event.OutageEvent;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.contract.wire.MessageType;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.audit.AuditTrail;
import com.supportdesk.ticket.command.AuditMetaData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

/**
 * Publishes every stored event, in store order, to its topic as a CloudEvents binary-mode record keyed by its
 * aggregate. Runs in Axon's tracking processor {@value #PROCESSOR}, whose position (token) is stored in PostgreSQL
 * and only moves after Kafka acknowledged the whole batch: a crash or a broker outage re-sends (at most one batch
 * of duplicates, which consumers drop by {@code ce_id}) and never skips.
 */
public class EventRelay {

    public static final String PROCESSOR = "kafka-relay";
    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final String PENDING = EventRelay.class.getName() + ".pending";

    private final Supplier<KafkaProducer<String, byte[]>> producerFactory;
    private final String source;
    private volatile KafkaProducer<String, byte[]> producer;
    private io.micrometer.core.instrument.MeterRegistry meters;
    private java.time.Clock clock = java.time.Clock.systemUTC();
    private io.micrometer.core.instrument.Timer delay;
    private final Map<String, io.micrometer.core.instrument.Counter> published =
            new java.util.concurrent.ConcurrentHashMap<>();
    private com.supportdesk.support.health.WorkHealth.Watch watch =
            com.supportdesk.support.health.WorkHealth.Watch.NONE;

    public EventRelay(Supplier<KafkaProducer<String, byte[]>> producerFactory, String source) {
        this.producerFactory = producerFactory;
        this.source = source;
    }

    /**
     * Measures the relay on {@code registry}: {@code support_relay_published_total{topic}} (records the broker
     * acknowledged) and {@code support_relay_delay_seconds} (histogram: from an event's being stored to the broker's
     * acknowledgement of its record, i.e. how far the topics are behind ticket-service's event store).
     */
    public EventRelay measuredBy(io.micrometer.core.instrument.MeterRegistry registry, java.time.Clock clock) {
        this.meters = registry;
        this.clock = clock;
        this.delay = io.micrometer.core.instrument.Timer.builder("support.relay.delay")
                .description("From an event's being stored to the broker's acknowledgement of its record")
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofHours(1))
                .register(registry);
        return this;
    }

    /**
     * Tells {@code watch} whether each batch got acknowledged: the readiness check reports a relay whose batches keep
     * failing and {@code support_work_failing_seconds} measures it (the BackgroundWorkFailing alert), but it does not
     * make ticket-service not ready, since commands are stored while the broker is away (WorkHealth).
     */
    public EventRelay watchedBy(com.supportdesk.support.health.WorkHealth.Watch watch) {
        this.watch = watch;
        return this;
    }

    /** The broker acknowledged a record of an event stored at {@code stored}. */
    private void acknowledged(String topic, java.time.Instant stored) {
        if (meters == null) {
            return;
        }
        published
                .computeIfAbsent(
                        topic,
                        t -> io.micrometer.core.instrument.Counter.builder("support.relay.published")
                                .description("Records of stored events the broker acknowledged")
                                .tag("topic", t)
                                .register(meters))
                .increment();
        delay.record(java.time.Duration.between(stored, clock.instant()));
    }

    @EventHandler
    public void relay(Object payload, EventMessage<?> message) {
        MessageType<?> type = Catalog.of(payload.getClass());
        String subject = type.subjectOf(payload);
        Long sequence = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
            sequence = domain.getSequenceNumber();
        }
        CloudEvent event = new CloudEvent(
                message.getIdentifier(),
                type.type(),
                source,
                subject,
                message.getTimestamp(),
                sequence,
                type.accountOf(payload),
                payload);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(type.topic(), subject, CloudEventCodec.body(payload));
        Map<String, String> headers = CloudEventCodec.headers(event);
        // the trace of the command that applied it (CloudEvents distributed tracing, see Tracing)
        Object traceparent = message.getMetaData().get(com.supportdesk.ticket.command.CommandService.TRACEPARENT);
        if (traceparent != null) {
            com.supportdesk.support.Tracing.stamp(
                    headers, com.supportdesk.support.Tracing.fromTraceparent(traceparent.toString()));
        }
        headers.forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        java.time.Instant stored = message.getTimestamp();
        pending().add(producer().send(record, (metadata, failed) -> {
            if (failed == null) {
                acknowledged(record.topic(), stored);
            }
        }));
        if (payload instanceof AccountEvent || payload instanceof OutageEvent) {
            pending().add(producer().send(auditRecord(type, subject, payload, message)));
        }
    }

    /**
     * The audit entry of an administrative event (an account, an outage or maintenance): its id is derived from the
     * event's, so a batch sent again makes the same entry (the trail drops it by id), never a second one.
     */
    private ProducerRecord<String, byte[]> auditRecord(
            MessageType<?> type, String subject, Object payload, EventMessage<?> message) {
        JsonNode fields = CloudEventCodec.mapper().valueToTree(payload);
        String by = fields.path("by").asText(null);
        Map<String, Object> details = new LinkedHashMap<>();
        fields.fields().forEachRemaining(f -> {
            if (f.getKey().equals("by") || f.getKey().equals("at")) {
                return;
            }
            if (f.getValue().isObject()) {
                f.getValue()
                        .fields()
                        .forEachRemaining(inner -> details.put(
                                f.getKey() + "." + inner.getKey(),
                                inner.getValue().isValueNode()
                                        ? inner.getValue().asText()
                                        : inner.getValue().toString()));
            } else if (!f.getValue().isNull()) {
                details.put(
                        f.getKey(),
                        f.getValue().isValueNode()
                                ? f.getValue().asText()
                                : f.getValue().toString());
            }
        });
        String action = type.type().replaceFirst("^support\\.", "").replaceFirst("\\.v\\d+$", "");
        String auditId = UUID.nameUUIDFromBytes(("audit:" + message.getIdentifier()).getBytes(StandardCharsets.UTF_8))
                .toString();
        Outbox.Outgoing entry = AuditTrail.message(
                auditId,
                source.substring(source.lastIndexOf('/') + 1),
                AuditMetaData.origin(message.getMetaData(), by),
                action,
                action.substring(0, action.indexOf('.')),
                subject,
                type.accountOf(payload),
                details,
                message.getTimestamp());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(entry.topic(), entry.key(), entry.body());
        entry.headers()
                .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    /** The sends of the current batch; the batch commits (and the token moves) only once all are acknowledged. */
    private List<Future<RecordMetadata>> pending() {
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        return uow.getOrComputeResource(PENDING, k -> {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            uow.onPrepareCommit(u -> awaitAll(futures));
            return futures;
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> futures) {
        try {
            for (Future<RecordMetadata> f : futures) {
                f.get();
            }
            watch.succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            watch.failed(e.getCause());
            // Start over with a fresh producer so that the re-sent batch keeps its order.
            LOG.warnf(
                    "Kafka did not acknowledge a batch of %d events (%s); the relay will retry it",
                    futures.size(), e.getCause().toString());
            resetProducer();
            throw new IllegalStateException("Kafka send failed", e.getCause());
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = producerFactory.get();
        }
        return producer;
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ZERO);
            producer = null;
        }
    }

    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
