package com.supportdesk.escalation.rules;

import com.supportdesk.contract.event.InternalNoteAdded;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.PriorityHandlingRefused;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SeverityReviewRequested;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.event.TicketResumed;
import com.supportdesk.contract.event.TicketScopeFlagged;
import com.supportdesk.contract.event.TicketTransferred;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Folds a ticket's events into its {@link TicketFacts}, one decision per ticket event type. Every event is progress
 * (it moves {@code lastProgressAt}) except the customer's own requests: asking for priority handling or a severity
 * review does not count as support working the ticket.
 */
public final class TicketFactsFold implements TicketEvent.Visitor<TicketFacts> {
    private final TicketFacts facts;

    private TicketFactsFold(TicketFacts facts) {
        this.facts = facts;
    }

    /** The facts after {@code event}; {@code facts} is null before the ticket's opening. */
    public static TicketFacts fold(TicketFacts facts, TicketEvent event) {
        return event.accept(new TicketFactsFold(facts));
    }

    @Override
    public TicketFacts on(TicketOpened o) {
        Instant at = o.at();
        return new TicketFacts(
                o.ticketId(),
                o.accountId(),
                o.severity(),
                o.impact() == null ? Impact.STANDARD : o.impact(),
                o.priority(),
                o.level(),
                false,
                false,
                false,
                at,
                at,
                at,
                Set.of());
    }

    @Override
    public TicketFacts on(TicketAcknowledged e) {
        Draft d = progress(e);
        d.acknowledged = true;
        return d.facts();
    }

    @Override
    public TicketFacts on(SeverityReclassified e) {
        Draft d = progress(e);
        d.severity = e.toSeverity();
        d.priority = e.priority();
        return d.facts();
    }

    @Override
    public TicketFacts on(PriorityHandlingGranted e) {
        Draft d = progress(e);
        d.priority = true;
        return d.facts();
    }

    @Override
    public TicketFacts on(TicketTransferred e) {
        Draft d = progress(e);
        d.level = e.toLevel();
        d.levelSince = e.at();
        return d.facts();
    }

    @Override
    public TicketFacts on(TicketEscalated e) {
        Draft d = progress(e);
        d.escalated.add(e.target());
        return d.facts();
    }

    @Override
    public TicketFacts on(TicketResolved e) {
        Draft d = progress(e);
        d.resolved = true;
        d.resolvedAt = e.at();
        return d.facts();
    }

    @Override
    public TicketFacts on(ResolutionRejected e) {
        Draft d = progress(e);
        d.resolved = false;
        d.resolvedAt = null;
        return d.facts();
    }

    @Override
    public TicketFacts on(TicketClosed e) {
        Draft d = progress(e);
        d.closed = true;
        return d.facts();
    }

    // progress that changes no other fact

    @Override
    public TicketFacts on(MessageAdded e) {
        return progress(e).facts();
    }

    @Override
    public TicketFacts on(PriorityHandlingRefused e) {
        return progress(e).facts();
    }

    @Override
    public TicketFacts on(TicketPutOnHold e) {
        return progress(e).facts();
    }

    @Override
    public TicketFacts on(TicketResumed e) {
        return progress(e).facts();
    }

    // the customer's requests: not progress

    @Override
    public TicketFacts on(PriorityHandlingRequested e) {
        return new Draft(facts, facts.lastProgressAt()).facts();
    }

    @Override
    public TicketFacts on(SeverityReviewRequested e) {
        return new Draft(facts, facts.lastProgressAt()).facts();
    }

    // the vendor's note to itself: nothing the customer sees moved, so not progress
    @Override
    public TicketFacts on(InternalNoteAdded e) {
        return new Draft(facts, facts.lastProgressAt()).facts();
    }

    // billing, not work on the ticket: not progress

    @Override
    public TicketFacts on(TicketScopeFlagged e) {
        return new Draft(facts, facts.lastProgressAt()).facts();
    }

    private Draft progress(TicketEvent e) {
        return new Draft(facts, e.at());
    }

    /** The facts being changed by one event. */
    private static final class Draft {
        private final TicketFacts from;
        private final Instant lastProgressAt;
        private final Set<EscalationTarget> escalated;
        private Severity severity;
        private boolean priority;
        private SupportLevel level;
        private Instant levelSince;
        private boolean acknowledged;
        private boolean resolved;
        private boolean closed;
        private Instant resolvedAt;

        Draft(TicketFacts from, Instant lastProgressAt) {
            this.from = from;
            this.lastProgressAt = lastProgressAt;
            this.escalated = from.escalatedTo().isEmpty()
                    ? EnumSet.noneOf(EscalationTarget.class)
                    : EnumSet.copyOf(from.escalatedTo());
            this.severity = from.severity();
            this.priority = from.priority();
            this.level = from.level();
            this.levelSince = from.levelSince();
            this.acknowledged = from.acknowledged();
            this.resolved = from.resolved();
            this.closed = from.closed();
            this.resolvedAt = from.resolvedAt();
        }

        TicketFacts facts() {
            return new TicketFacts(
                    from.ticketId(),
                    from.accountId(),
                    severity,
                    from.impact(),
                    priority,
                    level,
                    acknowledged,
                    resolved,
                    closed,
                    from.openedAt(),
                    lastProgressAt,
                    levelSince,
                    escalated,
                    resolvedAt);
        }
    }
}
