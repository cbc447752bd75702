package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;

@Description("An SLA clock paused (the ticket waits on the customer).")
public record ClockPaused(
        String ticketId,
        String accountId,
        ClockKind clock,
        @Description("SLA policy (support plan) in force.") String policy,

        @Description("Calendar whose business hours the clock counts.")
        String calendar,

        Severity severity,

        @OptionalField @Description("Target in business time (ISO-8601 duration); absent: best effort, no objective.")
        Duration target,

        @Description("Business time elapsed so far.") Duration elapsed,
        Instant at)
        implements SlaEvent {
    @Override
    public <R> R accept(SlaEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
