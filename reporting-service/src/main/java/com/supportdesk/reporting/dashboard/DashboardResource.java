package com.supportdesk.reporting.dashboard;

import com.supportdesk.reporting.model.FigureRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.reporting.projection.DashboardFigures;
import com.supportdesk.support.security.Roles;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * What the operations dashboard shows, as one snapshot, and a server-sent event stream that says when it changed
 * (the page then fetches the snapshot again: no reload, no polling while nothing happens).
 */
@Path("/api/reports/dashboard")
@RolesAllowed({Roles.AGENT, Roles.ENGINEER, Roles.SAM, Roles.OPS, Roles.ADMIN})
public class DashboardResource {
    private static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");
    private static final List<String> STATES = List.of("OPEN", "ACKNOWLEDGED", "ON_HOLD", "RESOLVED");

    @Inject
    Clock clock;

    @Inject
    Changes changes;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @Inject
    com.supportdesk.reporting.projection.ConsumerLagMonitor lagMonitor;

    /** The group whose lag is the read model's own: while it is behind, the figures on screen are. */
    static final String READ_MODEL_GROUP = "reporting-service";

    /**
     * A consumer group's records not yet handled (summed over its topics), as reporting-service last asked the broker;
     * {@code readModel} marks the group that feeds this dashboard.
     */
    public record LagLine(String group, long records, boolean readModel) {}

    public record TicketLine(
            String ticketId,
            String reference,
            String accountId,
            String title,
            String severity,
            String status,
            boolean priority,
            boolean escalated,
            String escalatedTo,
            boolean breached,
            String clock,
            Instant deadline,
            Long secondsLeft,
            Instant openedAt) {}

    public record OutageLine(
            String outageId, String application, boolean planned, Instant startedAt, Instant endedAt, long minutes) {}

    public record Snapshot(
            Instant at,
            long version,
            Map<String, Map<String, Long>> openBySeverityAndState,
            long openTotal,
            List<TicketLine> nearBreach,
            List<TicketLine> overdue,
            long overdueTotal,
            boolean overdueTotalCapped,
            long breachesToday,
            List<TicketLine> priorityAndEscalated,
            List<OutageLine> currentOutages,
            Long responseMeasuredThisMonth,
            Long respondedInTimeThisMonth,
            Double responseAttainmentThisMonth,
            List<LagLine> consumerLag,
            Instant lagMeasuredAt) {
        /** The same snapshot with the consumer groups' lag. */
        Snapshot withLag(List<LagLine> lag, Instant measuredAt) {
            return new Snapshot(
                    at,
                    version,
                    openBySeverityAndState,
                    openTotal,
                    nearBreach,
                    overdue,
                    overdueTotal,
                    overdueTotalCapped,
                    breachesToday,
                    priorityAndEscalated,
                    currentOutages,
                    responseMeasuredThisMonth,
                    respondedInTimeThisMonth,
                    responseAttainmentThisMonth,
                    lag,
                    measuredAt);
        }
    }

    /** Lines in each of the lists; each list is read in its own index's order and cut here. */
    static final int NEAR = 15;

    static final int LATE = 15;
    static final int ATTENTION = 20;
    /** Overdue tickets are counted up to this many; more shows as {@code overdueTotalCapped}. */
    static final int OVERDUE_CAP = 1000;

    /**
     * The snapshot from the projector's counters ({@link com.supportdesk.reporting.projection.DashboardFigures}) and
     * three short lists read off partial indexes in their order: its cost does not grow with the tickets.
     */
    /** The last snapshot read, with the read model's version it was read at. */
    private record Cached(long version, Snapshot snapshot) {}

    /** How long a snapshot is answered again while the read model has not changed (its times left move meanwhile). */
    static final Duration REUSE = Duration.ofSeconds(1);

    private volatile Cached last;

    /**
     * The snapshot, read again when the read model changed or the last one is a second old: every open dashboard
     * asks when the stream says it changed, and they all get the one read.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Snapshot> snapshot() {
        Cached c = last;
        long version = changes.version();
        Instant now = clock.instant();
        if (c != null
                && c.version() == version
                && !now.isBefore(c.snapshot().at())
                && Duration.between(c.snapshot().at(), now).compareTo(REUSE) < 0) {
            return Uni.createFrom().item(c.snapshot().withLag(lag(lagMonitor.lag()), lagMonitor.measuredAt()));
        }
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> read(now, version))
                .invoke(s -> last = new Cached(version, s));
    }

    private Uni<Snapshot> read(Instant now, long version) {
        Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        List<String> names = new ArrayList<>();
        for (String s : SEVERITIES) {
            STATES.forEach(st -> names.add(DashboardFigures.open(s, st)));
        }
        names.add(DashboardFigures.breaches(today));
        names.add(DashboardFigures.measured(today));
        names.add(DashboardFigures.met(today));
        Uni<Map<String, Long>> figures = FigureRecord.<FigureRecord>list("name in ?1", names)
                .map(rows -> {
                    Map<String, Long> by = new java.util.HashMap<>();
                    rows.forEach(r -> by.put(r.name, r.n));
                    return by;
                });
        Uni<List<TicketRecord>> near = TicketRecord.<TicketRecord>find("dueAt > ?1", Sort.ascending("dueAt"), now)
                .page(0, NEAR)
                .list();
        Uni<List<TicketRecord>> late = TicketRecord.<TicketRecord>find("dueAt <= ?1", Sort.descending("dueAt"), now)
                .page(0, LATE)
                .list();
        // the overdue ones counted off the same index, up to a cap: a bounded read however many there are
        Uni<Long> overdue = io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from (select 1 from reporting.rpt_ticket where dueat <= :now limit "
                                        + (OVERDUE_CAP + 1) + ") capped",
                                Long.class)
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .getSingleResult());
        Uni<List<TicketRecord>> attention = TicketRecord.<TicketRecord>find(
                        "(priority = true or escalated = true) and status in ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD')",
                        Sort.descending("escalated").and("severity").and("openedAt"))
                .page(0, ATTENTION)
                .list();
        Uni<List<OutageRecord>> outages =
                OutageRecord.list("cancelled = false and startedAt <= ?1 and (endedAt is null or endedAt > ?1)", now);
        // one session: its queries one after the other
        return figures.flatMap(f -> near.flatMap(n -> late.flatMap(l ->
                overdue.flatMap(c -> attention.flatMap(a -> outages.map(o -> build(now, version, f, n, l, c, a, o)
                        .withLag(lag(lagMonitor.lag()), lagMonitor.measuredAt())))))));
    }

    /** Every consumer group's lag summed over its topics, the read model's group first, then by name. */
    static List<LagLine> lag(Map<String, Map<String, Long>> byGroupAndTopic) {
        List<LagLine> lines = new ArrayList<>();
        byGroupAndTopic.forEach((group, topics) -> lines.add(new LagLine(
                group, topics.values().stream().mapToLong(Long::longValue).sum(), group.equals(READ_MODEL_GROUP))));
        lines.sort(Comparator.comparing((LagLine l) -> !l.readModel()).thenComparing(LagLine::group));
        return lines;
    }

    static Snapshot build(
            Instant now,
            long version,
            Map<String, Long> figures,
            List<TicketRecord> near,
            List<TicketRecord> late,
            long overdue,
            List<TicketRecord> attention,
            List<OutageRecord> outages) {
        Map<String, Map<String, Long>> grid = new LinkedHashMap<>();
        long active = 0;
        for (String s : SEVERITIES) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (String st : STATES) {
                long n = figures.getOrDefault(DashboardFigures.open(s, st), 0L);
                row.put(st, n);
                if (!"RESOLVED".equals(st)) {
                    active += n;
                }
            }
            grid.put(s, row);
        }
        List<OutageLine> current = outages.stream()
                .map(o -> new OutageLine(
                        o.outageId,
                        o.application,
                        o.planned,
                        o.startedAt,
                        o.endedAt,
                        Duration.between(o.startedAt, now).toMinutes()))
                .toList();
        Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        long measured = figures.getOrDefault(DashboardFigures.measured(today), 0L);
        long inTime = figures.getOrDefault(DashboardFigures.met(today), 0L);
        Double attainment = measured == 0 ? null : Math.round(inTime * 1000.0 / measured) / 10.0;
        return new Snapshot(
                now,
                version,
                grid,
                active,
                near.stream().map(t -> line(t, now)).toList(),
                late.stream().map(t -> line(t, now)).toList(),
                Math.min(overdue, OVERDUE_CAP),
                overdue > OVERDUE_CAP,
                figures.getOrDefault(DashboardFigures.breaches(today), 0L),
                attention.stream().map(t -> line(t, now)).toList(),
                current,
                measured,
                inTime,
                attainment,
                List.of(),
                null);
    }

    /** The ticket's running clock: the response deadline until acknowledged, then the resolution deadline. */
    public static TicketLine line(TicketRecord t, Instant now) {
        String clockName = null;
        Instant deadline = null;
        if (t.acknowledgedAt == null && t.responseOutcome == null && t.responseDeadline != null) {
            clockName = "RESPONSE";
            deadline = t.responseDeadline;
        } else if (t.resolutionOutcome == null && t.resolutionDeadline != null) {
            clockName = "RESOLUTION";
            deadline = t.resolutionDeadline;
        }
        Long left = deadline == null ? null : Duration.between(now, deadline).toSeconds();
        return new TicketLine(
                t.ticketId,
                t.reference,
                t.accountId,
                t.title,
                t.severity,
                t.status,
                t.priority,
                t.escalated,
                t.escalatedTo,
                t.breached,
                clockName,
                deadline,
                left,
                t.openedAt);
    }

    /**
     * One event per change of the read model (at most two a second), carrying its version; the first at once. The
     * stream ends when the caller's token does (the session's, for a person in the browser): the page's EventSource
     * then reconnects, which needs a valid session again, so a stream never outlives the session that opened it.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        Multi<String> changes = versions();
        if (identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt
                && jwt.getExpirationTime() > 0) {
            // the token's expiry is wall-clock time, as the OIDC layer checks it (not the read model's clock)
            Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(jwt.getExpirationTime()));
            return changes.select().first(left.isNegative() ? Duration.ZERO : left);
        }
        return changes;
    }

    private Multi<String> versions() {
        long[] last = {-1};
        return Multi.createBy()
                .merging()
                .streams(Multi.createFrom().item(0L), Multi.createFrom().ticks().every(Duration.ofMillis(500)))
                .map(tick -> changes.version())
                .select()
                .where(v -> {
                    boolean changed = v != last[0];
                    last[0] = v;
                    return changed;
                })
                .map(String::valueOf);
    }
}
