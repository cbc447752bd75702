package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;

@Description("A clock stopped within its target.")
public record SlaMet(
        String ticketId,
        String accountId,
        ClockKind clock,
        @Description("SLA policy (support plan) in force.") String policy,

        @Description("Calendar whose business hours the clock counts.")
        String calendar,

        Severity severity,

        @Description("Target in business time (ISO-8601 duration).")
        Duration target,

        @Description("Business time elapsed so far.") Duration elapsed,
        Instant deadline,
        Instant at)
        implements SlaEvent {
    @Override
    public <R> R accept(SlaEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
