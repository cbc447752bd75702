package com.supportdesk.sla.store;

import java.time.Instant;
import java.util.List;

/**
 * One version of one configuration item (a calendar; later regions and policies), as stored in {@code sla_config}.
 *
 * @param seq        the order of all changes: every instance applies them in it
 * @param definition the item's JSON; null when deleted
 * @param changes    what changed from the previous version, one line each
 */
public record ConfigRow(
        long seq,
        String kind,
        String id,
        int version,
        boolean deleted,
        String definition,
        List<String> changes,
        String changedBy,
        Instant at) {

    public static final String CALENDAR = "calendar";
    public static final String REGION = "region";
    public static final String POLICY = "policy";

    /** The key on the sla-config topic. */
    public String key() {
        return kind + ":" + id;
    }
}
