package com.supportdesk.ticket.attachment;

import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.audit.AuditTrail;
import com.supportdesk.support.config.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The audit trail's entry of a refused infected upload ({@code attachment.infected} on {@code audit-events}): who
 * sent which file from where, and what the scanner found. A refusal stores nothing, so there is no transaction to
 * share: the entry is sent at once and waited for.
 */
@ApplicationScoped
public class AttachmentAudit {
    private static final Logger LOG = Logger.getLogger(AttachmentAudit.class);

    @Inject
    AuditTrail audit;

    @Inject
    KafkaSettings kafka;

    private KafkaProducer<String, byte[]> producer;

    public void infected(String fileName, String signature) {
        Outbox.Outgoing entry = audit.entry(
                "attachment.infected",
                "attachment",
                fileName,
                null,
                Map.of("fileName", fileName, "signature", signature));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(entry.topic(), entry.key(), entry.body());
        entry.headers()
                .forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        try {
            producer().send(record).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // the refusal stands either way; the log line below is the trace of it
            LOG.errorf(e, "The audit entry of an infected upload could not be sent");
        }
        LOG.warnf(
                "Refused an infected upload %s by %s: %s",
                fileName, audit.origin().actor(), signature);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(KafkaClients.config(kafka.bootstrapServers(), Map.of()));
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "ticket-service-attachment-audit");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
