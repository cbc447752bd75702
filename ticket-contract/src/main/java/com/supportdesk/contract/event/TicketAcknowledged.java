package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Severity;
import java.time.Instant;

@Description("First response: the response time is opening -> acknowledgement.")
public record TicketAcknowledged(
        String ticketId,
        String accountId,
        Severity severity,
        @OptionalField String note,

        @Description("When the ticket was opened, so the response time can be computed without the history.")
        Instant openedAt,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
