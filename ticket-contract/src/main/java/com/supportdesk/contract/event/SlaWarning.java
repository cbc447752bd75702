package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;

@Description(
        "A clock used a warning share of its target (e.g. 75 %, 90 %), or reached a warning set as a time before its deadline.")
public record SlaWarning(
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

        @Description("Share of the target used, in percent.")
        int percent,

        Instant deadline,
        Instant at,

        @OptionalField
        @Description("For a warning set as a time before the deadline (e.g. 30): the minutes it was set at; percent is "
                + "then the share of the target used when it fired.")
        Integer minutesBefore)
        implements SlaEvent {

    /** A warning set as a share of the target. */
    public SlaWarning(
            String ticketId,
            String accountId,
            ClockKind clock,
            String policy,
            String calendar,
            Severity severity,
            Duration target,
            Duration elapsed,
            int percent,
            Instant deadline,
            Instant at) {
        this(ticketId, accountId, clock, policy, calendar, severity, target, elapsed, percent, deadline, at, null);
    }

    @Override
    public <R> R accept(SlaEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
