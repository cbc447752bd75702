package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.util.List;

@Description(
        "Everything the services need to know about a client account: region, language, contract, contacts, outage list.")
public record AccountProfile(
        @MaxLength(200) String name,
        Region region,

        @Description("Support language; must be one the region supports.")
        SupportLanguage language,

        @Description("Support plan (contract) id, e.g. standard, tiered-1, tiered-2, tiered-3.") @MaxLength(64)
        String supportPlan,

        @Description("Primary designated support contact.") Contact primaryContact,
        @Description("Backup designated support contact.") Contact backupContact,
        Contact strategicAccountManager,

        @OptionalField @Description("E-mail addresses told about unplanned outages.") @MaxLength(200)
        List<String> outageNotificationList,

        @OptionalField @Description("Applications the account uses.") @MaxLength(200)
        List<String> applications,

        @OptionalField @Description("The vendor revoked the right to request priority handling.")
        Boolean priorityHandlingRevoked) {

    public boolean isDesignatedContact(String userId) {
        return userId != null && (userId.equals(primaryContact.userId()) || userId.equals(backupContact.userId()));
    }
}
