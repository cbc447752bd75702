package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Attachment;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.model.Urgency;
import java.time.Instant;
import java.util.List;

@Description("A ticket was opened; the reference number is what the customer quotes.")
public record TicketOpened(
        String ticketId,
        String accountId,

        @Description("Human reference number, e.g. TKT-000042.")
        String reference,

        TicketKind kind,
        Severity severity,
        Impact impact,
        @OptionalField Urgency urgency,

        @Description("Sev 1 and Sev 2 tickets are priority tickets from the start.")
        boolean priority,

        SupportLevel level,
        String title,
        String description,
        @OptionalField String application,
        @OptionalField String relatedTicketId,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at,

        @OptionalField
        @Description(
                "E-mail address of the customer or contact who opened it, from their identity: the receipt goes there too.")
        String reporterEmail,

        @OptionalField @Description("Files attached at opening (metadata only).")
        List<Attachment> attachments)
        implements TicketEvent {

    /** Without attachments. */
    public TicketOpened(
            String ticketId,
            String accountId,
            String reference,
            TicketKind kind,
            Severity severity,
            Impact impact,
            Urgency urgency,
            boolean priority,
            SupportLevel level,
            String title,
            String description,
            String application,
            String relatedTicketId,
            String by,
            Instant at,
            String reporterEmail) {
        this(
                ticketId,
                accountId,
                reference,
                kind,
                severity,
                impact,
                urgency,
                priority,
                level,
                title,
                description,
                application,
                relatedTicketId,
                by,
                at,
                reporterEmail,
                null);
    }

    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }

    /** Without the reporter's address (opened by the vendor's staff, or before identities were known). */
    public TicketOpened(
            String ticketId,
            String accountId,
            String reference,
            TicketKind kind,
            Severity severity,
            Impact impact,
            Urgency urgency,
            boolean priority,
            SupportLevel level,
            String title,
            String description,
            String application,
            String relatedTicketId,
            String by,
            Instant at) {
        this(
                ticketId,
                accountId,
                reference,
                kind,
                severity,
                impact,
                urgency,
                priority,
                level,
                title,
                description,
                application,
                relatedTicketId,
                by,
                at,
                null,
                null);
    }
}
