package com.supportdesk.escalation.store;

import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.escalation.rules.AccountFacts;
import com.supportdesk.escalation.rules.TicketFacts;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** escalation-service's tables (schema {@code escalation}) and their SQL; methods work in the caller's transaction. */
public final class EscalationStore {

    public static final Outbox OUTBOX = new Outbox("esc_outbox");

    /** A ticket as stored: its facts, the last ticket-events sequence applied, its next timed check, its breach. */
    public record TicketRow(TicketFacts facts, long lastSequence, Instant nextCheck, Breach breach) {}

    /** The first SLA breach of a ticket (kept so the rule can act whichever of breach and facts arrives last). */
    public record Breach(ClockKind clock, Duration target, Instant deadline, String eventId) {}

    /** A decision acted on (the key makes it happen once). */
    public record DecisionRow(
            String key,
            String ticketId,
            String rule,
            EscalationAction action,
            EscalationTarget target,
            SupportLevel toLevel,
            String reason,
            String notifies,
            String triggerId,
            String commandId,
            Instant decidedAt) {}

    // The tables: src/main/resources/db/migration (Flyway).

    // ---- accounts -----------------------------------------------------------------------------------------------

    public static void saveAccount(Connection c, AccountFacts a, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_account (account_id, region, plan, revoked, "
                + "primary_user, backup_user, sam_user, updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (account_id) "
                + "DO UPDATE SET region = EXCLUDED.region, plan = EXCLUDED.plan, revoked = EXCLUDED.revoked, "
                + "primary_user = EXCLUDED.primary_user, backup_user = EXCLUDED.backup_user, "
                + "sam_user = EXCLUDED.sam_user, updated_at = EXCLUDED.updated_at "
                + "WHERE esc_account.updated_at <= EXCLUDED.updated_at")) {
            ps.setString(1, a.accountId());
            ps.setString(2, a.region());
            ps.setString(3, a.plan());
            ps.setBoolean(4, a.priorityRevoked());
            ps.setString(5, user(a.primaryContact()));
            ps.setString(6, user(a.backupContact()));
            ps.setString(7, user(a.strategicAccountManager()));
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    private static final String ACCOUNT_COLUMNS =
            "account_id, region, plan, revoked, primary_user, backup_user, sam_user";

    public static Optional<AccountFacts> account(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM esc_account WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs, 1)) : Optional.empty();
            }
        }
    }

    /** The account of the columns {@link #ACCOUNT_COLUMNS} from {@code first} on; null when the first is null. */
    private static AccountFacts account(ResultSet rs, int first) throws SQLException {
        if (rs.getString(first) == null) {
            return null;
        }
        return new AccountFacts(
                rs.getString(first),
                rs.getString(first + 1),
                rs.getString(first + 2),
                rs.getBoolean(first + 3),
                contact(rs.getString(first + 4)),
                contact(rs.getString(first + 5)),
                contact(rs.getString(first + 6)));
    }

    // ---- tickets ------------------------------------------------------------------------------------------------

    private static final String TICKET_COLUMNS = "t.ticket_id, t.account_id, t.last_sequence, t.severity, t.impact, "
            + "t.priority, t.level, t.acknowledged, t.resolved, t.closed, t.opened_at, t.last_progress_at, t.level_since, "
            + "t.escalated_to, t.next_check, t.breach_clock, t.breach_target_ms, t.breach_deadline, t.breach_event_id, "
            + "t.resolved_at";

    public static Optional<TicketRow> lockTicket(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + TICKET_COLUMNS + " FROM esc_ticket t WHERE t.ticket_id = ? FOR UPDATE")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ticket(rs)) : Optional.empty();
            }
        }
    }

    private static final String LOCK_TICKETS_WITH_ACCOUNT = "SELECT " + TICKET_COLUMNS + ", "
            + java.util.Arrays.stream(ACCOUNT_COLUMNS.split(", "))
                    .map(col -> "a." + col)
                    .collect(java.util.stream.Collectors.joining(", "))
            + " FROM esc_ticket t LEFT JOIN esc_account a ON a.account_id = t.account_id"
            + " WHERE t.ticket_id = ANY(?) ORDER BY t.ticket_id FOR UPDATE OF t";

    /** A ticket's row, locked, with its account's facts (null when the account is not known yet). */
    public record LockedTicket(TicketRow row, AccountFacts account) {}

    /**
     * A poll's tickets, locked, each with its account's facts (null when the account is not known yet; the account
     * row is read, not locked, as {@link #account} reads it): one statement, the rows locked in id order (so two
     * consumers locking overlapping sets wait for each other instead of deadlocking). Absent ids are not stored.
     */
    public static Map<String, LockedTicket> lockTicketsWithAccount(Connection c, Collection<String> ticketIds)
            throws SQLException {
        Map<String, LockedTicket> found = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(LOCK_TICKETS_WITH_ACCOUNT)) {
            ps.setArray(1, c.createArrayOf("text", ticketIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LockedTicket t = new LockedTicket(ticket(rs), account(rs, 21));
                    found.put(t.row().facts().ticketId(), t);
                }
            }
        }
        return found;
    }

    /** The ticket of the columns {@link #TICKET_COLUMNS} (the first 20). */
    private static TicketRow ticket(ResultSet rs) throws SQLException {
        Set<EscalationTarget> escalated = EnumSet.noneOf(EscalationTarget.class);
        String csv = rs.getString(14);
        if (csv != null && !csv.isBlank()) {
            Arrays.stream(csv.split(",")).map(EscalationTarget::valueOf).forEach(escalated::add);
        }
        TicketFacts f = new TicketFacts(
                rs.getString(1),
                rs.getString(2),
                Severity.valueOf(rs.getString(4)),
                Impact.valueOf(rs.getString(5)),
                rs.getBoolean(6),
                SupportLevel.valueOf(rs.getString(7)),
                rs.getBoolean(8),
                rs.getBoolean(9),
                rs.getBoolean(10),
                Jdbc.instant(rs, 11),
                Jdbc.instant(rs, 12),
                Jdbc.instant(rs, 13),
                escalated,
                Jdbc.instant(rs, 20));
        Breach breach = rs.getString(16) == null
                ? null
                : new Breach(
                        ClockKind.valueOf(rs.getString(16)),
                        rs.getObject(17) == null ? null : Duration.ofMillis(rs.getLong(17)),
                        Jdbc.instant(rs, 18),
                        rs.getString(19));
        return new TicketRow(f, rs.getLong(3), Jdbc.instant(rs, 15), breach);
    }

    public static void saveTicket(Connection c, TicketRow row) throws SQLException {
        saveTickets(c, List.of(row));
    }

    private static final String SAVE_TICKET_COLUMNS = "INSERT INTO esc_ticket (ticket_id, account_id, last_sequence, "
            + "severity, impact, priority, level, acknowledged, resolved, closed, opened_at, last_progress_at, "
            + "level_since, escalated_to, next_check, breach_clock, breach_target_ms, breach_deadline, breach_event_id, "
            + "resolved_at) VALUES ";
    private static final String SAVE_TICKET_ROW = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String SAVE_TICKET_CONFLICT = " ON CONFLICT (ticket_id) DO UPDATE SET "
            + "last_sequence = EXCLUDED.last_sequence, "
            + "severity = EXCLUDED.severity, impact = EXCLUDED.impact, priority = EXCLUDED.priority, "
            + "level = EXCLUDED.level, acknowledged = EXCLUDED.acknowledged, resolved = EXCLUDED.resolved, "
            + "closed = EXCLUDED.closed, last_progress_at = EXCLUDED.last_progress_at, "
            + "level_since = EXCLUDED.level_since, escalated_to = EXCLUDED.escalated_to, "
            + "next_check = EXCLUDED.next_check, breach_clock = EXCLUDED.breach_clock, "
            + "breach_target_ms = EXCLUDED.breach_target_ms, breach_deadline = EXCLUDED.breach_deadline, "
            + "breach_event_id = EXCLUDED.breach_event_id, resolved_at = EXCLUDED.resolved_at";

    /** Rows per upsert: twenty parameters each, far below the protocol's 32,767. */
    private static final int TICKETS_PER_UPSERT = 500;

    /** Stores tickets (new or changed; each id at most once), one upsert per {@value #TICKETS_PER_UPSERT}. */
    public static void saveTickets(Connection c, List<TicketRow> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += TICKETS_PER_UPSERT) {
            List<TicketRow> chunk = rows.subList(from, Math.min(rows.size(), from + TICKETS_PER_UPSERT));
            StringBuilder sql = new StringBuilder(SAVE_TICKET_COLUMNS);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ",").append(SAVE_TICKET_ROW);
            }
            try (PreparedStatement ps =
                    c.prepareStatement(sql.append(SAVE_TICKET_CONFLICT).toString())) {
                int at = 0;
                for (TicketRow row : chunk) {
                    setTicket(ps, at, row);
                    at += 20;
                }
                ps.executeUpdate();
            }
        }
    }

    /** A ticket's twenty values, after the first {@code at} parameters. */
    private static void setTicket(PreparedStatement ps, int at, TicketRow row) throws SQLException {
        TicketFacts f = row.facts();
        ps.setString(at + 1, f.ticketId());
        ps.setString(at + 2, f.accountId());
        ps.setLong(at + 3, row.lastSequence());
        ps.setString(at + 4, f.severity().name());
        ps.setString(at + 5, f.impact().name());
        ps.setBoolean(at + 6, f.priority());
        ps.setString(at + 7, f.level().name());
        ps.setBoolean(at + 8, f.acknowledged());
        ps.setBoolean(at + 9, f.resolved());
        ps.setBoolean(at + 10, f.closed());
        ps.setTimestamp(at + 11, Timestamp.from(f.openedAt()));
        ps.setTimestamp(at + 12, Timestamp.from(f.lastProgressAt()));
        ps.setTimestamp(at + 13, Timestamp.from(f.levelSince()));
        ps.setString(at + 14, f.escalatedTo().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        if (row.nextCheck() == null) {
            ps.setNull(at + 15, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(at + 15, Timestamp.from(row.nextCheck()));
        }
        Breach b = row.breach();
        ps.setString(at + 16, b == null ? null : b.clock().name());
        if (b == null || b.target() == null) {
            ps.setNull(at + 17, Types.BIGINT);
        } else {
            ps.setLong(at + 17, b.target().toMillis());
        }
        if (b == null || b.deadline() == null) {
            ps.setNull(at + 18, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(at + 18, Timestamp.from(b.deadline()));
        }
        ps.setString(at + 19, b == null ? null : b.eventId());
        if (f.resolvedAt() == null) {
            ps.setNull(at + 20, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(at + 20, Timestamp.from(f.resolvedAt()));
        }
    }

    public static void saveEarlyBreach(Connection c, String ticketId, Breach b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_early_breach (ticket_id, clock, target_ms, "
                + "deadline, event_id) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, ticketId);
            ps.setString(2, b.clock().name());
            if (b.target() == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, b.target().toMillis());
            }
            ps.setTimestamp(4, b.deadline() == null ? null : Timestamp.from(b.deadline()));
            ps.setString(5, b.eventId());
            ps.executeUpdate();
        }
    }

    /** {@link #takeEarlyBreach} for several tickets in one statement: the breaches found, by ticket. */
    public static Map<String, Breach> takeEarlyBreaches(Connection c, Collection<String> ticketIds)
            throws SQLException {
        Map<String, Breach> found = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM esc_early_breach WHERE ticket_id = ANY(?) "
                + "RETURNING ticket_id, clock, target_ms, deadline, event_id")) {
            ps.setArray(1, c.createArrayOf("text", ticketIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(
                            rs.getString(1),
                            new Breach(
                                    ClockKind.valueOf(rs.getString(2)),
                                    rs.getObject(3) == null ? null : Duration.ofMillis(rs.getLong(3)),
                                    Jdbc.instant(rs, 4),
                                    rs.getString(5)));
                }
            }
        }
        return found;
    }

    /** Tickets whose timed rules are due, soonest first, skipping those another transaction holds. */
    public static List<String> due(Connection c, Instant now, int limit) throws SQLException {
        return Jdbc.strings(
                c,
                "SELECT ticket_id FROM esc_ticket WHERE next_check <= ? ORDER BY next_check LIMIT ? "
                        + "FOR UPDATE SKIP LOCKED",
                now,
                limit);
    }

    public static Optional<Instant> nextCheck(Connection c) throws SQLException {
        return Jdbc.firstInstant(c, "SELECT min(next_check) FROM esc_ticket");
    }

    // ---- decisions ----------------------------------------------------------------------------------------------

    /** Records a decision; false when its key was acted on before (nothing is done twice). */
    public static boolean record(Connection c, DecisionRow d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO esc_decision (decision_key, ticket_id, rule, "
                + "action, target, to_level, reason, notifies, trigger_id, command_id, decided_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (decision_key) DO NOTHING")) {
            ps.setString(1, d.key());
            ps.setString(2, d.ticketId());
            ps.setString(3, d.rule());
            ps.setString(4, d.action().name());
            ps.setString(5, d.target() == null ? null : d.target().name());
            ps.setString(6, d.toLevel() == null ? null : d.toLevel().name());
            ps.setString(7, d.reason());
            ps.setString(8, d.notifies());
            ps.setString(9, d.triggerId());
            ps.setString(10, d.commandId());
            ps.setTimestamp(11, Timestamp.from(d.decidedAt()));
            return ps.executeUpdate() == 1;
        }
    }

    public static List<DecisionRow> decisions(Connection c, String ticketId) throws SQLException {
        List<DecisionRow> rows = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT decision_key, ticket_id, rule, action, target, to_level, "
                        + "reason, notifies, trigger_id, command_id, decided_at FROM esc_decision WHERE ticket_id = ? "
                        + "ORDER BY decided_at, decision_key")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DecisionRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            EscalationAction.valueOf(rs.getString(4)),
                            rs.getString(5) == null ? null : EscalationTarget.valueOf(rs.getString(5)),
                            rs.getString(6) == null ? null : SupportLevel.valueOf(rs.getString(6)),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            Jdbc.instant(rs, 11)));
                }
            }
        }
        return rows;
    }

    private static String user(Contact contact) {
        return contact == null ? null : contact.userId();
    }

    private static Contact contact(String userId) {
        return userId == null ? null : new Contact(userId, userId, null, null);
    }
}
