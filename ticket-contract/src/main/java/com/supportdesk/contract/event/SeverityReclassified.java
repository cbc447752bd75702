package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Severity;
import java.time.Instant;

@Description("The service desk changed the severity; SLA clocks re-target.")
public record SeverityReclassified(
        String ticketId,
        String accountId,
        Severity fromSeverity,
        Severity toSeverity,

        @Description("Whether the ticket is a priority ticket after the change.")
        boolean priority,

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
