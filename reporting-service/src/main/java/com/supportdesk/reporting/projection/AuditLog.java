package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.AuditRecorded;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.BatchConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the audit trail readable ({@code GET /api/audit}): every {@code support.audit.recorded.v1} on
 * {@code audit-events} becomes a row of {@code rpt_audit}, by its id (a redelivery changes nothing). Anything else
 * on the topic (an unknown type, an unreadable record) goes to {@code audit-events.dlq} through the projector's
 * outbox, and the consumer goes on.
 */
@ApplicationScoped
public class AuditLog {
    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    io.opentelemetry.api.OpenTelemetry otel;

    @Inject
    ProjectorDataSource dataSource;

    @Inject
    Projector projector;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    java.time.Clock clock;

    private BatchConsumer consumer;

    @PostConstruct
    void build() {
        consumer = BatchConsumer.of(
                        dataSource, Projector.OUTBOX, "reporting-service", in -> true, BatchConsumer.each((c, item) -> {
                            if (!(item.event().data() instanceof AuditRecorded a)) {
                                throw new IllegalArgumentException(
                                        "not an audit entry: " + item.event().type());
                            }
                            try (PreparedStatement ps = c.prepareStatement(
                                    "INSERT INTO rpt_audit (auditId, at, action, "
                                            + "service, actor, actorName, actorRoles, clientId, address, targetKind, targetId, "
                                            + "accountId, details) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (auditId) DO NOTHING")) {
                                ps.setString(1, a.auditId());
                                ps.setTimestamp(2, Timestamp.from(a.at()));
                                ps.setString(3, a.action());
                                ps.setString(4, a.service());
                                ps.setString(5, a.actor());
                                ps.setString(6, a.actorName());
                                ps.setString(7, String.join(",", a.actorRoles()));
                                ps.setString(8, a.clientId());
                                ps.setString(9, a.address());
                                ps.setString(10, a.targetKind());
                                ps.setString(11, a.targetId());
                                ps.setString(12, a.accountId());
                                ps.setString(13, json(a));
                                ps.executeUpdate();
                            }
                        }))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "audit-events consumer");
    }

    private static String json(AuditRecorded a) {
        try {
            return CloudEventCodec.mapper().writeValueAsString(a.details());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Incoming("audit-in")
    @Blocking(ordered = true)
    public void entries(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        if (consumer.accept(records).deadLettered() > 0) {
            projector.pokeOutbox();
        }
    }
}
