package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.OutageNoticeVerdict;
import java.time.Instant;

@Description(
        "The unplanned-outage rule decided for one affected account: notified, recorded only (outside support hours), or too short to notify.")
public record OutageNoticeDecided(
        String outageId,
        String accountId,
        String application,
        Instant startedAt,

        @OptionalField @Description("Absent while the outage goes on.")
        Instant endedAt,

        OutageNoticeVerdict verdict,

        @Description("Distinct e-mail recipients told (0 unless NOTIFIED).")
        int recipients,

        @Description("Why, in words a person reads.") String reason,
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
