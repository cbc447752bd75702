package com.supportdesk.ticket.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.supportdesk.contract.command.*;
import com.supportdesk.contract.event.*;
import com.supportdesk.contract.model.*;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * The ticket lifecycle of docs/domain.md: open -> acknowledged -> (transfers, escalations, waiting on customer) ->
 * resolved -> closed. Command handlers check the rules and apply events; only event sourcing handlers change state.
 */
public class Ticket {

    @AggregateIdentifier
    private String ticketId;

    private String accountId;
    private TicketStatus status;
    private Severity severity;
    private boolean priorityGranted;
    private boolean priorityRequestPending;
    private SupportLevel level;
    private Instant openedAt;
    private boolean nonStandard;
    private final Set<EscalationTarget> escalatedTo = EnumSet.noneOf(EscalationTarget.class);
    private final Set<String> messageIds = new HashSet<>();
    private final Set<String> noteIds = new HashSet<>();

    protected Ticket() {
        // for Axon
    }

    @CommandHandler
    public Ticket(OpenTicket cmd, MetaData meta, Clock clock, ReferenceNumbers references) {
        Actor actor = Actor.from(meta);
        Impact impact = cmd.impact() == null ? Impact.STANDARD : cmd.impact();
        apply(new TicketOpened(
                cmd.ticketId(),
                cmd.accountId(),
                references.next(),
                cmd.kind(),
                cmd.severity(),
                impact,
                cmd.urgency(),
                cmd.severity().priorityByDefault(),
                SupportLevel.L1,
                cmd.title(),
                cmd.description(),
                cmd.application(),
                cmd.relatedTicketId(),
                actor.userId(),
                clock.instant(),
                actor.isCustomerSide() ? actor.email() : null,
                attachments(meta)));
        Object outOfScope = meta.get(OUT_OF_SCOPE);
        if (outOfScope instanceof String reason) {
            // the scope rule's finding (CommandService read the account's standard scope): flagged, never refused
            apply(new TicketScopeFlagged(
                    cmd.ticketId(), cmd.accountId(), true, reason, true, actor.userId(), clock.instant()));
        }
    }

    /**
     * The metadata key under which {@link CommandService} passes an opening the reason it falls outside the account's
     * standard scope.
     */
    public static final String OUT_OF_SCOPE = "outOfScope";

    /**
     * The metadata key under which {@link CommandService} passes the metadata of the uploads a command references
     * (it checked they are the sender's and claimed them), as JSON.
     */
    public static final String ATTACHMENTS = "attachments";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    static String attachmentsJson(List<com.supportdesk.contract.model.Attachment> attachments) {
        try {
            return JSON.writeValueAsString(attachments);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attachments the command carries, or null when it carries none (the events' field stays absent). */
    static List<com.supportdesk.contract.model.Attachment> attachments(MetaData meta) {
        if (!(meta.get(ATTACHMENTS) instanceof String json)) {
            return null;
        }
        try {
            return List.of(JSON.readValue(json, com.supportdesk.contract.model.Attachment[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @CommandHandler
    public void handle(FlagScope cmd, MetaData meta, Clock clock) {
        requireNotClosed();
        if (cmd.nonStandard() == nonStandard) {
            throw new RuleViolation(
                    "scope-unchanged",
                    "Ticket " + ticketId + " is already " + (nonStandard ? "non-standard" : "standard"));
        }
        apply(new TicketScopeFlagged(
                ticketId, accountId, cmd.nonStandard(), cmd.reason(), false, by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(AcknowledgeTicket cmd, MetaData meta, Clock clock) {
        requireNotClosed();
        if (status != TicketStatus.OPEN) {
            throw new RuleViolation("already-acknowledged", "Ticket " + ticketId + " is already acknowledged");
        }
        apply(new TicketAcknowledged(ticketId, accountId, severity, cmd.note(), openedAt, by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(ReclassifySeverity cmd, MetaData meta, Clock clock) {
        requireActive("reclassified");
        if (cmd.severity() == severity) {
            throw new RuleViolation("severity-unchanged", "Ticket " + ticketId + " is already " + severity);
        }
        boolean priorityAfter = cmd.severity().priorityByDefault() || priorityGranted;
        apply(new SeverityReclassified(
                ticketId, accountId, severity, cmd.severity(), priorityAfter, cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(RequestSeverityReview cmd, MetaData meta, Clock clock) {
        requireActive("reviewed");
        if (cmd.requestedSeverity() == severity) {
            throw new RuleViolation("severity-unchanged", "Ticket " + ticketId + " is already " + severity);
        }
        apply(new SeverityReviewRequested(
                ticketId, accountId, severity, cmd.requestedSeverity(), cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(AddMessage cmd, MetaData meta, Clock clock) {
        requireNotClosed();
        if (status == TicketStatus.RESOLVED) {
            throw new RuleViolation(
                    "ticket-resolved",
                    "Ticket " + ticketId + " is resolved: messages are allowed until resolution; confirm or reject it");
        }
        if (messageIds.contains(cmd.messageId())) {
            return; // the same message sent twice is recorded once
        }
        apply(new MessageAdded(
                ticketId,
                accountId,
                cmd.messageId(),
                cmd.body(),
                Actor.from(meta).isCustomerSide(),
                by(meta),
                clock.instant(),
                attachments(meta)));
    }

    @CommandHandler
    public void handle(AddInternalNote cmd, MetaData meta, Clock clock) {
        // in every state: agents note what they found also after the resolution or the close
        if (noteIds.contains(cmd.noteId())) {
            return; // the same note sent twice is recorded once
        }
        apply(new InternalNoteAdded(
                ticketId, accountId, cmd.noteId(), cmd.body(), by(meta), clock.instant(), attachments(meta)));
    }

    @CommandHandler
    public void handle(RequestPriorityHandling cmd, MetaData meta, Clock clock) {
        requireActive("marked priority");
        if (isPriority()) {
            throw new RuleViolation("already-priority", "Ticket " + ticketId + " is already a priority ticket");
        }
        if (priorityRequestPending) {
            throw new RuleViolation(
                    "priority-request-pending", "Priority handling was already requested for ticket " + ticketId);
        }
        apply(new PriorityHandlingRequested(ticketId, accountId, severity, cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(GrantPriorityHandling cmd, MetaData meta, Clock clock) {
        requireActive("marked priority");
        if (priorityGranted) {
            throw new RuleViolation("already-priority", "Ticket " + ticketId + " is already a priority ticket");
        }
        apply(new PriorityHandlingGranted(ticketId, accountId, cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(RefusePriorityHandling cmd, MetaData meta, Clock clock) {
        requireNotClosed();
        if (!priorityRequestPending) {
            throw new RuleViolation("no-priority-request", "No priority request is pending on ticket " + ticketId);
        }
        apply(new PriorityHandlingRefused(ticketId, accountId, cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(TransferTicket cmd, MetaData meta, Clock clock) {
        requireActive("transferred");
        requireAcknowledged("transferred");
        if (!level.mayTransferTo(cmd.toLevel())) {
            throw new RuleViolation(
                    "illegal-transfer",
                    "Ticket " + ticketId + " cannot move from " + level + " to " + cmd.toLevel()
                            + " (one level at a time, or back to the service desk)");
        }
        apply(new TicketTransferred(
                ticketId, accountId, level, cmd.toLevel(), cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(EscalateTicket cmd, MetaData meta, Clock clock) {
        requireActive("escalated");
        if (escalatedTo.contains(cmd.target())) {
            throw new RuleViolation(
                    "already-escalated", "Ticket " + ticketId + " is already escalated to " + cmd.target());
        }
        apply(new TicketEscalated(
                ticketId, accountId, cmd.target(), severity, cmd.reason(), cmd.rule(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(PutTicketOnHold cmd, MetaData meta, Clock clock) {
        requireNotClosed();
        if (status != TicketStatus.IN_PROGRESS) {
            throw new RuleViolation(
                    "not-in-progress",
                    "Only a ticket in progress can wait on the customer; ticket " + ticketId + " is " + status);
        }
        apply(new TicketPutOnHold(ticketId, accountId, cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(ResumeTicket cmd, MetaData meta, Clock clock) {
        requireNotClosed();
        if (status != TicketStatus.WAITING_ON_CUSTOMER) {
            throw new RuleViolation("not-on-hold", "Ticket " + ticketId + " is not waiting on the customer");
        }
        apply(new TicketResumed(ticketId, accountId, by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(ResolveTicket cmd, MetaData meta, Clock clock) {
        requireActive("resolved");
        requireAcknowledged("resolved");
        apply(new TicketResolved(
                ticketId, accountId, cmd.resolution(), cmd.summary(), severity, by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(ConfirmResolution cmd, MetaData meta, Clock clock) {
        requireResolved("confirmed");
        apply(new TicketClosed(ticketId, accountId, ClosureReason.CONFIRMED_BY_CUSTOMER, by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(RejectResolution cmd, MetaData meta, Clock clock) {
        requireResolved("rejected");
        apply(new ResolutionRejected(ticketId, accountId, cmd.reason(), by(meta), clock.instant()));
    }

    @CommandHandler
    public void handle(CloseTicket cmd, MetaData meta, Clock clock) {
        requireResolved("closed");
        ClosureReason closure = cmd.closure() == null ? ClosureReason.CLOSED_BY_SUPPORT : cmd.closure();
        if (closure == ClosureReason.CONFIRMED_BY_CUSTOMER) {
            throw new RuleViolation("use-confirm", "The customer confirms a resolution with confirm, not close");
        }
        apply(new TicketClosed(ticketId, accountId, closure, by(meta), clock.instant()));
    }

    private boolean isPriority() {
        return severity.priorityByDefault() || priorityGranted;
    }

    private void requireNotClosed() {
        if (status == TicketStatus.CLOSED) {
            throw new RuleViolation(
                    "ticket-closed",
                    "Ticket " + ticketId
                            + " is closed: it accepts nothing more and cannot be reopened; open a new ticket referencing it");
        }
    }

    private void requireActive(String what) {
        requireNotClosed();
        if (status == TicketStatus.RESOLVED) {
            throw new RuleViolation(
                    "ticket-resolved",
                    "Ticket " + ticketId + " is resolved and cannot be " + what
                            + "; the customer may reject the resolution");
        }
    }

    private void requireAcknowledged(String what) {
        if (status == TicketStatus.OPEN) {
            throw new RuleViolation(
                    "not-acknowledged", "Ticket " + ticketId + " must be acknowledged before it is " + what);
        }
    }

    private void requireResolved(String what) {
        requireNotClosed();
        if (status != TicketStatus.RESOLVED) {
            throw new RuleViolation(
                    "not-resolved", "Ticket " + ticketId + " is " + status + "; only a resolved ticket can be " + what);
        }
    }

    private static String by(MetaData meta) {
        return Actor.from(meta).userId();
    }

    @EventSourcingHandler
    void on(TicketOpened e) {
        ticketId = e.ticketId();
        accountId = e.accountId();
        status = TicketStatus.OPEN;
        severity = e.severity();
        level = e.level();
        openedAt = e.at();
    }

    @EventSourcingHandler
    void on(TicketAcknowledged e) {
        status = TicketStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(SeverityReclassified e) {
        severity = e.toSeverity();
    }

    @EventSourcingHandler
    void on(MessageAdded e) {
        messageIds.add(e.messageId());
    }

    @EventSourcingHandler
    void on(InternalNoteAdded e) {
        noteIds.add(e.noteId());
    }

    @EventSourcingHandler
    void on(PriorityHandlingRequested e) {
        priorityRequestPending = true;
    }

    @EventSourcingHandler
    void on(PriorityHandlingGranted e) {
        priorityGranted = true;
        priorityRequestPending = false;
    }

    @EventSourcingHandler
    void on(PriorityHandlingRefused e) {
        priorityRequestPending = false;
    }

    @EventSourcingHandler
    void on(TicketTransferred e) {
        level = e.toLevel();
    }

    @EventSourcingHandler
    void on(TicketEscalated e) {
        escalatedTo.add(e.target());
    }

    @EventSourcingHandler
    void on(TicketPutOnHold e) {
        status = TicketStatus.WAITING_ON_CUSTOMER;
    }

    @EventSourcingHandler
    void on(TicketResumed e) {
        status = TicketStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(TicketResolved e) {
        status = TicketStatus.RESOLVED;
    }

    @EventSourcingHandler
    void on(ResolutionRejected e) {
        status = TicketStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(TicketScopeFlagged e) {
        nonStandard = e.nonStandard();
    }

    @EventSourcingHandler
    void on(TicketClosed e) {
        status = TicketStatus.CLOSED;
    }
}
