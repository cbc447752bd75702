package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Attachment;
import java.time.Instant;
import java.util.List;

@Description("A message between customer and support.")
public record MessageAdded(
        String ticketId,
        String accountId,
        String messageId,
        String body,

        @Description("Whether the author is on the customer's side (customer or designated contact).")
        boolean fromCustomer,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at,

        @OptionalField @Description("Files attached to the message (metadata only).")
        List<Attachment> attachments)
        implements TicketEvent {

    /** Without attachments. */
    public MessageAdded(
            String ticketId,
            String accountId,
            String messageId,
            String body,
            boolean fromCustomer,
            String by,
            Instant at) {
        this(ticketId, accountId, messageId, body, fromCustomer, by, at, null);
    }

    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
