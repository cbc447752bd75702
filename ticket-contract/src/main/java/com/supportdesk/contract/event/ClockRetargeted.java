package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.RetargetReason;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;

@Description(
        "The clock's target or deadline moved: the severity changed (a new target), its calendar changed or an exceptional event was declared on it (a new deadline), or its policy changed and the change was applied to running clocks. The clock keeps the business time it has used.")
public record ClockRetargeted(
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
        Severity previousSeverity,
        @OptionalField Duration previousTarget,

        @OptionalField @Description("Absent when the clock is paused.")
        Instant deadline,

        Instant at,

        @OptionalField @Description("Why it moved; absent in records published before 1.1 (a severity change).")
        RetargetReason reason,

        @OptionalField @Description("For a calendar change: the calendar's version the new deadline is counted on.")
        Integer calendarVersion,

        @OptionalField
        @Description("For a policy change applied to running clocks: the policy's version the new target comes from.")
        Integer policyVersion)
        implements SlaEvent {
    @Override
    public <R> R accept(SlaEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }

    /** A severity change, as published before the reason was added. */
    public ClockRetargeted(
            String ticketId,
            String accountId,
            ClockKind clock,
            String policy,
            String calendar,
            Severity severity,
            Duration target,
            Duration elapsed,
            Severity previousSeverity,
            Duration previousTarget,
            Instant deadline,
            Instant at) {
        this(
                ticketId,
                accountId,
                clock,
                policy,
                calendar,
                severity,
                target,
                elapsed,
                previousSeverity,
                previousTarget,
                deadline,
                at,
                RetargetReason.SEVERITY_RECLASSIFIED,
                null,
                null);
    }
}
