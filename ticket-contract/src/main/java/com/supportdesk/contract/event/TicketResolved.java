package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import java.time.Instant;

@Description("Support resolved the ticket.")
public record TicketResolved(
        String ticketId,
        String accountId,
        ResolutionKind resolution,
        String summary,
        Severity severity,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
