package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.util.List;

@Description("A message between customer and support; allowed until the ticket is resolved.")
public record AddMessage(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,

        @Description("Id of the message (UUID), chosen by the sender so a retry is recognised.") @MaxLength(64)
        String messageId,

        @MaxLength(20000) String body,

        @OptionalField @Description("Files uploaded with POST /api/attachments (their ids), at most 10.") @MaxLength(10)
        List<String> attachments)
        implements TicketCommand {

    /** Without attachments. */
    public AddMessage(String ticketId, String messageId, String body) {
        this(ticketId, messageId, body, null);
    }
}
