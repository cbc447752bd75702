package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.model.ClosureReason;
import java.time.Instant;

@Description("The ticket is closed; it accepts nothing more and cannot be reopened.")
public record TicketClosed(
        String ticketId,
        String accountId,
        ClosureReason closure,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
