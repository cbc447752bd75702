package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;

@Description("The ticket is now handled as a priority ticket.")
public record PriorityHandlingGranted(
        String ticketId,
        String accountId,
        @OptionalField String reason,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
