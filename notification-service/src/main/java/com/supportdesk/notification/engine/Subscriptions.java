package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore.Subscription;
import java.util.List;

/** Which events a webhook subscription receives: a matching type, and an account it is entitled to. */
public final class Subscriptions {
    private Subscriptions() {}

    /**
     * @param type     the event's ce_type
     * @param accounts the accounts the event concerns (one for a ticket event; the affected ones for an outage)
     */
    public static boolean wants(Subscription s, String type, List<String> accounts) {
        return typeMatches(s.eventTypes(), type) && accounts.stream().anyMatch(s.accounts()::contains);
    }

    /** Exact types, or prefixes ending in {@code *} ({@code support.ticket.*}); {@code *} alone is every type. */
    public static boolean typeMatches(List<String> patterns, String type) {
        for (String p : patterns) {
            if (p.equals(type) || p.endsWith("*") && type.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
