package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import java.time.Instant;

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

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
