package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.Pattern;
import java.util.List;
import java.util.Optional;

@Description(
        "Everything the services need to know about a client account: region, language, contract, contacts, outage list.")
public record AccountProfile(
        @MaxLength(200) String name,

        @Description("Support region: one sla-service has configured (GET /api/sla/regions), e.g. EUROPE, ASIA, "
                + "AMERICAS (the shipped ones) or one an administrator added. Decides the calendar of the "
                + "account's support hours and the languages it may choose.")
        @Pattern(Region.ID_PATTERN)
        @MaxLength(Region.ID_MAX_LENGTH)
        String region,

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
        Boolean priorityHandlingRevoked,

        @OptionalField
        @Description("Service programme: STARS_3 (portal only, the default), STARS_4 (portal and support line), "
                + "STARS_5 (portal and support line with extended hours). Decides the work order with urgency and "
                + "arrival.")
        PlanLevel planLevel,

        @OptionalField
        @Description("What the contract covers as standard support. A ticket no line covers is flagged non-standard "
                + "(billable on request), never refused. Absent: everything is standard.")
        @MaxLength(100)
        List<ScopeItem> standardScope) {

    /** A profile without plan level or scope (the profile as it was before they existed). */
    public AccountProfile(
            String name,
            String region,
            SupportLanguage language,
            String supportPlan,
            Contact primaryContact,
            Contact backupContact,
            Contact strategicAccountManager,
            List<String> outageNotificationList,
            List<String> applications,
            Boolean priorityHandlingRevoked) {
        this(
                name,
                region,
                language,
                supportPlan,
                primaryContact,
                backupContact,
                strategicAccountManager,
                outageNotificationList,
                applications,
                priorityHandlingRevoked,
                null,
                null);
    }

    /** Why a ticket of this kind about this application is outside the standard scope; empty when it is inside. */
    public Optional<String> outOfScope(TicketKind kind, String application) {
        if (standardScope == null || standardScope.isEmpty()) {
            return Optional.empty();
        }
        if (standardScope.stream().anyMatch(s -> s.covers(kind, application))) {
            return Optional.empty();
        }
        return Optional.of("no line of the standard scope of contract " + supportPlan + " covers "
                + (kind == TicketKind.INCIDENT ? "an incident" : "a service request")
                + (application == null ? " without an application" : " about " + application));
    }

    /** The same profile with another outage notification list. */
    public AccountProfile withOutageNotificationList(List<String> list) {
        return new AccountProfile(
                name,
                region,
                language,
                supportPlan,
                primaryContact,
                backupContact,
                strategicAccountManager,
                list,
                applications,
                priorityHandlingRevoked,
                planLevel,
                standardScope);
    }

    public boolean isDesignatedContact(String userId) {
        return userId != null && (userId.equals(primaryContact.userId()) || userId.equals(backupContact.userId()));
    }
}
