package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.SupportLevel;
import java.time.Instant;

@Description("Functional transfer between support levels.")
public record TicketTransferred(
        String ticketId,
        String accountId,
        SupportLevel fromLevel,
        SupportLevel toLevel,
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
