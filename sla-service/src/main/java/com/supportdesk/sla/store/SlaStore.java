package com.supportdesk.sla.store;

import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.sla.clock.ClockStatus;
import com.supportdesk.sla.clock.SlaClock;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import java.sql.Array;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** SQL of sla-service. Every method works inside the caller's transaction (the connection is passed in). */
public final class SlaStore {

    private static final String TICKET_COLUMNS = "ticket_id, account_id, last_sequence, sla_sequence, policy, region, "
            + "severity, impact, state, opened_at, trace, follow_up_downgraded";
    private static final String CLOCK_COLUMNS = "ticket_id, kind, account_id, policy, calendar, severity, target_ms, "
            + "elapsed_ms, running_since, status, deadline, warnings_fired, breached, next_due, next_alarm, calendar_revision, "
            + "warnings";

    private SlaStore() {}

    // ---- tickets ------------------------------------------------------------------------------------------------

    /** Loads and locks the tickets (in id order, so two writers never deadlock). */
    public static Map<String, TicketRow> lockTickets(Connection c, Collection<String> ids, boolean skipLocked)
            throws SQLException {
        Map<String, TicketRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TICKET_COLUMNS + " FROM sla_ticket "
                + "WHERE ticket_id = ANY(?) ORDER BY ticket_id FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : ""))) {
            ps.setArray(1, array(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TicketRow t = ticketRow(rs);
                    rows.put(t.ticketId(), t);
                }
            }
        }
        return rows;
    }

    public static Optional<TicketRow> ticket(Connection c, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + TICKET_COLUMNS + " FROM sla_ticket WHERE ticket_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ticketRow(rs)) : Optional.empty();
            }
        }
    }

    private static TicketRow ticketRow(ResultSet rs) throws SQLException {
        return new TicketRow(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                Severity.valueOf(rs.getString(7)),
                Impact.valueOf(rs.getString(8)),
                rs.getString(9),
                Jdbc.instant(rs, 10),
                rs.getString(11),
                rs.getBoolean(12));
    }

    public static void saveTickets(Connection c, Collection<TicketRow> tickets) throws SQLException {
        if (tickets.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sla_ticket (ticket_id, account_id, last_sequence, "
                + "sla_sequence, policy, region, severity, impact, state, opened_at, trace, follow_up_downgraded) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT (ticket_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence, "
                + "sla_sequence = EXCLUDED.sla_sequence, policy = EXCLUDED.policy, region = EXCLUDED.region, "
                + "severity = EXCLUDED.severity, impact = EXCLUDED.impact, state = EXCLUDED.state, "
                + "trace = COALESCE(EXCLUDED.trace, sla_ticket.trace), "
                + "follow_up_downgraded = EXCLUDED.follow_up_downgraded")) {
            for (TicketRow t : tickets) {
                ps.setString(1, t.ticketId());
                ps.setString(2, t.accountId());
                ps.setLong(3, t.lastSequence());
                ps.setLong(4, t.slaSequence());
                ps.setString(5, t.policy());
                ps.setString(6, t.region());
                ps.setString(7, t.severity().name());
                ps.setString(8, t.impact().name());
                ps.setString(9, t.state());
                ps.setTimestamp(10, Timestamp.from(t.openedAt()));
                ps.setString(11, t.trace());
                ps.setBoolean(12, t.followUpDowngraded());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- clocks -------------------------------------------------------------------------------------------------

    public static Map<String, Map<ClockKind, SlaClock>> clocks(Connection c, Collection<String> ticketIds)
            throws SQLException {
        Map<String, Map<ClockKind, SlaClock>> clocks = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return clocks;
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + CLOCK_COLUMNS + " FROM sla_clock WHERE ticket_id = ANY(?)")) {
            ps.setArray(1, array(c, ticketIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SlaClock clock = clock(rs);
                    clocks.computeIfAbsent(clock.ticketId(), k -> new EnumMap<>(ClockKind.class))
                            .put(clock.kind(), clock);
                }
            }
        }
        return clocks;
    }

    /** Running clocks of a calendar, for re-computation after the calendar changed. */
    public static List<String> ticketsWithRunningClocks(Connection c, String calendar, ClockKind kind)
            throws SQLException {
        return Jdbc.strings(
                c,
                "SELECT ticket_id FROM sla_clock WHERE calendar = ? AND kind = ? AND status = 'RUNNING'",
                calendar,
                kind.name());
    }

    public static void saveClocks(Connection c, Collection<SlaClock> clocks) throws SQLException {
        if (clocks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sla_clock (" + CLOCK_COLUMNS + ") VALUES "
                + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (ticket_id, kind) DO UPDATE SET "
                + "policy = EXCLUDED.policy, calendar = EXCLUDED.calendar, severity = EXCLUDED.severity, "
                + "target_ms = EXCLUDED.target_ms, elapsed_ms = EXCLUDED.elapsed_ms, "
                + "running_since = EXCLUDED.running_since, status = EXCLUDED.status, deadline = EXCLUDED.deadline, "
                + "warnings_fired = EXCLUDED.warnings_fired, breached = EXCLUDED.breached, "
                + "next_due = EXCLUDED.next_due, next_alarm = EXCLUDED.next_alarm, "
                + "calendar_revision = EXCLUDED.calendar_revision, warnings = EXCLUDED.warnings")) {
            for (SlaClock k : clocks) {
                ps.setString(1, k.ticketId());
                ps.setString(2, k.kind().name());
                ps.setString(3, k.accountId());
                ps.setString(4, k.policy());
                ps.setString(5, k.calendar());
                ps.setString(6, k.severity().name());
                setLong(ps, 7, k.target() == null ? null : k.target().toMillis());
                ps.setLong(8, k.elapsedBefore().toMillis());
                Jdbc.setInstant(ps, 9, k.runningSince());
                ps.setString(10, k.status().name());
                Jdbc.setInstant(ps, 11, k.deadline());
                ps.setString(12, firedColumn(k));
                ps.setBoolean(13, k.breached());
                Jdbc.setInstant(ps, 14, k.nextDue());
                if (k.nextAlarm() == null) {
                    ps.setNull(15, Types.INTEGER);
                } else {
                    ps.setInt(15, k.nextAlarm());
                }
                ps.setInt(16, k.calendarRevision());
                ps.setString(17, warningsColumn(k));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The warnings a clock has fired, as stored: their alarms in order, comma-separated. */
    private static String firedColumn(SlaClock k) {
        return k.warningsFired().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** A clock's own warning alarms, as stored (null: the policy's). */
    private static String warningsColumn(SlaClock k) {
        return k.warnings() == null
                ? null
                : k.warnings().stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * Writes back clocks that exist (a re-targeting's): one {@code UPDATE ... FROM unnest(...)} for all of them, the
     * columns a re-targeting may change, instead of an upsert per row. Their tickets are locked by the caller.
     */
    public static void updateClocks(Connection c, Collection<SlaClock> clocks) throws SQLException {
        if (clocks.isEmpty()) {
            return;
        }
        int n = clocks.size();
        String[] ticket = new String[n];
        String[] kind = new String[n];
        String[] policy = new String[n];
        String[] calendar = new String[n];
        String[] severity = new String[n];
        Long[] target = new Long[n];
        Long[] elapsed = new Long[n];
        String[] runningSince = new String[n];
        String[] status = new String[n];
        String[] deadline = new String[n];
        String[] fired = new String[n];
        Boolean[] breached = new Boolean[n];
        String[] nextDue = new String[n];
        Integer[] nextAlarm = new Integer[n];
        Integer[] revision = new Integer[n];
        String[] warnings = new String[n];
        int i = 0;
        for (SlaClock k : clocks) {
            ticket[i] = k.ticketId();
            kind[i] = k.kind().name();
            policy[i] = k.policy();
            calendar[i] = k.calendar();
            severity[i] = k.severity().name();
            target[i] = k.target() == null ? null : k.target().toMillis();
            elapsed[i] = k.elapsedBefore().toMillis();
            runningSince[i] = k.runningSince() == null ? null : k.runningSince().toString();
            status[i] = k.status().name();
            deadline[i] = k.deadline() == null ? null : k.deadline().toString();
            fired[i] = firedColumn(k);
            breached[i] = k.breached();
            nextDue[i] = k.nextDue() == null ? null : k.nextDue().toString();
            nextAlarm[i] = k.nextAlarm();
            revision[i] = k.calendarRevision();
            warnings[i] = warningsColumn(k);
            i++;
        }
        int updated = Jdbc.update(
                c,
                "UPDATE sla_clock k SET policy = u.policy, calendar = u.calendar, severity = u.severity, "
                        + "target_ms = u.target_ms, elapsed_ms = u.elapsed_ms, "
                        + "running_since = u.running_since::timestamptz, status = u.status, "
                        + "deadline = u.deadline::timestamptz, warnings_fired = u.warnings_fired, breached = u.breached, "
                        + "next_due = u.next_due::timestamptz, next_alarm = u.next_alarm, "
                        + "calendar_revision = u.calendar_revision, warnings = u.warnings "
                        + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], "
                        + "?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::text[], ?::int4[], ?::int4[], "
                        + "?::text[]) AS u(ticket_id, kind, policy, calendar, severity, target_ms, elapsed_ms, "
                        + "running_since, status, deadline, warnings_fired, breached, next_due, next_alarm, "
                        + "calendar_revision, warnings) "
                        + "WHERE k.ticket_id = u.ticket_id AND k.kind = u.kind",
                c.createArrayOf("text", ticket),
                c.createArrayOf("text", kind),
                c.createArrayOf("text", policy),
                c.createArrayOf("text", calendar),
                c.createArrayOf("text", severity),
                c.createArrayOf("int8", target),
                c.createArrayOf("int8", elapsed),
                c.createArrayOf("text", runningSince),
                c.createArrayOf("text", status),
                c.createArrayOf("text", deadline),
                c.createArrayOf("text", fired),
                c.createArrayOf("bool", breached),
                c.createArrayOf("text", nextDue),
                c.createArrayOf("int4", nextAlarm),
                c.createArrayOf("int4", revision),
                c.createArrayOf("text", warnings));
        if (updated != n) {
            throw new SQLException(n + " clocks to write back, " + updated + " found");
        }
    }

    /**
     * Writes back what a re-targeting changes on tickets that exist (their SLA sequence, and the trace the clocks'
     * events joined): one statement for all of them. The caller holds their locks.
     */
    public static void updateSlaSequences(Connection c, Collection<TicketRow> tickets) throws SQLException {
        if (tickets.isEmpty()) {
            return;
        }
        String[] ids = new String[tickets.size()];
        Long[] sequences = new Long[tickets.size()];
        String[] traces = new String[tickets.size()];
        int i = 0;
        for (TicketRow t : tickets) {
            ids[i] = t.ticketId();
            sequences[i] = t.slaSequence();
            traces[i] = t.trace();
            i++;
        }
        int updated = Jdbc.update(
                c,
                "UPDATE sla_ticket t SET sla_sequence = u.sla_sequence, trace = COALESCE(u.trace, t.trace) "
                        + "FROM unnest(?::text[], ?::int8[], ?::text[]) AS u(ticket_id, sla_sequence, trace) "
                        + "WHERE t.ticket_id = u.ticket_id",
                c.createArrayOf("text", ids),
                c.createArrayOf("int8", sequences),
                c.createArrayOf("text", traces));
        if (updated != ids.length) {
            throw new SQLException(ids.length + " tickets to write back, " + updated + " found");
        }
    }

    /** Tickets with a clock due at {@code now}, soonest first. */
    public static List<String> ticketsDue(Connection c, Instant now, int limit) throws SQLException {
        return Jdbc.strings(
                c,
                "SELECT DISTINCT ticket_id FROM (SELECT ticket_id FROM sla_clock WHERE next_due <= ? "
                        + "ORDER BY next_due LIMIT ?) d",
                now,
                limit);
    }

    public static Optional<Instant> nextDue(Connection c) throws SQLException {
        return Jdbc.firstInstant(c, "SELECT min(next_due) FROM sla_clock WHERE next_due IS NOT NULL");
    }

    /** Timers armed (clocks with a next due instant), how many of them are due at {@code now}, and the oldest due. */
    public record TimerCounts(long armed, long due, Instant oldestDue) {}

    public static TimerCounts timerCounts(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE next_due <= ?), "
                + "min(next_due) FROM sla_clock WHERE next_due IS NOT NULL")) {
            Jdbc.setInstant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TimerCounts(rs.getLong(1), rs.getLong(2), Jdbc.instant(rs, 3));
            }
        }
    }

    private static SlaClock clock(ResultSet rs) throws SQLException {
        long target = rs.getLong(7);
        Duration targetDuration = rs.wasNull() ? null : Duration.ofMillis(target);
        String fired = rs.getString(12);
        Set<Integer> warnings = new HashSet<>();
        if (fired != null && !fired.isBlank()) {
            Arrays.stream(fired.split(",")).map(Integer::valueOf).forEach(warnings::add);
        }
        int alarm = rs.getInt(15);
        Integer nextAlarm = rs.wasNull() ? null : alarm;
        return new SlaClock(
                rs.getString(1),
                rs.getString(3),
                ClockKind.valueOf(rs.getString(2)),
                rs.getString(4),
                rs.getString(5),
                Severity.valueOf(rs.getString(6)),
                targetDuration,
                Duration.ofMillis(rs.getLong(8)),
                Jdbc.instant(rs, 9),
                ClockStatus.valueOf(rs.getString(10)),
                Jdbc.instant(rs, 11),
                warnings,
                rs.getBoolean(13),
                Jdbc.instant(rs, 14),
                nextAlarm,
                rs.getInt(16),
                alarms(rs.getString(17)));
    }

    /** A clock's warning alarms as stored ({@code 75,90,-30}); null: its policy's percents (a clock from before). */
    private static List<Integer> alarms(String stored) {
        if (stored == null) {
            return null;
        }
        return stored.isBlank()
                ? List.of()
                : Arrays.stream(stored.split(",")).map(Integer::valueOf).toList();
    }

    // ---- accounts -----------------------------------------------------------------------------------------------

    /** Region and plan of an account. */
    public record AccountRow(String accountId, String region, String plan, Instant updatedAt) {}

    public static void saveAccount(Connection c, AccountRow a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sla_account (account_id, region, plan, updated_at) "
                        + "VALUES (?,?,?,?) ON CONFLICT (account_id) DO UPDATE SET region = EXCLUDED.region, "
                        + "plan = EXCLUDED.plan, updated_at = EXCLUDED.updated_at WHERE sla_account.updated_at <= EXCLUDED.updated_at")) {
            ps.setString(1, a.accountId());
            ps.setString(2, a.region());
            ps.setString(3, a.plan());
            ps.setTimestamp(4, Timestamp.from(a.updatedAt()));
            ps.executeUpdate();
        }
    }

    public static Map<String, AccountRow> accounts(Connection c, Collection<String> ids) throws SQLException {
        Map<String, AccountRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT account_id, region, plan, updated_at FROM sla_account " + "WHERE account_id = ANY(?)")) {
            ps.setArray(1, array(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(
                            rs.getString(1),
                            new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4)));
                }
            }
        }
        return rows;
    }

    // ---- parked (out of order) events ---------------------------------------------------------------------------

    public static Map<String, TreeMap<Long, ParkedEvent>> parked(Connection c, Collection<String> ticketIds)
            throws SQLException {
        Map<String, TreeMap<Long, ParkedEvent>> parked = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return parked;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ticket_id, sequence, headers, body FROM sla_parked " + "WHERE ticket_id = ANY(?)")) {
            ps.setArray(1, array(c, ticketIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ParkedEvent p =
                            new ParkedEvent(rs.getString(1), rs.getLong(2), headers(rs.getString(3)), rs.getBytes(4));
                    parked.computeIfAbsent(p.ticketId(), k -> new TreeMap<>()).put(p.sequence(), p);
                }
            }
        }
        return parked;
    }

    public static void park(Connection c, ParkedEvent p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sla_parked (ticket_id, sequence, headers, body) "
                + "VALUES (?,?,?,?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, p.ticketId());
            ps.setLong(2, p.sequence());
            ps.setString(3, json(p.headers()));
            ps.setBytes(4, p.body());
            ps.executeUpdate();
        }
    }

    public static void unpark(Connection c, String ticketId, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sla_parked WHERE ticket_id = ? AND sequence = ?")) {
            ps.setString(1, ticketId);
            ps.setLong(2, sequence);
            ps.executeUpdate();
        }
    }

    // ---- openings waiting for their account ---------------------------------------------------------------------

    public static void wait(Connection c, Map<String, String> ticketToAccount, Instant since) throws SQLException {
        if (ticketToAccount.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sla_waiting (ticket_id, account_id, since) " + "VALUES (?,?,?) ON CONFLICT DO NOTHING")) {
            for (var e : ticketToAccount.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.setTimestamp(3, Timestamp.from(since));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Waiting openings whose account is known now, or that waited since {@code cutoff}: ticket -> account. */
    public static Map<String, String> releasable(Connection c, Instant cutoff, int limit) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.ticket_id, w.account_id FROM sla_waiting w "
                + "WHERE w.since <= ? OR EXISTS (SELECT 1 FROM sla_account a WHERE a.account_id = w.account_id) "
                + "ORDER BY w.since LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The account a ticket's opening waits for, if it does. */
    public static Optional<String> waitingFor(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM sla_waiting WHERE ticket_id = ?")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Locks the waiting openings among these tickets, so a release and new events of a ticket never interleave. */
    public static void lockWaiting(Connection c, Collection<String> ticketIds) throws SQLException {
        if (ticketIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ticket_id FROM sla_waiting WHERE ticket_id = ANY(?) " + "ORDER BY ticket_id FOR UPDATE")) {
            ps.setArray(1, array(c, ticketIds));
            ps.executeQuery().close();
        }
    }

    public static void stopWaiting(Connection c, Collection<String> ticketIds) throws SQLException {
        if (ticketIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sla_waiting WHERE ticket_id = ANY(?)")) {
            ps.setArray(1, array(c, ticketIds));
            ps.executeUpdate();
        }
    }

    // ---- outbox -------------------------------------------------------------------------------------------------

    public static final Outbox OUTBOX = new Outbox("sla_outbox");

    public static void enqueue(Connection c, List<Outbox.Outgoing> messages) throws SQLException {
        OUTBOX.enqueue(c, messages);
    }

    // ---- exceptional events -------------------------------------------------------------------------------------

    public static long declare(Connection c, ExceptionalEvent e) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO sla_exceptional_event (calendar, starts_at, ends_at, "
                        + "reason, declared_by, declared_at) VALUES (?,?,?,?,?,?) RETURNING id")) {
            ps.setString(1, e.calendar());
            ps.setTimestamp(2, Timestamp.from(e.from()));
            ps.setTimestamp(3, Timestamp.from(e.to()));
            ps.setString(4, e.reason());
            ps.setString(5, e.declaredBy());
            ps.setTimestamp(6, Timestamp.from(e.declaredAt()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static List<ExceptionalEvent> exceptionalEvents(Connection c) throws SQLException {
        List<ExceptionalEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, calendar, starts_at, ends_at, reason, declared_by, "
                        + "declared_at FROM sla_exceptional_event ORDER BY starts_at, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(new ExceptionalEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        Jdbc.instant(rs, 3),
                        Jdbc.instant(rs, 4),
                        rs.getString(5),
                        rs.getString(6),
                        Jdbc.instant(rs, 7)));
            }
        }
        return events;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Array array(Connection c, Collection<String> ids) throws SQLException {
        return c.createArrayOf("varchar", ids.toArray());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static String json(Map<String, String> headers) {
        return Outbox.json(headers);
    }

    static Map<String, String> headers(String json) {
        return Outbox.headers(json);
    }
}
