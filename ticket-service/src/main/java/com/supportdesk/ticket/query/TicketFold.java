package com.supportdesk.ticket.query;

import com.supportdesk.contract.event.*;
import com.supportdesk.contract.model.TicketStatus;
import java.util.ArrayList;
import java.util.List;

/** Folds a ticket's events, oldest first, into its {@link TicketView}. */
final class TicketFold {
    private TicketFold() {}

    static TicketView fold(List<Object> events, long version) {
        TicketOpened o = (TicketOpened) events.get(0);
        var b = new Builder(o);
        for (Object e : events.subList(1, events.size())) {
            b.apply(e);
        }
        return b.build(version);
    }

    private static final class Builder {
        final TicketOpened opened;
        TicketStatus status = TicketStatus.OPEN;
        com.supportdesk.contract.model.Severity severity;
        boolean priority;
        boolean priorityRequested;
        com.supportdesk.contract.model.SupportLevel level;
        java.time.Instant acknowledgedAt;
        java.time.Instant resolvedAt;
        com.supportdesk.contract.model.ResolutionKind resolution;
        java.time.Instant closedAt;
        com.supportdesk.contract.model.ClosureReason closure;
        final List<com.supportdesk.contract.model.EscalationTarget> escalations = new ArrayList<>();
        final List<TicketView.Message> messages = new ArrayList<>();

        Builder(TicketOpened o) {
            opened = o;
            severity = o.severity();
            priority = o.priority();
            level = o.level();
        }

        void apply(Object e) {
            if (e instanceof TicketAcknowledged a) {
                status = TicketStatus.IN_PROGRESS;
                acknowledgedAt = a.at();
            } else if (e instanceof SeverityReclassified r) {
                severity = r.toSeverity();
                priority = r.priority();
            } else if (e instanceof MessageAdded m) {
                messages.add(new TicketView.Message(m.messageId(), m.by(), m.fromCustomer(), m.body(), m.at()));
            } else if (e instanceof PriorityHandlingRequested) {
                priorityRequested = true;
            } else if (e instanceof PriorityHandlingGranted) {
                priority = true;
                priorityRequested = false;
            } else if (e instanceof PriorityHandlingRefused) {
                priorityRequested = false;
            } else if (e instanceof TicketTransferred t) {
                level = t.toLevel();
            } else if (e instanceof TicketEscalated x) {
                escalations.add(x.target());
            } else if (e instanceof TicketPutOnHold) {
                status = TicketStatus.WAITING_ON_CUSTOMER;
            } else if (e instanceof TicketResumed || e instanceof ResolutionRejected) {
                status = TicketStatus.IN_PROGRESS;
                resolvedAt = null;
                resolution = null;
            } else if (e instanceof TicketResolved r) {
                status = TicketStatus.RESOLVED;
                resolvedAt = r.at();
                resolution = r.resolution();
            } else if (e instanceof TicketClosed c) {
                status = TicketStatus.CLOSED;
                closedAt = c.at();
                closure = c.closure();
            }
        }

        TicketView build(long version) {
            return new TicketView(
                    opened.ticketId(),
                    opened.reference(),
                    opened.accountId(),
                    opened.kind(),
                    status,
                    severity,
                    opened.impact(),
                    opened.urgency(),
                    priority,
                    priorityRequested,
                    level,
                    opened.title(),
                    opened.description(),
                    opened.application(),
                    opened.relatedTicketId(),
                    opened.by(),
                    opened.at(),
                    acknowledgedAt,
                    resolvedAt,
                    resolution,
                    closedAt,
                    closure,
                    List.copyOf(escalations),
                    List.copyOf(messages),
                    version);
        }
    }
}
