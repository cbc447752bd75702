package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.SupportLanguage;
import java.time.Instant;

@Description("A notification reached its recipient: the SMTP server accepted the e-mail, or the webhook answered 2xx.")
public record NotificationSent(
        @Description("Delivery id: one per triggering event and recipient (the idempotency key).")
        String notificationId,

        @Description("Ticket or outage id.") String subjectId,
        String accountId,
        NotificationChannel channel,
        NotificationKind kind,

        @Description("E-mail address, or webhook subscription id.")
        String recipient,

        @OptionalField @Description("Language of the e-mail.")
        SupportLanguage language,

        @OptionalField @Description("The account's language had no template; English was sent instead.")
        Boolean languageFallback,

        @Description("Id (ce_id) of the event that caused it.")
        String triggerId,

        @Description("Type (ce_type) of the event that caused it.")
        String triggerType,

        @Description("Attempts it took (1 = the first).") int attempts,
        Instant at,

        @OptionalField
        @Description(
                "Set when the e-mail was one digest of several notices to this recipient (a burst coalesced): the digest's id, also its Message-ID; every notice in it has its own notificationId and event.")
        String digestId)
        implements NotificationEvent {
    @Override
    public <R> R accept(NotificationEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
