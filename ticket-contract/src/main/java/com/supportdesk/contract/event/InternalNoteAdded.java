package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Attachment;
import java.time.Instant;
import java.util.List;

@Description("A note between the vendor's people about a ticket. Never shown to customer-side callers, never mailed to"
        + " customers, never delivered to a webhook subscription that does not name this type explicitly (a wildcard"
        + " such as support.ticket.* does not match it).")
public record InternalNoteAdded(
        String ticketId,
        String accountId,
        String noteId,
        String body,

        @Description("User id of who wrote it.") String by,

        Instant at,

        @OptionalField @Description("Files attached to the note (metadata only).")
        List<Attachment> attachments)
        implements TicketEvent {

    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
