package com.supportdesk.ticket.command;

import com.supportdesk.support.audit.AuditTrail;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Who sent an administrative command (accounts, outages, maintenance) and from where, as metadata of the command
 * and, copied by a correlation data provider, of the events it applies; {@code EventRelay} turns those events into
 * entries of the audit trail. Ticket commands carry none of it (their events are their own trail).
 */
public final class AuditMetaData {
    public static final String ACTOR = "auditActor";
    public static final String ACTOR_NAME = "auditActorName";
    public static final String ROLES = "auditRoles";
    public static final String CLIENT = "auditClient";
    public static final String ADDRESS = "auditAddress";
    public static final List<String> KEYS = List.of(ACTOR, ACTOR_NAME, ROLES, CLIENT, ADDRESS);

    private AuditMetaData() {}

    public static Map<String, Object> of(AuditTrail.Origin origin) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (origin == null) {
            return meta;
        }
        put(meta, ACTOR, origin.actor());
        put(meta, ACTOR_NAME, origin.actorName());
        put(meta, ROLES, String.join(",", origin.roles()));
        put(meta, CLIENT, origin.clientId());
        put(meta, ADDRESS, origin.address());
        return meta;
    }

    private static void put(Map<String, Object> meta, String key, String value) {
        if (value != null && !value.isEmpty()) {
            meta.put(key, value);
        }
    }

    /** The origin an event's metadata names; {@code by} (the event's own field) when it names none. */
    public static AuditTrail.Origin origin(MetaData meta, String by) {
        String roles = text(meta, ROLES);
        String actor = text(meta, ACTOR);
        return new AuditTrail.Origin(
                actor == null ? by : actor,
                text(meta, ACTOR_NAME) == null ? by : text(meta, ACTOR_NAME),
                roles == null ? List.of() : Arrays.asList(roles.split(",")),
                text(meta, CLIENT),
                text(meta, ADDRESS));
    }

    private static String text(MetaData meta, String key) {
        Object v = meta.get(key);
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }
}
