package com.supportdesk.escalation.engine;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.command.CloseTicket;
import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.command.EscalateTicket;
import com.supportdesk.contract.command.GrantPriorityHandling;
import com.supportdesk.contract.command.RefusePriorityHandling;
import com.supportdesk.contract.command.TransferTicket;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.escalation.rules.Decision;
import com.supportdesk.escalation.rules.TicketFacts;
import com.supportdesk.escalation.store.EscalationStore;
import com.supportdesk.escalation.store.EscalationStore.DecisionRow;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Acts on a decision once: records it by key, and queues the command on {@code ticket-commands} and the
 * {@code escalation-events} record in the outbox, all in the caller's transaction. The ids derive from the key, so
 * even a command sent again after a crash is recognised by ticket-service.
 */
final class DecisionActions {
    private static final Logger LOG = Logger.getLogger(DecisionActions.class);

    private DecisionActions() {}

    /** Acts on {@code d} unless it was acted on before; returns the facts as they will be once it takes effect. */
    static TicketFacts act(Connection c, TicketFacts facts, Decision d, String triggerId, Instant now) {
        String commandId = id("escalation/", d);
        try {
            boolean first = EscalationStore.record(
                    c,
                    new DecisionRow(
                            d.key(),
                            facts.ticketId(),
                            d.rule(),
                            d.action(),
                            d.target(),
                            d.toLevel(),
                            d.reason(),
                            d.notifies(),
                            triggerId,
                            commandId,
                            now));
            if (!first) {
                return facts;
            }
            EscalationDecided decided = new EscalationDecided(
                    facts.ticketId(),
                    facts.accountId(),
                    d.rule(),
                    d.action(),
                    d.target(),
                    d.toLevel(),
                    d.reason(),
                    d.notifies(),
                    triggerId,
                    commandId,
                    now);
            EscalationStore.OUTBOX.enqueue(
                    c,
                    List.of(
                            message(Topics.TICKET_COMMANDS, commandId, facts, command(facts, d), now),
                            message(Topics.ESCALATION_EVENTS, id("escalation-decided/", d), facts, decided, now)));
            LOG.infof(
                    "Ticket %s: %s %s (%s): %s",
                    facts.ticketId(), d.rule(), d.action(), d.target() != null ? d.target() : d.toLevel(), d.reason());
        } catch (SQLException e) {
            throw new Jdbc.StoreException(e);
        }
        return d.target() != null ? facts.withEscalation(d.target()) : facts;
    }

    private static Command command(TicketFacts facts, Decision d) {
        return switch (d.action()) {
            case GRANT_PRIORITY -> new GrantPriorityHandling(facts.ticketId(), d.reason());
            case REFUSE_PRIORITY -> new RefusePriorityHandling(facts.ticketId(), d.reason());
            case ESCALATE -> new EscalateTicket(facts.ticketId(), d.target(), d.reason(), d.rule());
            case TRANSFER -> new TransferTicket(facts.ticketId(), d.toLevel(), d.reason());
            case CLOSE -> new CloseTicket(facts.ticketId(), ClosureReason.AUTO_CLOSED);
        };
    }

    private static String id(String prefix, Decision d) {
        return UUID.nameUUIDFromBytes((prefix + d.key()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static Outbox.Outgoing message(String topic, String id, TicketFacts facts, Object data, Instant now) {
        CloudEvent envelope = new CloudEvent(
                id,
                Catalog.of(data.getClass()).type(),
                EscalationProcessor.SOURCE,
                facts.ticketId(),
                now,
                null,
                facts.accountId(),
                data);
        // in the context of what caused it (the breach's handling), so the command and its event join the trace
        return new Outbox.Outgoing(
                topic,
                facts.ticketId(),
                com.supportdesk.support.Tracing.stamp(CloudEventCodec.headers(envelope)),
                CloudEventCodec.body(data));
    }
}
