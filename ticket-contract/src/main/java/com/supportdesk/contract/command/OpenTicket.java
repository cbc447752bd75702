package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.model.Urgency;
import java.util.List;

@Description(
        "Open a ticket for a client account. The ticket id is chosen by the sender (a UUID) so that a retried command is recognised; the service answers with a reference number.")
public record OpenTicket(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @MaxLength(64) String accountId,
        TicketKind kind,

        @Description("Severity proposed by the customer; the service desk may reclassify it.")
        Severity severity,

        @OptionalField Impact impact,
        @OptionalField Urgency urgency,
        @MaxLength(200) String title,
        @MaxLength(20000) String description,

        @OptionalField @Description("Application or service concerned.") @MaxLength(100)
        String application,

        @OptionalField
        @Description("A closed ticket this one follows up (closed tickets cannot be reopened).")
        @MaxLength(64)
        String relatedTicketId,

        @OptionalField @Description("Files uploaded with POST /api/attachments (their ids), at most 10.") @MaxLength(10)
        List<String> attachments)
        implements TicketCommand {

    /** Without attachments. */
    public OpenTicket(
            String ticketId,
            String accountId,
            TicketKind kind,
            Severity severity,
            Impact impact,
            Urgency urgency,
            String title,
            String description,
            String application,
            String relatedTicketId) {
        this(
                ticketId,
                accountId,
                kind,
                severity,
                impact,
                urgency,
                title,
                description,
                application,
                relatedTicketId,
                null);
    }
}
