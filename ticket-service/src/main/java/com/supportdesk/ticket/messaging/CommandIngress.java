package com.supportdesk.ticket.messaging;

import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.event.CommandRejected;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.contract.wire.MalformedMessageException;
import com.supportdesk.ticket.command.Actor;
import com.supportdesk.ticket.command.CommandService;
import com.supportdesk.ticket.command.InvalidCommand;
import com.supportdesk.ticket.command.Permissions;
import com.supportdesk.ticket.command.RuleViolation;
import io.quarkus.security.ForbiddenException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Commands from {@code ticket-commands} (partners, escalation-service). Each is judged exactly like its REST twin,
 * as its sender ({@link CommandSenders}: the token in the record's {@code authorization} header, valid when the
 * broker took the record).
 * A command that cannot be read or is refused never blocks its partition: it is reported as a
 * {@code support.command.rejected.v1} event (so the sender learns the outcome) and then parked on
 * {@code ticket-commands.dlq} with the reason (the failure strategy of the channel). Infrastructure failures are
 * retried first, since the command itself is not at fault.
 */
@ApplicationScoped
public class CommandIngress {
    private static final Logger LOG = Logger.getLogger(CommandIngress.class);

    @Inject
    CommandService commands;

    @Inject
    CommandRejections rejections;

    @Inject
    Clock clock;

    @Inject
    CommandSenders senders;

    @Inject
    com.supportdesk.ticket.config.TicketSettings.Ingress settings;

    @Inject
    io.opentelemetry.api.OpenTelemetry otel;

    private com.supportdesk.support.Tracing tracing;

    @jakarta.annotation.PostConstruct
    void traced() {
        tracing = com.supportdesk.support.Tracing.of(otel, "ticket-service");
    }

    @Incoming("commands-in")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        // a span of the trace the command carries (escalation-service's decision); its events join it
        io.opentelemetry.api.trace.Span span = tracing.processing(
                new com.supportdesk.support.Received(record.topic(), record.key(), headers, record.value()));
        try (var traced = span.makeCurrent()) {
            handle(record, headers);
        } catch (RuntimeException e) {
            com.supportdesk.support.Tracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record, Map<String, String> headers)
            throws InterruptedException {
        String commandId = headers.get(CloudEventCodec.ID);
        String type = headers.get(CloudEventCodec.TYPE);
        String target = record.key();
        try {
            CloudEvent envelope = CloudEventCodec.decode(headers, record.value());
            if (!(envelope.data() instanceof Command command)) {
                throw new MalformedMessageException(CloudEventCodec.TYPE, "'" + type + "' is not a command");
            }
            target = command.targetId();
            if (record.key() != null && !record.key().equals(command.targetId())) {
                throw new InvalidCommand("key", "the Kafka key must be the target id " + command.targetId());
            }
            Actor actor = senders.verify(headers.get(CommandSenders.AUTHORIZATION), takenAt(record));
            sendWithRetries(command, actor, commandId);
        } catch (CommandSenders.Unauthenticated e) {
            reject(target, type, commandId, "unauthenticated", e.getMessage(), e);
        } catch (ForbiddenException e) {
            reject(target, type, commandId, "forbidden", e.getMessage(), e);
        } catch (Permissions.NotVisible e) {
            reject(target, type, commandId, "not-found", "No ticket, outage or account " + target, e);
        } catch (MalformedMessageException e) {
            reject(target, type, commandId, "malformed", e.getMessage(), e);
        } catch (InvalidCommand e) {
            reject(target, type, commandId, "invalid", e.violations().toString(), e);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            reject(target, type, commandId, "not-found", "No ticket, outage or account " + target, e);
        } catch (AggregateStreamCreationException e) {
            reject(target, type, commandId, "conflict", "already-exists: " + target + " already exists", e);
        } catch (RuleViolation e) {
            reject(target, type, commandId, "conflict", e.code() + ": " + e.getMessage(), e);
        }
    }

    /** When the broker took the record, if the topic stamps its own time (TopicSetup); else {@code null}. */
    private static Instant takenAt(ConsumerRecord<?, ?> record) {
        return record.timestampType() == TimestampType.LOG_APPEND_TIME && record.timestamp() >= 0
                ? Instant.ofEpochMilli(record.timestamp())
                : null;
    }

    private void sendWithRetries(Command command, Actor actor, String commandId) throws InterruptedException {
        long backoff = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                commands.send(command, actor, commandId == null ? null : "kafka:" + commandId, null, null);
                return;
            } catch (RuleViolation
                    | InvalidCommand
                    | ForbiddenException
                    | Permissions.NotVisible
                    | AggregateNotFoundException
                    | IncompatibleAggregateException
                    | AggregateStreamCreationException e) {
                throw e;
            } catch (ConcurrencyException e) {
                // another writer appended first: judge again against the new state
                LOG.debugf("Concurrent change on %s, retrying command %s", command.targetId(), commandId);
            } catch (RuntimeException e) {
                if (attempt >= settings.infrastructureRetries()) {
                    throw e; // parked on the DLQ by the failure strategy, with this cause
                }
                LOG.warnf(
                        "Command %s on %s failed (%s); retry %d in %d ms",
                        commandId, command.targetId(), e, attempt, backoff);
                Thread.sleep(backoff); // back-off between retries of an infrastructure failure, not test timing
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void reject(
            String target, String type, String commandId, String code, String detail, RuntimeException cause) {
        LOG.infof("Command %s (%s) for %s refused: %s %s", commandId, type, target, code, detail);
        rejections.publishOnce(new CommandRejected(
                target == null ? "unknown" : target,
                null,
                type == null ? "unknown" : type,
                commandId,
                code,
                detail,
                null,
                clock.instant()));
        throw new RejectedCommandException(code + ": " + detail, cause);
    }

    /** Makes the channel park the record on {@code ticket-commands.dlq}; the message is the DLQ reason. */
    static final class RejectedCommandException extends RuntimeException {
        RejectedCommandException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
