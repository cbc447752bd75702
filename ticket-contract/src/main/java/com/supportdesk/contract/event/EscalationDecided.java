package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.SupportLevel;
import java.time.Instant;

@Description("escalation-service decided to act on a ticket: the rule that fired, why, and the command it sent.")
public record EscalationDecided(
        String ticketId,
        String accountId,

        @Description("Name of the rule that fired, e.g. priority-request, priority-breach, critical-situation.")
        String rule,

        EscalationAction action,

        @OptionalField @Description("Escalation point, for ESCALATE.")
        EscalationTarget target,

        @OptionalField @Description("New support level, for TRANSFER.")
        SupportLevel toLevel,

        @Description("Why, in words a person reads.") String reason,

        @OptionalField @Description("Person notified: the strategic account manager's user id, for example.")
        String notifies,

        @OptionalField @Description("Id (ce_id) of the event that triggered the decision; absent for a timer.")
        String triggerId,

        @Description("Id (ce_id) of the command sent on ticket-commands.")
        String commandId,

        Instant at)
        implements EscalationEvent {
    @Override
    public <R> R accept(EscalationEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
