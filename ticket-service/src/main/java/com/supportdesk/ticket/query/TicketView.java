package com.supportdesk.ticket.query;

import com.supportdesk.contract.model.Attachment;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.model.TicketStatus;
import com.supportdesk.contract.model.Urgency;
import java.time.Instant;
import java.util.List;

/** What {@code GET /api/tickets/{id}} answers: the current state of a ticket, folded from its own events. */
public record TicketView(
        String id,
        String reference,
        String accountId,
        TicketKind kind,
        TicketStatus status,
        Severity severity,
        Impact impact,
        Urgency urgency,
        boolean priority,
        boolean priorityRequested,
        SupportLevel level,
        String title,
        String description,
        String application,
        String relatedTicketId,
        /** Files attached at opening (metadata; GET /api/tickets/{id}/attachments/{attachmentId} has the bytes). */
        List<Attachment> attachments,
        String openedBy,
        Instant openedAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        ResolutionKind resolution,
        /** Support's solution, as the resolution stated it (until a rejection or a resume reopens the ticket). */
        String solution,
        Instant closedAt,
        ClosureReason closure,
        List<EscalationTarget> escalations,
        List<Message> messages,
        /**
         * Notes between the vendor's people (oldest first): only for vendor callers; absent for everybody else
         * (customers, designated contacts, partners).
         */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        List<Note> internalNotes,

        boolean nonStandard,
        String scopeReason,
        long version) {

    /** A note of the vendor's people, never shown to the customer's side. */
    public record Note(String id, String by, String body, Instant at, List<Attachment> attachments) {}

    /** The ticket as someone outside the vendor sees it: without the internal notes. */
    public TicketView withoutInternalNotes() {
        return new TicketView(
                id,
                reference,
                accountId,
                kind,
                status,
                severity,
                impact,
                urgency,
                priority,
                priorityRequested,
                level,
                title,
                description,
                application,
                relatedTicketId,
                attachments,
                openedBy,
                openedAt,
                acknowledgedAt,
                resolvedAt,
                resolution,
                solution,
                closedAt,
                closure,
                escalations,
                messages,
                null,
                nonStandard,
                scopeReason,
                version);
    }

    public record Message(
            String id, String by, boolean fromCustomer, String body, Instant at, List<Attachment> attachments) {}

    /** An attachment of the ticket or of one of its messages. */
    public java.util.Optional<Attachment> attachment(String attachmentId) {
        return java.util.stream.Stream.of(
                        attachments.stream(),
                        messages.stream().flatMap(m -> m.attachments().stream()),
                        internalNotes == null
                                ? java.util.stream.Stream.<Attachment>empty()
                                : internalNotes.stream().flatMap(n -> n.attachments().stream()))
                .flatMap(f -> f)
                .filter(a -> a.id().equals(attachmentId))
                .findFirst();
    }
}
