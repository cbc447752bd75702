package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import java.time.Instant;

@Description(
        "A planned maintenance was announced to one account: how many business days of notice it gave against the 10 required; short notice is flagged.")
public record MaintenanceNoticeJudged(
        String outageId,
        String accountId,
        String application,
        Instant windowStart,
        Instant windowEnd,

        @Description("Business days of the account's region from the announcement to the window.")
        long businessDaysNotice,

        int requiredBusinessDays,

        @Description("False: less notice than required (flagged).")
        boolean sufficient,

        @Description("An emergency or security fix: as much notice as possible.")
        boolean emergency,

        @Description("Distinct e-mail recipients told.") int recipients,
        Instant at)
        implements NotificationEvent {
    @Override
    public <R> R accept(NotificationEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }

    @Override
    public String subjectId() {
        return outageId;
    }
}
