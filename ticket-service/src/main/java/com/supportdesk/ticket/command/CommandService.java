package com.supportdesk.ticket.command;

import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.command.OpenTicket;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.AccountUpdated;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.wire.Validator;
import com.supportdesk.contract.wire.Violation;
import com.supportdesk.ticket.config.ProcessedCommands;
import com.supportdesk.ticket.config.ProcessedCommands.AlreadyProcessed;
import com.supportdesk.ticket.query.TicketQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;

/**
 * The single way in for commands, whether they come over REST or Kafka: validate the content, check the caller's
 * role and account ({@link Permissions}), then let the aggregate judge the transition, in one transaction that also records the command id.
 */
@ApplicationScoped
public class CommandService {
    private static final Logger LOG = Logger.getLogger(CommandService.class);

    @Inject
    com.supportdesk.support.audit.AuditTrail audit;

    @Inject
    CommandGateway gateway;

    @Inject
    TicketQueries queries;

    @Inject
    com.supportdesk.ticket.attachment.AttachmentStore attachments;

    /**
     * What happened to a command; {@code version} is the sequence number of the last event it appended (-1 when it
     * appended none: a duplicate).
     */
    public record Outcome(String targetId, boolean duplicate, boolean sameRequest, long version) {}

    /**
     * @param commandId      makes the command idempotent when not null (REST Idempotency-Key, Kafka ce_id)
     * @param requestHash    fingerprint of the request, to tell a retry from a different request with a reused id
     * @param expectedVersion optimistic concurrency on the aggregate's last sequence number, when not null
     */
    /** The metadata key of the W3C trace context a command and its events carry (copied by AxonSetup). */
    public static final String TRACEPARENT = "traceparent";

    public Outcome send(Command command, Actor actor, String commandId, String requestHash, Long expectedVersion) {
        List<Violation> violations = Validator.violations(command);
        if (!violations.isEmpty()) {
            throw new InvalidCommand(violations);
        }
        Permissions.check(command, actor, queries::accountOf);
        if (command instanceof com.supportdesk.contract.command.TicketCommand) {
            // the request's (or the command record's) span names the ticket: its traces are found by it
            com.supportdesk.support.Tracing.aboutTicket(io.opentelemetry.api.trace.Span.current(), command.targetId());
        }
        Map<String, Object> meta = new HashMap<>(actor.toMetaData());
        if (commandId != null) {
            meta.put(ProcessedCommands.COMMAND_ID, commandId);
        }
        if (requestHash != null) {
            meta.put(ProcessedCommands.REQUEST_HASH, requestHash);
        }
        if (expectedVersion != null) {
            meta.put(CommandTargets.EXPECTED_VERSION, expectedVersion);
        }
        if (command instanceof com.supportdesk.contract.command.AccountCommand
                || command instanceof com.supportdesk.contract.command.OutageCommand) {
            // administrative: who and from where travel on to the events (AxonSetup), for the audit trail (EventRelay)
            meta.putAll(AuditMetaData.of(audit.originOrNull()));
        }
        java.util.List<String> attached = command instanceof OpenTicket o
                ? o.attachments()
                : command instanceof com.supportdesk.contract.command.AddMessage m
                        ? m.attachments()
                        : command instanceof com.supportdesk.contract.command.AddInternalNote n
                                ? n.attachments()
                                : null;
        if (attached != null && !attached.isEmpty()) {
            // the files must be the sender's own uploads; claimed now, so the purge keeps them (their metadata
            // travels on to the event, which is all a ticket ever carries of them)
            meta.put(Ticket.ATTACHMENTS, Ticket.attachmentsJson(attachments.claim(attached, actor.userId())));
        }
        if (command instanceof OpenTicket open) {
            // the account's standard scope decides whether the ticket is flagged non-standard at opening
            profileOf(open.accountId())
                    .flatMap(p -> p.outOfScope(open.kind(), open.application()))
                    .ifPresent(reason -> meta.put(Ticket.OUT_OF_SCOPE, reason));
        }
        // the trace of the request (or of the command record) travels on to the events, and with them to Kafka
        String traceparent = com.supportdesk.support.Tracing.traceparent();
        if (traceparent != null) {
            meta.put(TRACEPARENT, traceparent);
        }
        Object result;
        List<org.axonframework.eventhandling.DomainEventMessage<?>> applied;
        try {
            result = dispatch(command, MetaData.from(meta), expectedVersion == null ? 3 : 1);
        } finally {
            applied = AppliedEvents.end();
        }
        if (result instanceof AlreadyProcessed seen) {
            LOG.infof("Command %s for %s was already processed; nothing changed", commandId, seen.targetId());
            return new Outcome(seen.targetId(), true, seen.sameRequest(), -1);
        }
        // committed: what it appended is the newest part of the ticket's history (answers need no re-read)
        long version = queries.learn(command.targetId(), applied);
        LOG.infof("%s applied to %s by %s", command.getClass().getSimpleName(), command.targetId(), actor.userId());
        return new Outcome(command.targetId(), false, true, version);
    }

    /**
     * Without an expected version the caller asked for "apply to the ticket as it is": when another writer (another
     * instance, a stale cache) appended first, judge the command again against the new state, a few times.
     */
    private Object dispatch(Command command, MetaData meta, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                AppliedEvents.begin(); // what a failed attempt applied was rolled back: collect afresh
                return gateway.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(meta));
            } catch (ConcurrencyException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.debugf(
                        "%s on %s met a concurrent change; judging it again",
                        command.getClass().getSimpleName(), command.targetId());
            }
        }
    }

    private java.util.Optional<AccountProfile> profileOf(String accountId) {
        return queries.latest(accountId, AccountRegistered.class).map(e -> {
            if (e instanceof AccountRegistered r) {
                return r.profile();
            }
            return e instanceof AccountUpdated u ? u.profile() : null;
        });
    }

    public Outcome send(Command command, Actor actor) {
        return send(command, actor, null, null, null);
    }
}
