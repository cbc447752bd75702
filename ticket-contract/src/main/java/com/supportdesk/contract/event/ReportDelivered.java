package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.model.SupportLanguage;
import java.time.Instant;

@Description(
        "A monthly service level report reached a designated contact: the SMTP server accepted the e-mail (HTML body in the account's language, CSV attached). One per contact and issue; a resend is a new issue, never the same one twice.")
public record ReportDelivered(
        @Description("Delivery id (also the e-mail's Message-ID): one per issue and recipient.")
        String deliveryId,

        @Description("report:<accountId>:<month>.") String subjectId,
        String accountId,
        @Description("The month reported on, yyyy-MM.") String month,

        @Description("0: the scheduled delivery; 1, 2, ...: resends.")
        int issue,

        boolean resend,

        @Description("E-mail address of the designated contact.")
        String recipient,

        SupportLanguage language,

        @Description("Id (ce_id) of the support.report.issued.v1 event it delivers.")
        String issuedId,

        @Description("Attempts it took (1 = the first).") int attempts,
        Instant at)
        implements NotificationEvent {
    @Override
    public <R> R accept(NotificationEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
