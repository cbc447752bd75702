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

    private static final class Builder implements TicketEvent.Visitor<Void> {
        final TicketOpened opened;
        TicketStatus status = TicketStatus.OPEN;
        com.supportdesk.contract.model.Severity severity;
        boolean priority;
        boolean priorityRequested;
        boolean nonStandard;
        String scopeReason;
        com.supportdesk.contract.model.SupportLevel level;
        java.time.Instant acknowledgedAt;
        java.time.Instant resolvedAt;
        com.supportdesk.contract.model.ResolutionKind resolution;
        String solution;
        java.time.Instant closedAt;
        com.supportdesk.contract.model.ClosureReason closure;
        final List<com.supportdesk.contract.model.EscalationTarget> escalations = new ArrayList<>();
        final List<TicketView.Message> messages = new ArrayList<>();
        final List<TicketView.Note> notes = new ArrayList<>();

        Builder(TicketOpened o) {
            opened = o;
            severity = o.severity();
            priority = o.priority();
            level = o.level();
        }

        void apply(Object e) {
            if (e instanceof TicketEvent event) {
                event.accept(this);
            }
        }

        @Override
        public Void on(TicketOpened e) {
            return null; // the first event made the builder; a ticket is opened once
        }

        @Override
        public Void on(TicketAcknowledged a) {
            status = TicketStatus.IN_PROGRESS;
            acknowledgedAt = a.at();
            return null;
        }

        @Override
        public Void on(SeverityReclassified r) {
            severity = r.toSeverity();
            priority = r.priority();
            return null;
        }

        @Override
        public Void on(SeverityReviewRequested r) {
            return null; // a request for the service desk: the severity changes only when reclassified
        }

        @Override
        public Void on(MessageAdded m) {
            messages.add(new TicketView.Message(
                    m.messageId(),
                    m.by(),
                    m.fromCustomer(),
                    m.body(),
                    m.at(),
                    m.attachments() == null ? List.of() : List.copyOf(m.attachments())));
            return null;
        }

        @Override
        public Void on(InternalNoteAdded n) {
            notes.add(new TicketView.Note(
                    n.noteId(),
                    n.by(),
                    n.body(),
                    n.at(),
                    n.attachments() == null ? List.of() : List.copyOf(n.attachments())));
            return null;
        }

        @Override
        public Void on(PriorityHandlingRequested r) {
            priorityRequested = true;
            return null;
        }

        @Override
        public Void on(PriorityHandlingGranted g) {
            priority = true;
            priorityRequested = false;
            return null;
        }

        @Override
        public Void on(PriorityHandlingRefused r) {
            priorityRequested = false;
            return null;
        }

        @Override
        public Void on(TicketTransferred t) {
            level = t.toLevel();
            return null;
        }

        @Override
        public Void on(TicketEscalated x) {
            escalations.add(x.target());
            return null;
        }

        @Override
        public Void on(TicketScopeFlagged f) {
            nonStandard = f.nonStandard();
            scopeReason = f.reason();
            return null;
        }

        @Override
        public Void on(TicketPutOnHold h) {
            status = TicketStatus.WAITING_ON_CUSTOMER;
            return null;
        }

        @Override
        public Void on(TicketResumed r) {
            return reopened();
        }

        @Override
        public Void on(ResolutionRejected r) {
            return reopened();
        }

        private Void reopened() {
            status = TicketStatus.IN_PROGRESS;
            resolvedAt = null;
            resolution = null;
            solution = null;
            return null;
        }

        @Override
        public Void on(TicketResolved r) {
            status = TicketStatus.RESOLVED;
            resolvedAt = r.at();
            resolution = r.resolution();
            solution = r.summary();
            return null;
        }

        @Override
        public Void on(TicketClosed c) {
            status = TicketStatus.CLOSED;
            closedAt = c.at();
            closure = c.closure();
            return null;
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
                    opened.attachments() == null ? List.of() : List.copyOf(opened.attachments()),
                    opened.by(),
                    opened.at(),
                    acknowledgedAt,
                    resolvedAt,
                    resolution,
                    solution,
                    closedAt,
                    closure,
                    List.copyOf(escalations),
                    List.copyOf(messages),
                    List.copyOf(notes),
                    nonStandard,
                    scopeReason,
                    version);
        }
    }
}
