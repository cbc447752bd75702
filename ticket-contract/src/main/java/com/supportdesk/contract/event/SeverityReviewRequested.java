package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Severity;
import java.time.Instant;

@Description("The customer asked for a severity review.")
public record SeverityReviewRequested(
        String ticketId,
        String accountId,
        Severity currentSeverity,
        Severity requestedSeverity,
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
