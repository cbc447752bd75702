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

    /** Types only a subscription naming them exactly receives: no wildcard reaches them. */
    static final java.util.Set<String> ONLY_BY_NAME = java.util.Set.of(
            com.supportdesk.contract.wire.Catalog.of(com.supportdesk.contract.event.InternalNoteAdded.class)
                    .type());

    /**
     * Exact types, or prefixes ending in {@code *} ({@code support.ticket.*}); {@code *} alone is every type but those
     * {@link #ONLY_BY_NAME} (the vendor's internal notes go only where someone asked for them by name).
     */
    public static boolean typeMatches(List<String> patterns, String type) {
        boolean byNameOnly = ONLY_BY_NAME.contains(type);
        for (String p : patterns) {
            if (p.equals(type) || !byNameOnly && p.endsWith("*") && type.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
