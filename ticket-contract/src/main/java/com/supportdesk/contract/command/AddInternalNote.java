package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.util.List;

@Description("A note for the vendor's people only (agents and engineers), never shown or sent to the customer's side;"
        + " allowed in every state of the ticket.")
public record AddInternalNote(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,

        @Description("Id of the note (UUID), chosen by the sender so a retry is recognised.") @MaxLength(64)
        String noteId,

        @MaxLength(20000) String body,

        @OptionalField @Description("Files uploaded with POST /api/attachments (their ids), at most 10.") @MaxLength(10)
        List<String> attachments)
        implements TicketCommand {

    /** Without attachments. */
    public AddInternalNote(String ticketId, String noteId, String body) {
        this(ticketId, noteId, body, null);
    }
}
