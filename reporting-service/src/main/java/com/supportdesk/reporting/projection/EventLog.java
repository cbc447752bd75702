package com.supportdesk.reporting.projection;

import com.supportdesk.reporting.ReportingSettings;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Worker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reporting's event log ({@code rpt_event}), one partition per month of the events' time (UTC), named
 * {@code rpt_event_yYYYYmMM} (ADR 0020). The projector makes a month's partition when an event of a month without one
 * comes; this keeper makes this month's and the next one's ahead (so the projector seldom needs to), and, once a
 * month is wholly older than the retention ({@code support.reporting.event-log.retention}, 24 months by default),
 * drops its partition, or detaches it as {@code rpt_event_archived_yYYYYmMM} for an operator to archive.
 *
 * <p>An event older than the first month kept is not recorded again: the live projector skips it (a redelivery or an
 * offset reset; it was applied when it was young, and its duplicate could no longer be recognized), a rebuild folds it
 * into the tables without logging it. The read model's rows and counters stay; a ticket's history shows the months
 * kept.
 */
@ApplicationScoped
public class EventLog extends Worker {
    private static final Logger LOG = Logger.getLogger(EventLog.class);
    /** The live event log. */
    public static final String TABLE = "reporting.rpt_event";

    private static final Pattern MONTH = Pattern.compile("_y(\\d{4})m(\\d{2})$");
    private static final long LOCK_KEY = 0x7270745f6576L; // one keeper at a time across instances
    /** Partitions seen committed by a writer of this JVM: a poll of months among them needs no catalogue look. */
    private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** What happens to a month past the retention. */
    public enum Expiry {
        /** The partition is dropped. */
        DROP,
        /** The partition is detached and kept as {@code rpt_event_archived_yYYYYmMM} (dump it, then drop it). */
        DETACH
    }

    /** The policy every writer in this JVM follows (set from the settings at start; tests set their own). */
    private static volatile Policy policy = new Policy(Period.ZERO, Expiry.DROP, Clock.systemUTC());

    /** How long months are kept ({@link Period#ZERO}: all of them), what becomes of older ones, the clock. */
    public record Policy(Period retention, Expiry expiry, Clock clock) {
        /** The first month kept at {@code now}, or null when every month is kept. */
        public YearMonth firstKept(Instant now) {
            if (retention.isZero() || retention.isNegative()) {
                return null;
            }
            return month(now.atOffset(ZoneOffset.UTC).minus(retention).toInstant());
        }
    }

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    ReportingSettings settings;

    @Inject
    ProjectorDataSource dataSource;

    @Inject
    Clock clock;

    void start(@Observes StartupEvent ev) {
        policy = new Policy(settings.eventLog().retention(), settings.eventLog().expired(), clock);
        startWorker("event-log-keeper", health.watch("event-log-keeper"));
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
    }

    @Override
    protected long round() {
        maintain(clock.instant());
        return settings.eventLog().checkEvery().toMillis();
    }

    /** The policy in force. */
    public static Policy policy() {
        return policy;
    }

    /** Sets the policy (tests; the bean sets it from the settings at start). */
    static void policy(Policy p) {
        policy = p;
    }

    /**
     * The month (UTC) an instant falls in: by day arithmetic (through {@code atOffset} each call made the offset's
     * zone rules anew, a few per cent of what a rebuild allocated).
     */
    public static YearMonth month(Instant t) {
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400L));
        return YearMonth.of(day.getYear(), day.getMonth());
    }

    /** The partition of {@code table} (schema-qualified) that holds {@code month}. */
    static String partition(String table, YearMonth month) {
        return table + String.format("_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    /**
     * Whether an event of {@code time} is older than the first month kept ({@link Policy#firstKept}, worked out once a
     * poll; null: every month is kept).
     */
    static boolean expired(YearMonth firstKept, Instant time) {
        return firstKept != null && month(time).isBefore(firstKept);
    }

    /** Whether {@code month} is kept at {@code now}. */
    static boolean kept(Policy p, YearMonth month, Instant now) {
        YearMonth first = p.firstKept(now);
        return first == null || !month.isBefore(first);
    }

    /**
     * Makes the partitions of {@code months} that {@code table} lacks, in the caller's transaction: a catalogue look for
     * months not seen before, nothing for the others. Nothing when {@code table} is not partitioned (a test's copy).
     */
    static void ensure(Connection c, String table, Collection<YearMonth> months) throws SQLException {
        List<String> wanted = new ArrayList<>();
        for (YearMonth m : new TreeSet<>(months)) {
            String name = partition(table, m);
            if (!SEEN.contains(name)) {
                wanted.add(name);
            }
        }
        if (wanted.isEmpty()) {
            return; // every month of the poll was there before: no look at the catalogue
        }
        List<String> missing = Jdbc.strings(
                c,
                "SELECT p FROM unnest(?::text[]) p WHERE to_regclass(p) IS NULL"
                        + " AND (SELECT relkind FROM pg_class WHERE oid = to_regclass(?)) = 'p'",
                c.createArrayOf("text", wanted.toArray()),
                table);
        for (String name : missing) {
            Matcher m = MONTH.matcher(name);
            if (!m.find()) {
                continue;
            }
            YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            Jdbc.update(
                    c,
                    "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table + " FOR VALUES FROM ('" + month
                            + "-01 00:00:00+00') TO ('" + month.plusMonths(1) + "-01 00:00:00+00')");
            LOG.infof("Event log: partition %s made", name);
        }
        // those found are committed and stay (a month the keeper drops is never written again); those made now are
        // looked at again by the next poll, in case this transaction rolls back
        wanted.removeAll(missing);
        SEEN.addAll(wanted);
    }

    /** Forgets the partitions seen (the rebuild swapped the tables; a test dropped its own). */
    static void forget() {
        SEEN.clear();
    }

    /** The months {@code table} has partitions for, oldest first. */
    static List<YearMonth> months(Connection c, String table) throws SQLException {
        List<YearMonth> out = new ArrayList<>();
        for (String name : Jdbc.strings(
                c,
                "SELECT child.relname FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid"
                        + " WHERE i.inhparent = to_regclass(?)",
                table)) {
            Matcher m = MONTH.matcher(name);
            if (m.find()) {
                out.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        out.sort(null);
        return out;
    }

    /** What a round of the keeper did. */
    public record Kept(List<YearMonth> made, List<YearMonth> expired) {}

    /**
     * Makes this month's and the next month's partitions, and drops or detaches the months wholly older than the
     * retention: one transaction, waiting at most 5 s for the table (a round that cannot have it tries again later).
     */
    public Kept maintain(Instant now) {
        return maintain(dataSource, TABLE, policy, now);
    }

    static Kept maintain(javax.sql.DataSource dataSource, String table, Policy p, Instant now) {
        Kept kept = Jdbc.inTransaction(dataSource, c -> {
            if (!"t"
                    .equals(Jdbc.strings(c, "SELECT pg_try_advisory_xact_lock(?)", LOCK_KEY)
                            .get(0))) {
                return new Kept(List.of(), List.of()); // another instance keeps it now
            }
            Jdbc.update(c, "SET LOCAL lock_timeout = '5s'");
            List<YearMonth> before = months(c, table);
            YearMonth current = month(now);
            List<YearMonth> made = new ArrayList<>();
            for (YearMonth m : List.of(current, current.plusMonths(1))) {
                if (!before.contains(m)) {
                    made.add(m);
                }
            }
            ensure(c, table, made);
            List<YearMonth> expired = new ArrayList<>();
            for (YearMonth m : before) {
                if (kept(p, m, now)) {
                    continue;
                }
                String name = partition(table, m);
                if (p.expiry() == Expiry.DETACH) {
                    String bare = table.substring(table.indexOf('.') + 1);
                    Jdbc.update(c, "ALTER TABLE " + table + " DETACH PARTITION " + name);
                    Jdbc.update(
                            c,
                            "ALTER TABLE " + name + " RENAME TO " + bare
                                    + String.format("_archived_y%04dm%02d", m.getYear(), m.getMonthValue()));
                } else {
                    Jdbc.update(c, "DROP TABLE " + name);
                }
                SEEN.remove(name);
                expired.add(m);
            }
            return new Kept(made, expired);
        });
        if (!kept.expired().isEmpty()) {
            LOG.infof(
                    "Event log: %s %s (retention %s)",
                    p.expiry() == Expiry.DETACH ? "detached for archiving" : "dropped", kept.expired(), p.retention());
        }
        return kept;
    }
}
