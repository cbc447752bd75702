package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import java.time.Instant;

@Description(
        "A notification could not be delivered: no recipient, or every attempt failed and it was parked in the dead-letter store (replayable through REST).")
public record NotificationFailed(
        @Description("Delivery id (absent when there was no recipient at all).") @OptionalField
        String notificationId,

        @Description("Ticket or outage id.") String subjectId,
        @OptionalField String accountId,
        NotificationChannel channel,
        NotificationKind kind,

        @OptionalField @Description("E-mail address, or webhook subscription id.")
        String recipient,

        @Description("Id (ce_id) of the event that caused it.")
        String triggerId,

        @Description("Type (ce_type) of the event that caused it.")
        String triggerType,

        @Description("Why, in words a person reads.") String reason,

        @Description("Parked in the dead-letter store (true) or given up without a delivery (false).")
        boolean parked,

        int attempts,
        Instant at)
        implements NotificationEvent {
    @Override
    public <R> R accept(NotificationEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
