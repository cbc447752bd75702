package com.supportdesk.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's counters recomputed from scratch, by scanning a read model's ticket rows and event log (from their
 * base columns: status, severity, deadlines, outcomes, each clock's breach): what the projector's maintained counters
 * must equal. One statement, so one snapshot even while the projector writes.
 */
public final class FigureRecount {
    private FigureRecount() {}

    /** Both sets of counters of the read model whose tables end in {@code suffix}, zeros left out. */
    private static Map<String, Long> scan(Connection c, String suffix) throws SQLException {
        String tickets = "reporting.rpt_ticket" + suffix;
        String events = "reporting.rpt_event" + suffix;
        String sql = "SELECT 'open|' || severity || '|' || status, count(*) FROM " + tickets
                + " WHERE severity IS NOT NULL AND status IN ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD', 'RESOLVED')"
                + " GROUP BY severity, status"
                + " UNION ALL SELECT 'queued|' || coalesce(level, ''), count(*) FROM " + tickets
                + " WHERE status IN ('OPEN', 'ACKNOWLEDGED') GROUP BY 1"
                + " UNION ALL SELECT 'measured|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM "
                + tickets + " WHERE openedat IS NOT NULL AND responseoutcome IS NOT NULL GROUP BY 1"
                + " UNION ALL SELECT 'met|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM "
                + tickets + " WHERE openedat IS NOT NULL AND responseoutcome = 'MET' GROUP BY 1"
                + " UNION ALL SELECT 'breaches|' || to_char(\"time\" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*) FROM "
                + events + " WHERE type = 'support.sla.breached.v1' AND \"time\" IS NOT NULL GROUP BY 1"
                // the maintained ones in the same snapshot, under a prefix
                + " UNION ALL SELECT '=' || name, n FROM reporting.rpt_figure" + suffix;
        Map<String, Long> all = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(2) != 0) {
                    all.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return all;
    }

    /** The recount and the maintained counters in one snapshot: {@code [recount, maintained]}. */
    public static Map<String, Long>[] both(Connection c, String suffix) throws SQLException {
        Map<String, Long> all = scan(c, suffix);
        Map<String, Long> recount = new TreeMap<>();
        Map<String, Long> maintained = new TreeMap<>();
        all.forEach(
                (k, v) -> (k.startsWith("=") ? maintained : recount).put(k.startsWith("=") ? k.substring(1) : k, v));
        @SuppressWarnings("unchecked")
        Map<String, Long>[] pair = new Map[] {recount, maintained};
        return pair;
    }
}
