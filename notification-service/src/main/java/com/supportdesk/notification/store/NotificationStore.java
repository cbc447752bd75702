package com.supportdesk.notification.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.OutageNoticeVerdict;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * notification-service's tables (schema {@code notification}) and their SQL; every method works in the caller's
 * transaction.
 */
public final class NotificationStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final Outbox OUTBOX = new Outbox("ntf_outbox");

    /** Where a delivery stands. */
    public enum State {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** Accepted by the SMTP server or the webhook (2xx). */
        SENT,
        /** Every attempt failed: in the dead-letter store, replayable. */
        PARKED,
        /** Will not be attempted (its subscription was removed). */
        CANCELLED
    }

    /**
     * One message to one recipient, caused by one event: the id is the idempotency key. {@code trace} is the W3C
     * {@code traceparent} of the handling of the event that caused it (null if untraced): its sending joins that trace.
     */
    public record Delivery(
            String id,
            String triggerId,
            String triggerType,
            NotificationChannel channel,
            NotificationKind kind,
            String recipient,
            String accountId,
            String subjectId,
            SupportLanguage language,
            boolean languageFallback,
            String subject,
            byte[] body,
            String url,
            State state,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant doneAt,
            String digestId,
            String trace) {
        /** A delivery to queue: pending, due {@code now}, in the current trace (what {@link #addDeliveries} writes). */
        public static Delivery pending(
                String id,
                String triggerId,
                String triggerType,
                NotificationChannel channel,
                NotificationKind kind,
                String recipient,
                String accountId,
                String subjectId,
                SupportLanguage language,
                boolean languageFallback,
                String subject,
                byte[] body,
                String url,
                Instant now) {
            return new Delivery(
                    id,
                    triggerId,
                    triggerType,
                    channel,
                    kind,
                    recipient,
                    accountId,
                    subjectId,
                    language,
                    languageFallback,
                    subject,
                    body,
                    url,
                    State.PENDING,
                    0,
                    now,
                    null,
                    now,
                    null,
                    null,
                    com.supportdesk.support.Tracing.traceparent());
        }
    }

    /**
     * A webhook subscription. {@code secret} is sealed (SecretBox); after a rotation {@code previousSecret} (sealed too)
     * still signs until {@code previousUntil}.
     */
    public record Subscription(
            String id,
            String url,
            List<String> eventTypes,
            List<String> accounts,
            String secret,
            String owner,
            Instant createdAt,
            String previousSecret,
            Instant previousUntil) {
        public Subscription(
                String id,
                String url,
                List<String> eventTypes,
                List<String> accounts,
                String secret,
                String owner,
                Instant createdAt) {
            this(id, url, eventTypes, accounts, secret, owner, createdAt, null, null);
        }
    }

    /** An outage as one affected account sees it. */
    public record OutageRow(
            String outageId,
            String accountId,
            String application,
            Instant startedAt,
            Instant endedAt,
            Instant checkAt,
            OutageNoticeVerdict verdict,
            String reason,
            Instant decidedAt) {}

    /** An event put aside until its account's profile arrives. */
    public record Waiting(
            String eventId, String accountId, Map<String, String> headers, byte[] body, Instant receivedAt) {}

    /** Recipients are spread over this many slots (by a hash of the address); the e-mail senders share them. */
    public static final int SLOTS = 64;

    // The tables: src/main/resources/db/migration (Flyway).

    // ---- events seen (the consumers' idempotency) ---------------------------------------------------------------

    /** Marks an event as handled; false when it was handled before (a redelivery). */
    public static boolean firstTime(Connection c, String eventId, Instant now) throws SQLException {
        return Jdbc.update(
                        c,
                        "INSERT INTO ntf_seen (event_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        eventId,
                        now)
                == 1;
    }

    /**
     * Marks a poll's events as handled in one statement; returns the ids not handled before (a redelivered event is
     * not among them).
     */
    public static java.util.Set<String> firstTimes(Connection c, java.util.Collection<String> eventIds, Instant now)
            throws SQLException {
        java.util.Set<String> first = new java.util.HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ntf_seen (event_id, seen_at)"
                + " SELECT unnest(?::varchar[]), ? ON CONFLICT DO NOTHING RETURNING event_id")) {
            ps.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
            ps.setTimestamp(2, java.sql.Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    first.add(rs.getString(1));
                }
            }
        }
        return first;
    }

    /** Deletes up to {@code slice} deliveries sent before {@code before}, oldest first; returns how many. */
    public static int purgeSentBefore(Connection c, Instant before, int slice) throws SQLException {
        return Jdbc.update(
                c,
                "DELETE FROM ntf_delivery WHERE id IN (SELECT id FROM ntf_delivery WHERE state = 'SENT' AND done_at < ?"
                        + " ORDER BY done_at LIMIT ?)",
                before,
                slice);
    }

    public static int forgetSeenBefore(Connection c, Instant before) throws SQLException {
        return Jdbc.update(c, "DELETE FROM ntf_seen WHERE seen_at < ?", before);
    }

    // ---- accounts and tickets -----------------------------------------------------------------------------------

    /**
     * Serialises, per key (an account id, or {@code application:<name>}), an event that finds no profile or no user
     * of an application with the profile's arrival: without it each could miss the other's uncommitted rows. Held
     * until the transaction ends.
     */
    public static void lockAccount(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT pg_advisory_xact_lock(hashtext(?))", accountId);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
        }
    }

    /**
     * {@link #lockAccount} for several keys in one statement, taken in the order given (callers give them sorted, so
     * that two transactions wanting the same keys take them in the same order), but <em>shared</em>: the events of one
     * poll only read a profile and queue what it asks for, so they wait for a profile's arrival ({@link #lockAccount}
     * takes it exclusively) and not for another consumer's poll of the same accounts. With the lock exclusive,
     * notification-service's three event consumers took turns on a busy account: on the stack, a poll of breaches
     * waited up to 0.9 s for a poll of receipts to commit (docs/benchmarks.md, session 38).
     */
    public static void shareAccounts(Connection c, java.util.SortedSet<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(pg_advisory_xact_lock_shared(hashtext(k))) FROM unnest(?::text[]) k")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    /** The profiles of several accounts, in one statement (an unknown account is not in the map). */
    public static Map<String, AccountProfile> accounts(Connection c, java.util.Collection<String> accountIds)
            throws SQLException {
        Map<String, AccountProfile> profiles = new java.util.HashMap<>();
        if (accountIds.isEmpty()) {
            return profiles;
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT account_id, profile FROM ntf_account WHERE account_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", accountIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    profiles.put(rs.getString(1), read(rs.getString(2), AccountProfile.class));
                }
            }
        }
        return profiles;
    }

    public static void saveAccount(Connection c, String accountId, AccountProfile profile) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO ntf_account (account_id, profile) VALUES (?, ?) "
                        + "ON CONFLICT (account_id) DO UPDATE SET profile = EXCLUDED.profile",
                accountId,
                json(profile));
    }

    public static Optional<AccountProfile> account(Connection c, String accountId) throws SQLException {
        List<String> rows = Jdbc.strings(c, "SELECT profile FROM ntf_account WHERE account_id = ?", accountId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(read(rows.get(0), AccountProfile.class));
    }

    /** Accounts whose profile lists {@code application}. */
    public static List<String> accountsUsing(Connection c, String application) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, profile FROM ntf_account ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                AccountProfile p = read(rs.getString(2), AccountProfile.class);
                if (p.applications() != null && p.applications().contains(application)) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** What the templates show of a ticket. */
    public record TicketInfo(String ticketId, String accountId, String reference, String title, String severity) {}

    /** Saves a ticket as an opening or a reclassification left it (its severity updated if it is stored already). */
    public static void saveTicket(Connection c, TicketInfo t) throws SQLException {
        saveTickets(c, List.of(t));
    }

    /** Saves tickets as {@link #saveTicket} does, in one statement for all of them (a poll's). */
    public static void saveTickets(Connection c, java.util.Collection<TicketInfo> tickets) throws SQLException {
        if (tickets.isEmpty()) {
            return;
        }
        int n = tickets.size();
        String[] id = new String[n], account = new String[n], reference = new String[n], title = new String[n];
        String[] severity = new String[n];
        int i = 0;
        for (TicketInfo t : tickets) {
            id[i] = t.ticketId();
            account[i] = t.accountId();
            reference[i] = t.reference();
            title[i] = t.title();
            severity[i++] = t.severity();
        }
        Jdbc.update(
                c,
                "INSERT INTO ntf_ticket (ticket_id, account_id, reference, title, severity) "
                        + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                        + "ON CONFLICT (ticket_id) DO UPDATE SET severity = EXCLUDED.severity",
                c.createArrayOf("text", id),
                c.createArrayOf("text", account),
                c.createArrayOf("text", reference),
                c.createArrayOf("text", title),
                c.createArrayOf("text", severity));
    }

    public static void updateSeverity(Connection c, String ticketId, String severity) throws SQLException {
        Jdbc.update(c, "UPDATE ntf_ticket SET severity = ? WHERE ticket_id = ?", severity, ticketId);
    }

    public static Optional<TicketInfo> ticket(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(
                        c,
                        "SELECT ticket_id, account_id, reference, title, severity "
                                + "FROM ntf_ticket WHERE ticket_id = ?",
                        ticketId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new TicketInfo(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                    : Optional.empty();
        }
    }

    /** The stored tickets among {@code ticketIds}, by id (one statement). */
    public static Map<String, TicketInfo> tickets(Connection c, java.util.Collection<String> ticketIds)
            throws SQLException {
        Map<String, TicketInfo> found = new java.util.HashMap<>();
        if (ticketIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = Jdbc.prepare(
                        c,
                        "SELECT ticket_id, account_id, reference, title, severity "
                                + "FROM ntf_ticket WHERE ticket_id = ANY(?)",
                        c.createArrayOf("text", ticketIds.toArray()));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.put(
                        rs.getString(1),
                        new TicketInfo(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return found;
    }

    // ---- events waiting for their account -----------------------------------------------------------------------

    public static void putAside(Connection c, Waiting w) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO ntf_waiting (event_id, account_id, headers, body, received_at) VALUES (?,?,?,?,?) "
                        + "ON CONFLICT DO NOTHING",
                w.eventId(),
                w.accountId(),
                Outbox.json(w.headers()),
                w.body(),
                w.receivedAt());
    }

    /** Takes (deletes and returns) the events waiting for {@code accountId}, oldest first. */
    public static List<Waiting> takeWaiting(Connection c, String accountId) throws SQLException {
        return takeWaiting(c, "account_id = ?", accountId);
    }

    /** Takes the events that waited since before {@code before}. */
    public static List<Waiting> takeExpired(Connection c, Instant before) throws SQLException {
        return takeWaiting(c, "received_at < ?", before);
    }

    private static List<Waiting> takeWaiting(Connection c, String where, Object param) throws SQLException {
        List<Waiting> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(
                        c,
                        "DELETE FROM ntf_waiting WHERE " + where
                                + " RETURNING event_id, account_id, headers, body, received_at",
                        param);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Waiting(
                        rs.getString(1),
                        rs.getString(2),
                        Outbox.headers(rs.getString(3)),
                        rs.getBytes(4),
                        Jdbc.instant(rs, 5)));
            }
        }
        out.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
        return out;
    }

    public static Optional<Instant> oldestWaiting(Connection c) throws SQLException {
        return Jdbc.firstInstant(c, "SELECT min(received_at) FROM ntf_waiting");
    }

    // ---- outages ------------------------------------------------------------------------------------------------

    public static void saveOutage(Connection c, OutageRow o) throws SQLException {
        Jdbc.update(
                c,
                """
                INSERT INTO ntf_outage (outage_id, account_id, application, started_at, ended_at, check_at, verdict,
                    reason, decided_at) VALUES (?,?,?,?,?,?,?,?,?)
                ON CONFLICT (outage_id, account_id) DO UPDATE SET ended_at = EXCLUDED.ended_at,
                    check_at = EXCLUDED.check_at, verdict = EXCLUDED.verdict, reason = EXCLUDED.reason,
                    decided_at = EXCLUDED.decided_at""",
                o.outageId(),
                o.accountId(),
                o.application(),
                o.startedAt(),
                o.endedAt(),
                o.checkAt(),
                o.verdict() == null ? null : o.verdict().name(),
                o.reason(),
                o.decidedAt());
    }

    /** Remembers an outage declared for every account using its application (or its end). */
    public static void saveScope(Connection c, String outageId, String application, Instant startedAt, Instant endedAt)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO ntf_outage_scope (outage_id, application, started_at, ended_at) VALUES (?,?,?,?) "
                        + "ON CONFLICT (outage_id) DO UPDATE SET ended_at = COALESCE(EXCLUDED.ended_at, ntf_outage_scope.ended_at)",
                outageId,
                application,
                startedAt,
                endedAt);
    }

    public static void saveMaintenanceScope(
            Connection c, String eventId, String application, Map<String, String> headers, byte[] body)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO ntf_maintenance_scope (event_id, application, headers, body) VALUES (?,?,?,?) "
                        + "ON CONFLICT DO NOTHING",
                eventId,
                application,
                Outbox.json(headers),
                body);
    }

    /** Application-wide maintenance announcements of these applications (headers and body of each event). */
    public static List<Waiting> maintenanceScopes(Connection c, String accountId, List<String> applications)
            throws SQLException {
        List<Waiting> out = new ArrayList<>();
        if (applications == null || applications.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_id, headers, body FROM ntf_maintenance_scope WHERE application = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", applications.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Waiting(
                            rs.getString(1), accountId, Outbox.headers(rs.getString(2)), rs.getBytes(3), null));
                }
            }
        }
        return out;
    }

    /** Application-wide outages of these applications that {@code accountId} has no row for yet. */
    public static List<OutageRow> scopesMissing(Connection c, String accountId, List<String> applications)
            throws SQLException {
        List<OutageRow> out = new ArrayList<>();
        if (applications == null || applications.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.outage_id, s.application, s.started_at, s.ended_at FROM ntf_outage_scope s
                WHERE s.application = ANY(?) AND NOT EXISTS (
                    SELECT 1 FROM ntf_outage o WHERE o.outage_id = s.outage_id AND o.account_id = ?)""")) {
            ps.setArray(1, c.createArrayOf("varchar", applications.toArray()));
            ps.setString(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant ended = Jdbc.instant(rs, 4);
                    out.add(new OutageRow(
                            rs.getString(1),
                            accountId,
                            rs.getString(2),
                            Jdbc.instant(rs, 3),
                            ended,
                            null,
                            null,
                            null,
                            null));
                }
            }
        }
        return out;
    }

    public static List<OutageRow> outages(Connection c, String outageId) throws SQLException {
        return outages(c, "outage_id = ? ORDER BY account_id FOR UPDATE", outageId);
    }

    /** Undecided outages whose check is due, locked (other instances skip them). */
    public static List<OutageRow> dueOutages(Connection c, Instant now, int limit) throws SQLException {
        return outages(
                c,
                "verdict IS NULL AND check_at <= ? ORDER BY check_at LIMIT " + limit + " FOR UPDATE SKIP LOCKED",
                now);
    }

    public static List<OutageRow> recentOutages(Connection c, int limit) throws SQLException {
        return outages(c, "TRUE ORDER BY started_at DESC, outage_id, account_id LIMIT " + limit, new Object[0]);
    }

    public static Optional<Instant> nextOutageCheck(Connection c) throws SQLException {
        return Jdbc.firstInstant(c, "SELECT min(check_at) FROM ntf_outage WHERE verdict IS NULL");
    }

    private static List<OutageRow> outages(Connection c, String where, Object... params) throws SQLException {
        List<OutageRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(
                        c,
                        "SELECT outage_id, account_id, application, started_at, ended_at, "
                                + "check_at, verdict, reason, decided_at FROM ntf_outage WHERE " + where,
                        params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String verdict = rs.getString(7);
                out.add(new OutageRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Jdbc.instant(rs, 4),
                        Jdbc.instant(rs, 5),
                        Jdbc.instant(rs, 6),
                        verdict == null ? null : OutageNoticeVerdict.valueOf(verdict),
                        rs.getString(8),
                        Jdbc.instant(rs, 9)));
            }
        }
        return out;
    }

    // ---- subscriptions ------------------------------------------------------------------------------------------

    public static void saveSubscription(Connection c, Subscription s) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO ntf_subscription (id, url, event_types, accounts, secret, owner, created_at) "
                        + "VALUES (?,?,?,?,?,?,?)",
                s.id(),
                s.url(),
                json(s.eventTypes()),
                json(s.accounts()),
                s.secret(),
                s.owner(),
                s.createdAt());
    }

    /** A new secret for the subscription; the current one signs along until {@code previousUntil}. */
    public static boolean rotateSecret(
            Connection c, String id, String sealedSecret, String sealedPrevious, Instant previousUntil)
            throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE ntf_subscription SET secret = ?, previous_secret = ?, previous_until = ? "
                                + "WHERE id = ? AND active",
                        sealedSecret,
                        sealedPrevious,
                        previousUntil,
                        id)
                == 1;
    }

    /** Every subscription's stored secrets, active or not: for sealing them anew (a new key, plain ones of old). */
    public static List<String[]> storedSecrets(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, secret, previous_secret FROM ntf_subscription");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    public static void storeSecrets(Connection c, String id, String secret, String previous) throws SQLException {
        Jdbc.update(
                c, "UPDATE ntf_subscription SET secret = ?, previous_secret = ? WHERE id = ?", secret, previous, id);
    }

    public static boolean deactivate(Connection c, String id) throws SQLException {
        boolean done = Jdbc.update(c, "UPDATE ntf_subscription SET active = FALSE WHERE id = ? AND active", id) == 1;
        if (done) {
            Jdbc.update(
                    c,
                    "UPDATE ntf_delivery SET state = 'CANCELLED', last_error = 'subscription removed' "
                            + "WHERE channel = 'WEBHOOK' AND recipient = ? AND state = 'PENDING'",
                    id);
        }
        return done;
    }

    public static List<Subscription> subscriptions(Connection c) throws SQLException {
        return subscriptions(c, "active ORDER BY created_at, id");
    }

    public static Optional<Subscription> subscription(Connection c, String id) throws SQLException {
        return subscriptions(c, "active AND id = ?", id).stream().findFirst();
    }

    private static List<Subscription> subscriptions(Connection c, String where, Object... params) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(
                        c,
                        "SELECT id, url, event_types, accounts, secret, owner, created_at, "
                                + "previous_secret, previous_until FROM ntf_subscription WHERE " + where,
                        params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Subscription(
                        rs.getString(1),
                        rs.getString(2),
                        strings(rs.getString(3)),
                        strings(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6),
                        Jdbc.instant(rs, 7),
                        rs.getString(8),
                        Jdbc.instant(rs, 9)));
            }
        }
        return out;
    }

    // ---- deliveries ---------------------------------------------------------------------------------------------

    /** Deliveries written by one statement at most: a poll's e-mails, a few hundred kilobytes of bodies. */
    static final int INSERT_SLICE = 500;

    /**
     * Queues deliveries, a poll's or an e-mail's recipients, in one statement per {@value #INSERT_SLICE}: every
     * column an array, the rows made by {@code unnest}, so the statement's text is the same whatever the number of
     * rows (one multi-row {@code VALUES} was a statement of its own for each row count, parsed and planned anew). One
     * whose id is queued already, or comes twice, is left as it is. Returns how many were new.
     */
    public static int addDeliveries(Connection c, List<Delivery> deliveries) throws SQLException {
        int added = 0;
        for (int from = 0; from < deliveries.size(); from += INSERT_SLICE) {
            added += insertDeliveries(c, deliveries.subList(from, Math.min(deliveries.size(), from + INSERT_SLICE)));
        }
        return added;
    }

    private static final String INSERT_DELIVERIES = """
            INSERT INTO ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id,
                language, language_fallback, subject, body, url, state, attempts, next_attempt_at, created_at, urgency,
                trace)
            SELECT u.id, u.trigger_id, u.trigger_type, u.channel, u.kind, u.recipient, u.account_id, u.subject_id,
                u.language, u.language_fallback, u.subject, u.body, u.url, 'PENDING', 0, u.next_attempt_at::timestamptz,
                u.created_at::timestamptz, u.urgency, u.trace
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::bool[], ?::text[], ?::bytea[], ?::text[], ?::text[], ?::text[], ?::int2[], ?::text[])
                AS u(id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id, language,
                    language_fallback, subject, body, url, next_attempt_at, created_at, urgency, trace)
            ON CONFLICT (id) DO NOTHING""";

    private static int insertDeliveries(Connection c, List<Delivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return 0;
        }
        int n = deliveries.size();
        String[] id = new String[n], triggerId = new String[n], triggerType = new String[n], channel = new String[n];
        String[] kind = new String[n], recipient = new String[n], accountId = new String[n], subjectId = new String[n];
        String[] language = new String[n], subject = new String[n], url = new String[n], nextAttempt = new String[n];
        String[] created = new String[n], trace = new String[n];
        Boolean[] fallback = new Boolean[n];
        byte[][] body = new byte[n][];
        Short[] urgency = new Short[n];
        for (int i = 0; i < n; i++) {
            Delivery d = deliveries.get(i);
            id[i] = d.id();
            triggerId[i] = d.triggerId();
            triggerType[i] = d.triggerType();
            channel[i] = d.channel().name();
            kind[i] = d.kind().name();
            recipient[i] = d.recipient();
            accountId[i] = d.accountId();
            subjectId[i] = d.subjectId();
            language[i] = d.language() == null ? null : d.language().name();
            fallback[i] = d.languageFallback();
            subject[i] = d.subject();
            body[i] = d.body();
            url[i] = d.url();
            nextAttempt[i] =
                    d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString();
            created[i] = d.createdAt().toString();
            urgency[i] = (short) urgency(d.kind());
            trace[i] = d.trace();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_DELIVERIES)) {
            int p = 1;
            for (String[] column :
                    List.of(id, triggerId, triggerType, channel, kind, recipient, accountId, subjectId, language)) {
                ps.setArray(p++, c.createArrayOf("text", column));
            }
            ps.setArray(p++, c.createArrayOf("bool", fallback));
            ps.setArray(p++, c.createArrayOf("text", subject));
            ps.setArray(p++, c.createArrayOf("bytea", body));
            for (String[] column : List.of(url, nextAttempt, created)) {
                ps.setArray(p++, c.createArrayOf("text", column));
            }
            ps.setArray(p++, c.createArrayOf("int2", urgency));
            ps.setArray(p, c.createArrayOf("text", trace));
            return ps.executeUpdate();
        }
    }

    /**
     * How urgent a kind of notice is; the delivery workers take the most urgent due deliveries first, so a strategic
     * account manager's escalation is not queued behind a burst of receipts: escalations, then outage notices,
     * breaches, maintenance announcements, then the routine notices (receipts, messages, status changes; webhook
     * events on their own channel) in the order they fell due, so that a ticket's receipt still comes before the
     * news of its acknowledgement.
     */
    public static final int ROUTINE = 4;

    public static int urgency(NotificationKind kind) {
        return switch (kind) {
            case ESCALATION -> 0;
            case OUTAGE -> 1;
            case BREACH -> 2;
            case MAINTENANCE, MONTHLY_REPORT -> 3;
            case MESSAGE, STATUS_CHANGE, RECEIPT, EVENT -> ROUTINE;
        };
    }

    /**
     * The ids of up to {@code limit} due deliveries of a channel, most urgent first, then the longest due, unlocked
     * (locking here would hold a row of every slot during the send): {@link #lockDue} takes them. With several
     * senders, sender {@code shard} of {@code shards} takes only the recipients whose slot ({@link #SLOTS}) falls to
     * it, so each person's e-mails still leave one at a time and in order. Each of its slots is probed on its own index
     * range (the best rows of each, then the best of those): filtering one index by the hash instead read past every
     * other sender's due rows (400 ms a claim with 430,000 e-mails queued for 16 people).
     */
    public static List<String> dueIds(
            Connection c, NotificationChannel channel, Instant now, int limit, int shard, int shards)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = queueStatement(
                c,
                "SELECT d.id FROM unnest(?) AS s(slot_of) "
                        + "CROSS JOIN LATERAL (SELECT id, urgency, next_attempt_at FROM ntf_delivery WHERE state = 'PENDING' "
                        + "AND channel = ? AND slot = s.slot_of AND next_attempt_at <= ? ORDER BY urgency, next_attempt_at "
                        + "LIMIT " + limit + ") d ORDER BY d.urgency, d.next_attempt_at LIMIT " + limit)) {
            ps.setArray(1, c.createArrayOf("int4", slots(shard, shards)));
            ps.setString(2, channel.name());
            Jdbc.setInstant(ps, 3, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * Those of {@code ids} still pending and due at {@code now}, locked until the caller's transaction ends (other
     * workers and instances skip them); one taken meanwhile by another instance, sent, or put off after a failure is
     * left out.
     *
     * <p>When it locks any, the same statement sets the idle bound of the rest of the transaction to
     * {@code whileSending}: the sends that follow wait on the SMTP server or a webhook between its statements, bounded
     * by their own time-outs, and a session ended after a message went out would have it sent again, so the pool's
     * 30 s would be too short. A sender frozen in the middle of a send (a suspended VM) loses its session after
     * {@code whileSending} and its rows go to another sender (ADR 0010, addenda of sessions 34 and 37).
     *
     * <p>The rows are found through the key alone ({@link #PENDING_BY_KEY}: no index of the pending rows serves it,
     * and none of them is on {@code next_attempt_at} alone). One id, a sender's lock, is looked up with {@code id = ?}:
     * PostgreSQL then plans the statement once for the connection instead of at every e-mail (an array's plan for any
     * arguments assumes ten elements and looks dearer than one made for the one id, so it was planned anew each
     * time, 0.1 ms). On the senders' connections that plan cannot be a scan of the table, however small the queue was
     * when it was made ({@code quarkus.datasource.queue}).
     */
    public static List<Delivery> lockDue(Connection c, List<String> ids, Instant now, java.time.Duration whileSending)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String select = "SELECT " + COLUMNS
                + ", set_config('idle_in_transaction_session_timeout', ?, true) FROM ntf_delivery WHERE ";
        if (ids.size() == 1) {
            // a sender's lock (one delivery a transaction): run from the plan cached on the connection
            try (PreparedStatement ps = c.prepareStatement(
                    select + "id = ? AND " + PENDING_BY_KEY + " AND next_attempt_at <= ? FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, whileSending.toMillis() + "ms");
                ps.setString(2, ids.get(0));
                Jdbc.setInstant(ps, 3, now);
                return read(ps);
            }
        }
        try (PreparedStatement ps = queueStatement(
                c,
                select + "id = ANY(?) AND " + PENDING_BY_KEY
                        + " AND next_attempt_at <= ? ORDER BY urgency, next_attempt_at FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, whileSending.toMillis() + "ms");
            ps.setArray(2, c.createArrayOf("varchar", ids.toArray()));
            Jdbc.setInstant(ps, 3, now);
            return read(ps);
        }
    }

    /**
     * When the next delivery of a sender's shard falls due (see {@link #dueIds}): the earliest of each slot and
     * urgency, probed on the claim's own index (a second index of the pending rows by slot and time alone cost every
     * queued e-mail one more index entry, and this is asked only by an idle sender).
     */
    public static Optional<Instant> nextAttempt(Connection c, NotificationChannel channel, int shard, int shards)
            throws SQLException {
        try (PreparedStatement ps = queueStatement(
                c,
                "SELECT min(d.next_attempt_at) FROM unnest(?) AS s(slot_of) "
                        + "CROSS JOIN generate_series(0, " + ROUTINE + ") AS u(urgency_of) "
                        + "CROSS JOIN LATERAL (SELECT next_attempt_at FROM ntf_delivery WHERE state = 'PENDING' "
                        + "AND channel = ? AND slot = s.slot_of AND urgency = u.urgency_of::smallint "
                        + "ORDER BY next_attempt_at LIMIT 1) d")) {
            ps.setArray(1, c.createArrayOf("int4", slots(shard, shards)));
            ps.setString(2, channel.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(Jdbc.instant(rs, 1)) : Optional.empty();
            }
        }
    }

    /** The slots (of {@link #SLOTS}) whose recipients sender {@code shard} of {@code shards} serves. */
    public static Integer[] slots(int shard, int shards) {
        if (shards < 1 || shards > SLOTS || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("sender " + shard + " of " + shards + " (1 to " + SLOTS + " senders)");
        }
        List<Integer> mine = new ArrayList<>();
        for (int slot = shard; slot < SLOTS; slot += shards) {
            mine.add(slot);
        }
        return mine.toArray(Integer[]::new);
    }

    /**
     * The other due routine e-mails to {@code recipient} in {@code language} that are in no digest yet, the longest
     * due first (then by id: a poll's e-mails share their due time), up to {@code limit}; locked like
     * {@link #lockDue}. They and {@code lead} may become one digest.
     *
     * <p>Only the burst's index ({@code ntf_delivery_burst_order}, made on {@link #BURST}) can serve it, and it holds
     * each person's rows in this order, so a claim reads about {@code limit} rows however many are due. Written with
     * the plain tests, the claim's index of every pending row could serve it too, and PostgreSQL took that one when
     * the pending rows' indexes were last seen empty ({@link #PENDING_BY_KEY}): then it read and sorted all of the
     * person's due e-mails, bodies and all, for each claim (4,000 of them, 150 ms a claim, in a burst of receipts;
     * docs/benchmarks.md, session 39).
     */
    public static List<Delivery> claimBurst(Connection c, Delivery lead, Instant now, int limit) throws SQLException {
        return queued(
                c,
                BURST + " AND recipient = ? AND language IS NOT DISTINCT FROM ? AND id <> ? AND next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at, id LIMIT " + limit + " FOR UPDATE SKIP LOCKED",
                lead.recipient(),
                lead.language() == null ? null : lead.language().name(),
                lead.id(),
                now);
    }

    /**
     * A routine e-mail still pending and in no digest: what a burst is made of, as the burst's index
     * ({@code ntf_delivery_burst_order}, migration V6) states it word for word, so that this index, and no index
     * of every pending row, serves the statements that test it.
     */
    static final String BURST = "CASE WHEN state = 'PENDING' AND channel = 'EMAIL' AND urgency = " + ROUTINE
            + " AND digest_id IS NULL THEN true ELSE false END";

    /** Makes these deliveries one digest: from now on they are sent, retried and parked together. */
    public static void joinDigest(Connection c, String digestId, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ntf_delivery SET digest_id = ? WHERE id = ANY(?)")) {
            ps.setString(1, digestId);
            ps.setArray(2, c.createArrayOf("varchar", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The pending members of a digest, oldest first, locked; empty when some member is locked by another sender
     * (which then sends the digest).
     */
    public static List<Delivery> claimDigest(Connection c, String digestId) throws SQLException {
        List<Delivery> members = queued(
                c, "digest_id = ? AND " + PENDING_BY_KEY + " ORDER BY created_at, id FOR UPDATE SKIP LOCKED", digestId);
        long pending;
        try (PreparedStatement ps = queueStatement(
                        c, "SELECT count(*) FROM ntf_delivery WHERE digest_id = ? AND " + PENDING_BY_KEY);
                ResultSet rs = bound(ps, digestId).executeQuery()) {
            rs.next();
            pending = rs.getLong(1);
        }
        return members.size() == pending ? members : List.of();
    }

    /**
     * Marks {@code id} sent, and writes the messages that announce it (its outcome on notification-events) in the same
     * statement: one round trip, not two, for each message a sender hands over (ADR 0007).
     */
    public static void markSent(
            Connection c, String id, int attempts, Instant at, List<com.supportdesk.support.Outbox.Outgoing> outcomes)
            throws SQLException {
        // by its key alone, so that the statement runs from the plan cached on the connection (see lockDue)
        OUTBOX.enqueueWith(
                c,
                "UPDATE ntf_delivery SET state = 'SENT', attempts = ?, done_at = ?, next_attempt_at = NULL, "
                        + "last_error = NULL WHERE id = ?",
                java.util.Arrays.asList(attempts, at, id),
                outcomes);
    }

    /** Marks {@code ids} sent at once (a digest's members), with their outcomes' messages in the same statement. */
    public static void markSent(
            Connection c,
            List<String> ids,
            int attempts,
            Instant at,
            List<com.supportdesk.support.Outbox.Outgoing> outcomes)
            throws SQLException {
        OUTBOX.enqueueWith(
                c,
                "UPDATE ntf_delivery SET state = 'SENT', attempts = ?, done_at = ?, next_attempt_at = NULL, "
                        + "last_error = NULL WHERE id = ANY(?)",
                java.util.Arrays.asList(attempts, at, c.createArrayOf("text", ids.toArray())),
                outcomes);
    }

    public static void markRetry(Connection c, String id, int attempts, Instant next, String error)
            throws SQLException {
        Jdbc.update(
                c,
                "UPDATE ntf_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                attempts,
                next,
                truncate(error),
                id);
    }

    public static void markParked(Connection c, String id, int attempts, Instant at, String error) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE ntf_delivery SET state = 'PARKED', attempts = ?, next_attempt_at = NULL, done_at = ?, "
                        + "last_error = ? WHERE id = ?",
                attempts,
                at,
                truncate(error),
                id);
    }

    /** Puts a parked delivery back in the queue (attempts start again); false if it is not parked. */
    public static boolean replay(Connection c, String id, Instant now) throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE ntf_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = ?, "
                                + "done_at = NULL, digest_id = NULL WHERE id = ? AND state = 'PARKED'",
                        now,
                        id)
                == 1;
    }

    public static Optional<Delivery> delivery(Connection c, String id) throws SQLException {
        return deliveries(c, "id = ?", id).stream().findFirst();
    }

    public static List<Delivery> deliveriesOf(Connection c, String subjectId) throws SQLException {
        return deliveries(c, "subject_id = ? ORDER BY created_at, id", subjectId);
    }

    /** Parked deliveries, oldest first; {@code after} a delivery's id: those after it (paged by key), else from the first. */
    public static List<Delivery> parked(Connection c, int limit, String after) throws SQLException {
        if (after == null) {
            return deliveries(c, "state = 'PARKED' ORDER BY created_at, id LIMIT " + limit);
        }
        return deliveries(
                c,
                "state = 'PARKED' AND (created_at, id) > (SELECT created_at, id FROM ntf_delivery WHERE id = ?)"
                        + " ORDER BY created_at, id LIMIT " + limit,
                after);
    }

    private static final String COLUMNS = "id, trigger_id, trigger_type, channel, kind, recipient, account_id, "
            + "subject_id, language, language_fallback, subject, body, url, state, attempts, next_attempt_at, "
            + "last_error, created_at, done_at, digest_id, trace";

    private static List<Delivery> deliveries(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps =
                Jdbc.prepare(c, "SELECT " + COLUMNS + " FROM ntf_delivery WHERE " + where, params)) {
            return read(ps);
        }
    }

    /** {@link #deliveries}, read from the queue of pending deliveries: see {@link #queueStatement}. */
    private static List<Delivery> queued(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = queueStatement(c, "SELECT " + COLUMNS + " FROM ntf_delivery WHERE " + where)) {
            return read(bound(ps, params));
        }
    }

    private static PreparedStatement bound(PreparedStatement ps, Object... params) throws SQLException {
        Jdbc.bind(ps, 1, params);
        return ps;
    }

    /**
     * "Still pending", written so that no index of the pending rows can serve the statement, and the rows are found
     * through the key the statement names (a delivery's id, a digest's id). PostgreSQL estimates a partial index's
     * rows from the count it last saw there: the pending rows' indexes (the claim's and the burst's) were last looked
     * at when the queue was empty, so PostgreSQL took them for empty while a burst filled them, and a lock of one
     * delivery by its id went through the claim's index and read every pending row (up to 73,000 on the stack, 1.5
     * cores of PostgreSQL; docs/benchmarks.md, session 38). A test of the plain {@code state = 'PENDING'} would let
     * it do that.
     */
    static final String PENDING_BY_KEY = "CASE WHEN state = 'PENDING' THEN true ELSE false END";

    /**
     * A statement on the queue of pending deliveries, planned by PostgreSQL for its own arguments and the table's
     * size each time it runs, never from a plan it cached for the statement: the queue grows by the hundred thousand
     * within a minute, and a plan cached while the table was new (a scan of a table of a few rows) would be kept for
     * the burst. The driver prepares such a statement unnamed, so PostgreSQL plans it anew. Planning one costs
     * 0.1–0.15 ms, and PostgreSQL planned most of them anew anyway once the table had its statistics (an array
     * argument's generic plan assumes ten elements, so it looks dearer than the plan for the one or few ids given).
     * A sender's lock and sent mark of one delivery, which find their row through its key, are the exception: they
     * run from a cached plan, on connections where that plan cannot be a scan of the table (session 40).
     */
    static PreparedStatement queueStatement(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
        return ps;
    }

    private static List<Delivery> read(PreparedStatement ps) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String language = rs.getString(9);
                out.add(new Delivery(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        NotificationChannel.valueOf(rs.getString(4)),
                        NotificationKind.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        language == null ? null : SupportLanguage.valueOf(language),
                        rs.getBoolean(10),
                        rs.getString(11),
                        rs.getBytes(12),
                        rs.getString(13),
                        State.valueOf(rs.getString(14)),
                        rs.getInt(15),
                        Jdbc.instant(rs, 16),
                        rs.getString(17),
                        Jdbc.instant(rs, 18),
                        Jdbc.instant(rs, 19),
                        rs.getString(20),
                        rs.getString(21)));
            }
        }
        return out;
    }

    // ---- JSON ---------------------------------------------------------------------------------------------------

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }
}
