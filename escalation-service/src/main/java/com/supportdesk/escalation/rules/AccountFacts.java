package com.supportdesk.escalation.rules;

import com.supportdesk.contract.model.Contact;

/** What escalation-service knows of an account, from account-events. */
public record AccountFacts(
        String accountId,
        String region,
        String plan,
        boolean priorityRevoked,
        Contact primaryContact,
        Contact backupContact,
        Contact strategicAccountManager) {

    public boolean isDesignatedContact(String userId) {
        return userId != null
                && ((primaryContact != null && userId.equals(primaryContact.userId()))
                        || (backupContact != null && userId.equals(backupContact.userId())));
    }
}
