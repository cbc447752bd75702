package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import java.time.Instant;

@Description("The ticket is worked again; SLA clocks resume.")
public record TicketResumed(
        String ticketId,
        String accountId,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
