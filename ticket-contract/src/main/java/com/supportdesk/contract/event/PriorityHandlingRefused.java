package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import java.time.Instant;

@Description("A request for priority handling was refused; the reason says why.")
public record PriorityHandlingRefused(
        String ticketId,
        String accountId,
        String reason,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
