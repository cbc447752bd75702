package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Severity;
import java.time.Instant;

@Description("The ticket was escalated to an escalation point.")
public record TicketEscalated(
        String ticketId,
        String accountId,
        EscalationTarget target,
        Severity severity,
        @OptionalField String reason,
        @OptionalField String rule,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
