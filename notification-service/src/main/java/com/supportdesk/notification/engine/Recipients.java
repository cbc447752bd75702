package com.supportdesk.notification.engine;

import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationTarget;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is told: an account's designated contacts, its outage notification list, and the escalation points. Addresses
 * are normalised (trimmed, lower case); anything that is not an address is left out.
 */
final class Recipients {
    private final Map<EscalationTarget, String> escalationAddresses;

    Recipients(Map<EscalationTarget, String> escalationAddresses) {
        this.escalationAddresses = escalationAddresses;
    }

    /** The designated contacts' addresses, without the person who caused the change; none for an unknown account. */
    static Set<String> contacts(AccountProfile account, String exceptUser) {
        Set<String> out = new LinkedHashSet<>();
        if (account == null) {
            return out;
        }
        for (Contact contact : new Contact[] {account.primaryContact(), account.backupContact()}) {
            if (contact != null && (exceptUser == null || !exceptUser.equals(contact.userId()))) {
                String a = address(contact.email());
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Who hears of an outage or a maintenance window: the designated contacts and the account's outage list. */
    static Set<String> outageAudience(AccountProfile account) {
        Set<String> to = contacts(account, null);
        if (account.outageNotificationList() != null) {
            for (String a : account.outageNotificationList()) {
                Optional.ofNullable(address(a)).ifPresent(to::add);
            }
        }
        return to;
    }

    /**
     * Where an escalation point is reached: the account's strategic account manager, or the configured address of a
     * point that is not a person of the account; null when there is none.
     */
    String escalationPoint(EscalationTarget target, AccountProfile account) {
        if (target == EscalationTarget.STRATEGIC_ACCOUNT_MANAGER) {
            Contact sam = account == null ? null : account.strategicAccountManager();
            return sam == null ? null : address(sam.email());
        }
        return address(escalationAddresses.get(target));
    }

    static String address(String email) {
        if (email == null || email.isBlank() || !email.contains("@")) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
