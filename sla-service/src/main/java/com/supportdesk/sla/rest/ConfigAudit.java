package com.supportdesk.sla.rest;

import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.audit.AuditTrail;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit record of a configuration change (a calendar, region or policy version): its version and changes. */
final class ConfigAudit {

    private ConfigAudit() {}

    static Outbox.Outgoing entry(AuditTrail audit, String action, ConfigRow row) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", row.version());
        details.put("changes", row.changes());
        return audit.entry(action, row.kind(), row.id(), null, details);
    }
}
