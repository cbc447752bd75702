package com.supportdesk.reporting.delivery;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ReportIssued;
import com.supportdesk.contract.model.ReportApplicationFigures;
import com.supportdesk.contract.model.ReportSeverityFigures;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.reporting.ReportingSettings;
import com.supportdesk.reporting.projection.Projector;
import com.supportdesk.reporting.projection.ProjectorDataSource;
import com.supportdesk.reporting.report.MonthlyReport;
import com.supportdesk.reporting.report.MonthlySchedule;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.Worker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Issues each account's monthly service level report for delivery ({@code support.report.issued.v1} on
 * {@code report-events}; notification-service e-mails it to the designated contacts): once per account and month on
 * the scheduled business day ({@link MonthlySchedule}), and again when operations ask (a resend, numbered). The
 * issue's row and its event are written in one transaction, and the row's key (account, month, issue) makes the
 * scheduled one happen once, whichever instance finds it due first and however often it restarts. Due reports are
 * looked for every minute; a report missed while no instance ran goes out when one runs again.
 */
@ApplicationScoped
public class ReportIssuer extends Worker {
    private static final Logger LOG = Logger.getLogger(ReportIssuer.class);
    /** As sla-service publishes them on sla-config (the shipped ones until then). */
    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    Calendars calendars;

    @Inject
    com.supportdesk.support.Regions regions;

    static final String SOURCE = "/reporting-service";

    @Inject
    ProjectorDataSource dataSource;

    @Inject
    Projector projector;

    @Inject
    Clock clock;

    @Inject
    ReportingSettings settings;

    /** One issue of a report: its number, whether it is a resend, and the id of its event. */
    public record Issue(
            String accountId,
            String month,
            int issue,
            boolean resend,
            String requestedBy,
            Instant at,
            String eventId) {}

    void start(@Observes @Priority(20) StartupEvent ev) {
        // fail at start-up, not at the first month end, when the business day is out of range
        MonthlySchedule.dueAt(
                calendars.get("europe"),
                YearMonth.of(2026, 1),
                settings.monthlyDelivery().businessDay());
        if (settings.monthlyDelivery().enabled()) {
            startWorker("report-issuer", health.watch("report-issuer"));
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
    }

    @Override
    protected long round() {
        int issued = issueDue(clock.instant());
        if (issued > 0) {
            LOG.infof("Issued %d monthly report(s) for delivery", issued);
        }
        return settings.monthlyDelivery().checkEvery().toMillis();
    }

    /**
     * Issues the previous month's report of every account whose delivery is due at {@code now} and was not issued
     * yet; returns how many it issued.
     */
    public int issueDue(Instant now) {
        int businessDay = settings.monthlyDelivery().businessDay();
        // the previous month in any account's zone is one of these three (UTC-12 .. UTC+14 around a month end)
        YearMonth utc = YearMonth.from(now.atZone(java.time.ZoneOffset.UTC));
        List<String> months =
                List.of(utc.minusMonths(2).toString(), utc.minusMonths(1).toString(), utc.toString());
        java.util.Set<String> done = new java.util.HashSet<>();
        List<String[]> candidates = Jdbc.inTransaction(dataSource, c -> {
            // one read a round: the scheduled issues already made, then every account (not a transaction each)
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, month FROM reporting.rpt_report_issue "
                    + "WHERE issue = 0 AND month = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", months.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        done.add(rs.getString(1) + "/" + rs.getString(2));
                    }
                }
            }
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT accountid, region FROM reporting.rpt_account");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
        int issued = 0;
        for (String[] a : candidates) {
            BusinessCalendar calendar = calendar(a[1]);
            YearMonth month = YearMonth.from(now.atZone(calendar.zone())).minusMonths(1);
            if (done.contains(a[0] + "/" + month)
                    || now.isBefore(MonthlySchedule.dueAt(calendar, month, businessDay))) {
                continue;
            }
            if (issue(a[0], month, false, null, now).isPresent()) {
                issued++;
            }
        }
        if (issued > 0) {
            projector.pokeOutbox();
        }
        return issued;
    }

    /**
     * Issues an account's report of {@code month}: the scheduled issue (0) when {@code resend} is false, and only if
     * it was not issued yet; the next resend otherwise (or the first issue, when none went out yet). Empty when there
     * was nothing to issue.
     */
    public Optional<Issue> issue(String accountId, YearMonth month, boolean resend, String requestedBy, Instant now) {
        Optional<Issue> done = Jdbc.inTransaction(dataSource, c -> {
            // one issuer at a time per account (other instances, ops asking twice): they queue here
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "report:" + accountId);
                lock.executeQuery().close();
            }
            Integer last = lastIssue(c, accountId, month);
            if (!resend && last != null) {
                return Optional.<Issue>empty();
            }
            int number = last == null ? 0 : last + 1;
            Optional<ReportIssued> report = compute(c, accountId, month, number, requestedBy, now);
            if (report.isEmpty()) {
                return Optional.<Issue>empty();
            }
            String eventId = UUID.nameUUIDFromBytes(("report-issued/" + accountId + "/" + month + "/" + number)
                            .getBytes(StandardCharsets.UTF_8))
                    .toString();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reporting.rpt_report_issue (account_id, month, "
                    + "issue, requested_by, issued_at, event_id) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, accountId);
                ps.setString(2, month.toString());
                ps.setInt(3, number);
                ps.setString(4, requestedBy);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setString(6, eventId);
                if (ps.executeUpdate() == 0) {
                    return Optional.<Issue>empty();
                }
            }
            CloudEvent envelope = new CloudEvent(
                    eventId,
                    Catalog.of(ReportIssued.class).type(),
                    SOURCE,
                    accountId,
                    now,
                    null,
                    accountId,
                    report.get());
            Projector.OUTBOX.enqueue(
                    c,
                    List.of(new Outbox.Outgoing(
                            Topics.REPORT_EVENTS,
                            accountId,
                            CloudEventCodec.headers(envelope),
                            CloudEventCodec.body(report.get()))));
            return Optional.of(new Issue(accountId, month.toString(), number, number > 0, requestedBy, now, eventId));
        });
        done.ifPresent(i -> {
            LOG.infof(
                    "Report %s of %s issued (issue %d%s)",
                    i.month(), accountId, i.issue(), i.resend() ? ", a resend" : "");
            projector.pokeOutbox();
        });
        return done;
    }

    /** Every issue of an account's report of {@code month}, in order. */
    public List<Issue> issues(String accountId, YearMonth month) {
        return Jdbc.inTransaction(dataSource, c -> {
            List<Issue> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT issue, requested_by, issued_at, event_id FROM "
                    + "reporting.rpt_report_issue WHERE account_id = ? AND month = ? ORDER BY issue")) {
                ps.setString(1, accountId);
                ps.setString(2, month.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Issue(
                                accountId,
                                month.toString(),
                                rs.getInt(1),
                                rs.getInt(1) > 0,
                                rs.getString(2),
                                Jdbc.instant(rs, 3),
                                rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** What notification-service reported about a month's report e-mails: the type and the event's data (JSON). */
    public record Outcome(String type, Instant at, String data) {}

    /** The delivery outcomes of an account's report of {@code month} (from notification-events), oldest first. */
    public List<Outcome> outcomes(String accountId, YearMonth month) {
        return Jdbc.inTransaction(dataSource, c -> {
            List<Outcome> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT type, \"time\", data FROM reporting.rpt_event "
                    + "WHERE subject = ? AND topic = ? ORDER BY \"time\", eventid")) {
                ps.setString(1, subjectOf(accountId, month));
                ps.setString(2, Topics.NOTIFICATION_EVENTS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Outcome(rs.getString(1), Jdbc.instant(rs, 2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    /** The subject of a month's report deliveries on notification-events. */
    public static String subjectOf(String accountId, YearMonth month) {
        return "report:" + accountId + ":" + month;
    }

    /** The time zone an account's months run in (its region's support calendar); empty when it is unknown. */
    public Optional<ZoneId> zoneOf(String accountId) {
        return Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT region FROM reporting.rpt_account WHERE accountid = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(calendar(rs.getString(1)).zone()) : Optional.<ZoneId>empty();
                }
            }
        });
    }

    private static Integer lastIssue(Connection c, String accountId, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT max(issue) FROM reporting.rpt_report_issue WHERE account_id = ? AND month = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, month.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int v = rs.getInt(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    /** The report of {@code month} as the read model has it now; empty when the account is unknown. */
    private Optional<ReportIssued> compute(
            Connection c, String accountId, YearMonth month, int number, String requestedBy, Instant now)
            throws SQLException {
        String name;
        String region;
        List<String> apps;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, region, applications FROM reporting.rpt_account WHERE accountid = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                name = rs.getString(1);
                region = rs.getString(2);
                String csv = rs.getString(3);
                apps = csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
            }
        }
        ZoneId zone = calendar(region).zone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<MonthlyReport.TicketFacts> tickets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT severity, openedat, responseoutcome, "
                + "responsebusinessseconds, resolutionoutcome, reference, title, kind, application, nonstandard, "
                + "scopereason FROM reporting.rpt_ticket WHERE accountid = ? AND openedat >= ? AND openedat < ?")) {
            ps.setString(1, accountId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long seconds = rs.getObject(4) == null ? null : rs.getLong(4);
                    tickets.add(new MonthlyReport.TicketFacts(
                            rs.getString(1),
                            Jdbc.instant(rs, 2),
                            rs.getString(3),
                            seconds,
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getBoolean(10),
                            rs.getString(11)));
                }
            }
        }
        List<MonthlyReport.OutageFacts> outages = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT application, planned, startedat, endedat, "
                + "affectedaccounts FROM reporting.rpt_outage WHERE cancelled = false AND startedat < ? "
                + "AND (endedat IS NULL OR endedat > ?)")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String affected = rs.getString(5);
                    boolean mine = affected == null || affected.isBlank()
                            ? apps.contains(rs.getString(1))
                            : Arrays.asList(affected.split(",")).contains(accountId);
                    if (mine) {
                        outages.add(new MonthlyReport.OutageFacts(
                                rs.getString(1), rs.getBoolean(2), Jdbc.instant(rs, 3), Jdbc.instant(rs, 4)));
                    }
                }
            }
        }
        MonthlyReport r = MonthlyReport.compute(accountId, name, month, zone, tickets, apps, outages, now);
        return Optional.of(new ReportIssued(
                accountId,
                month.toString(),
                number,
                number > 0,
                requestedBy,
                zone.getId(),
                name,
                r.ticketsOpened(),
                r.nonStandardTickets(),
                r.severities().stream()
                        .map(l -> new ReportSeverityFigures(
                                Severity.valueOf(l.severity()),
                                l.opened(),
                                l.responseMeasured(),
                                l.respondedInTime(),
                                d(l.responsePercent()),
                                l.objectiveMet(),
                                l.resolutionMeasured(),
                                l.resolvedInTime()))
                        .toList(),
                r.applications().stream()
                        .map(l -> new ReportApplicationFigures(
                                l.application(),
                                d(l.availabilityPercent()),
                                l.unplannedOutages(),
                                l.unplannedOutageMinutes(),
                                l.plannedMaintenanceMinutes()))
                        .toList(),
                r.csv(),
                now));
    }

    private static Double d(BigDecimal b) {
        return b == null ? null : b.doubleValue();
    }

    BusinessCalendar calendar(String region) {
        // the region's calendar as sla-service configures it (a region never heard of: Europe's)
        return calendars.byId(regions.calendarOf(region, "EUROPE")).orElseGet(() -> calendars.get("europe"));
    }
}
