package com.supportdesk.sla.store;

import com.supportdesk.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of the SLA configuration and of the re-targeting after a change (in the caller's transaction). */
public final class ConfigStore {

    private static final String COLUMNS =
            "seq, kind, id, version, deleted, definition, changes, changed_by, changed_at";
    /** Lines of {@code changes} are stored joined by this (a line never holds it). */
    private static final String NL = "\n";

    private ConfigStore() {}

    /** Serialises configuration changes across instances for the rest of the transaction. */
    public static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('sla-config'))")) {
            ps.execute();
        }
    }

    /** Every change after {@code seq}, in order. */
    public static List<ConfigRow> since(Connection c, long seq) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM sla_config WHERE seq > ? ORDER BY seq", seq);
    }

    public static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM sla_config");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static Optional<ConfigRow> latest(Connection c, String kind, String id) throws SQLException {
        return query(
                        c,
                        "SELECT " + COLUMNS
                                + " FROM sla_config WHERE kind = ? AND id = ? ORDER BY version DESC LIMIT 1",
                        kind,
                        id)
                .stream()
                .findFirst();
    }

    public static List<ConfigRow> history(Connection c, String kind, String id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM sla_config WHERE kind = ? AND id = ? ORDER BY version", kind, id);
    }

    /** Stores a new version; returns it with its {@code seq}. */
    public static ConfigRow insert(Connection c, ConfigRow row) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO sla_config (kind, id, version, deleted, definition, "
                        + "changes, changed_by, changed_at) VALUES (?,?,?,?,?,?,?,?) RETURNING seq")) {
            ps.setString(1, row.kind());
            ps.setString(2, row.id());
            ps.setInt(3, row.version());
            ps.setBoolean(4, row.deleted());
            ps.setString(5, row.definition());
            ps.setString(6, String.join(NL, row.changes()));
            ps.setString(7, row.changedBy());
            ps.setTimestamp(8, Timestamp.from(row.at()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ConfigRow(
                        rs.getLong(1),
                        row.kind(),
                        row.id(),
                        row.version(),
                        row.deleted(),
                        row.definition(),
                        row.changes(),
                        row.changedBy(),
                        row.at());
            }
        }
    }

    private static List<ConfigRow> query(Connection c, String sql, Object... params) throws SQLException {
        List<ConfigRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String changes = rs.getString(7);
                    rows.add(new ConfigRow(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getBoolean(5),
                            rs.getString(6),
                            changes == null || changes.isEmpty() ? List.of() : Arrays.asList(changes.split(NL)),
                            rs.getString(8),
                            Jdbc.instant(rs, 9)));
                }
            }
        }
        return rows;
    }

    // ---- re-targeting after a calendar change --------------------------------------------------------------------

    /** A calendar's running clocks to re-target onto revision {@code revision} of its timeline. */
    public record Recalculation(
            long id,
            String calendar,
            int revision,
            int version,
            Instant requestedAt,
            Instant finishedAt,
            String afterTicket,
            int passes,
            int looked,
            int moved,
            String policy) {

        /** After a slice: the cursor at {@code lastTicket}, {@code looked} and {@code moved} more. */
        public Recalculation advanced(String lastTicket, int looked, int moved) {
            return new Recalculation(
                    id,
                    calendar,
                    revision,
                    version,
                    requestedAt,
                    null,
                    lastTicket,
                    passes,
                    this.looked + looked,
                    this.moved + moved,
                    policy);
        }

        /** After a pass that found nothing more: the next pass starts from the first ticket. */
        public Recalculation restarted() {
            return new Recalculation(
                    id, calendar, revision, version, requestedAt, null, "", passes + 1, looked, moved, policy);
        }
    }

    private static final String RECALCULATION_COLUMNS = "id, calendar, revision, version, requested_at, finished_at, "
            + "after_ticket, passes, clocks_looked, clocks_moved, policy";

    private static Recalculation recalculation(ResultSet rs) throws SQLException {
        return new Recalculation(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getInt(4),
                Jdbc.instant(rs, 5),
                Jdbc.instant(rs, 6),
                rs.getString(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getString(11));
    }

    /** A policy's clocks (running or paused) to re-target onto its version {@code version}. */
    public static void requestPolicyRecalculation(Connection c, String policy, int version, Instant at)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO sla_recalculation (calendar, revision, version, requested_at, policy) VALUES ('',0,?,?,?)",
                version,
                at,
                policy);
    }

    /** Tickets after {@code afterTicket} with a clock on the policy that is running or paused, in id order. */
    public static List<String> openTicketsOnPolicy(Connection c, String policy, String afterTicket, int limit)
            throws SQLException {
        return Jdbc.strings(
                c,
                "SELECT DISTINCT ticket_id FROM (SELECT ticket_id FROM sla_clock WHERE policy = ? "
                        + "AND status IN ('RUNNING', 'PAUSED') AND ticket_id > ? ORDER BY ticket_id LIMIT ?) s "
                        + "ORDER BY ticket_id",
                policy,
                afterTicket,
                limit);
    }

    /** The latest re-targetings after a policy's changes, newest first. */
    public static List<Recalculation> policyRecalculations(Connection c, String policy, int limit) throws SQLException {
        List<Recalculation> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(
                        c,
                        "SELECT " + RECALCULATION_COLUMNS
                                + " FROM sla_recalculation WHERE policy = ? ORDER BY id DESC LIMIT ?",
                        policy,
                        limit);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(recalculation(rs));
            }
        }
        return out;
    }

    public static void requestRecalculation(Connection c, String calendar, int revision, int version, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sla_recalculation (calendar, revision, version, requested_at) VALUES (?,?,?,?)")) {
            ps.setString(1, calendar);
            ps.setInt(2, revision);
            ps.setInt(3, version);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** The oldest unfinished re-targeting no other instance is working on, locked. */
    public static Optional<Recalculation> nextRecalculation(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RECALCULATION_COLUMNS + " FROM sla_recalculation "
                        + "WHERE finished_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(recalculation(rs));
        }
    }

    public static void progress(Connection c, Recalculation r, Instant finishedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sla_recalculation SET after_ticket = ?, passes = ?, "
                + "clocks_looked = ?, clocks_moved = ?, finished_at = ? WHERE id = ?")) {
            ps.setString(1, r.afterTicket());
            ps.setInt(2, r.passes());
            ps.setInt(3, r.looked());
            ps.setInt(4, r.moved());
            Jdbc.setInstant(ps, 5, finishedAt);
            ps.setLong(6, r.id());
            ps.executeUpdate();
        }
    }

    /**
     * Adds a slice's figures to its re-targeting, as the slice's transaction's last statement (the slice's tickets
     * were taken off the cursor in a transaction before it, see {@code SlaProcessor#claim}).
     */
    public static void counted(Connection c, long recalculation, int looked, int moved) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE sla_recalculation SET clocks_looked = clocks_looked + ?, "
                        + "clocks_moved = clocks_moved + ? WHERE id = ?")) {
            ps.setInt(1, looked);
            ps.setInt(2, moved);
            ps.setLong(3, recalculation);
            ps.executeUpdate();
        }
    }

    /**
     * Tickets after {@code afterTicket} with a running clock on the calendar whose deadline was counted on an older
     * revision (a clock without a target has no deadline to move).
     */
    public static List<String> staleTickets(Connection c, String calendar, int revision, String afterTicket, int limit)
            throws SQLException {
        return Jdbc.strings(
                c,
                "SELECT DISTINCT ticket_id FROM (SELECT ticket_id FROM sla_clock WHERE calendar = ? "
                        + "AND status = 'RUNNING' AND target_ms IS NOT NULL AND calendar_revision < ? "
                        + "AND ticket_id > ? ORDER BY ticket_id "
                        + "LIMIT ?) s ORDER BY ticket_id",
                calendar,
                revision,
                afterTicket,
                limit);
    }

    /** The latest re-targetings of a calendar, newest first (for its page and the API). */
    public static List<Recalculation> recalculations(Connection c, String calendar, int limit) throws SQLException {
        List<Recalculation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RECALCULATION_COLUMNS
                + " FROM sla_recalculation WHERE calendar = ? AND policy IS NULL ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, calendar);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(recalculation(rs));
                }
            }
        }
        return out;
    }
}
