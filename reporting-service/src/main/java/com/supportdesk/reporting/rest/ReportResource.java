package com.supportdesk.reporting.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.EventRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.reporting.report.MonthlyReport;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Caller;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Queries over the read model, and the monthly service level report. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
@Authenticated
public class ReportResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As sla-service publishes them on sla-config (the shipped ones until then). */
    @Inject
    Calendars calendars;

    @Inject
    com.supportdesk.support.Regions regions;

    private static final List<String> STATUS_ORDER = List.of("OPEN", "ACKNOWLEDGED", "ON_HOLD", "RESOLVED", "CLOSED");
    private static final Set<String> STATUSES = Set.copyOf(STATUS_ORDER);
    private static final Set<String> SEVERITIES = Set.of("SEV1", "SEV2", "SEV3", "SEV4");
    private static final List<String> LEVELS = Arrays.stream(com.supportdesk.contract.model.SupportLevel.values())
            .map(Enum::name)
            .toList();
    /** A search ranks the newest this many matching tickets (a word in more narrows by filters or more words). */
    static final int RANKED = 1000;

    @Inject
    Clock clock;

    @Inject
    Callers callers;

    @Inject
    @io.quarkus.qute.Location("monthly.html")
    io.quarkus.qute.Template monthlyPage;

    /**
     * A page of tickets. Paged by number ({@code page}, {@code size}: {@code total} counts every match) or, with
     * {@code limit} or {@code cursor}, by key: {@code next} is the cursor of the following page (null on the last) and
     * nothing is counted, so a page costs the same on the thousandth page as on the first.
     */
    public record TicketPage(List<TicketRecord> items, int page, int size, Long total, String next) {}

    /** How many of the caller's tickets are in each state (every state named, zero included). */
    public record TicketCounts(java.util.Map<String, Long> byStatus) {}

    /** One event of a ticket's timeline, from whichever service published it. */
    public record TimelineEvent(
            String id, String type, String source, String topic, Instant time, Long sequence, JsonNode data) {}

    @GET
    @Path("/tickets")
    public Uni<TicketPage> tickets(
            @QueryParam("accountId") String accountId,
            @QueryParam("status") String status,
            @QueryParam("severity") String severity,
            @QueryParam("priority") Boolean priority,
            @QueryParam("breached") Boolean breached,
            @QueryParam("escalated") Boolean escalated,
            @QueryParam("openedBy") String openedBy,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit,
            @QueryParam("level") String level,
            @QueryParam("q") String q) {
        if (page < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw invalid("size", "must be between 1 and 500");
        }
        if (limit != null && (limit < 1 || limit > 500)) {
            throw invalid("limit", "must be between 1 and 500");
        }
        TicketFilter filter = new TicketFilter();
        filter.scope(accountId, openedBy);
        if (status != null) {
            filter.statuses(status);
        }
        if (severity != null) {
            String s = severity.toUpperCase(Locale.ROOT);
            if (!SEVERITIES.contains(s)) {
                throw invalid("severity", "must be one of " + SEVERITIES);
            }
            filter.add("severity = :severity", "severity", s);
        }
        if (priority != null) {
            filter.add("priority = :priority", "priority", priority);
        }
        if (breached != null) {
            filter.add("breached = :breached", "breached", breached);
        }
        if (escalated != null) {
            filter.add("escalated = :escalated", "escalated", escalated);
        }
        if (from != null) {
            filter.add("openedAt >= :from", "from", instant("from", from));
        }
        if (to != null) {
            filter.add("openedAt < :to", "to", instant("to", to));
        }
        if (level != null) {
            String l = level.toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(l)) {
                throw invalid("level", "must be one of " + LEVELS);
            }
            filter.add("level = :level", "level", l);
        }
        if (q != null) {
            return search(q, filter, limit == null ? 25 : limit, cursor);
        }
        Sort newestFirst = Sort.descending("openedAt", "ticketId");
        if (limit == null && cursor == null) {
            var found = TicketRecord.<TicketRecord>find(filter.query(), newestFirst, filter.params);
            return found.page(Page.of(page, size))
                    .list()
                    .flatMap(items -> found.count().map(total -> new TicketPage(items, page, size, total, null)));
        }
        int keyed = limit == null ? size : limit;
        if (cursor != null) {
            TicketCursor after = TicketCursor.parse(cursor);
            filter.add(
                    "(openedAt < :afterAt or (openedAt = :afterAt and ticketId < :afterId))",
                    "afterAt",
                    after.openedAt());
            filter.params.and("afterId", after.ticketId());
        }
        return TicketRecord.<TicketRecord>find(filter.query(), newestFirst, filter.params)
                .page(Page.ofSize(keyed + 1))
                .list()
                .map(rows -> {
                    List<TicketRecord> items = rows.size() > keyed ? rows.subList(0, keyed) : rows;
                    String next = rows.size() > keyed
                            ? TicketCursor.of(items.get(keyed - 1)).encoded()
                            : null;
                    return new TicketPage(items, 0, keyed, null, next);
                });
    }

    @GET
    @Path("/tickets/counts")
    public Uni<TicketCounts> ticketCounts(
            @QueryParam("accountId") String accountId, @QueryParam("openedBy") String openedBy) {
        TicketFilter filter = new TicketFilter();
        filter.scope(accountId, openedBy);
        String where = filter.query();
        String hql = "select status, count(*) from TicketRecord" + (where.isEmpty() ? "" : " where " + where)
                + " group by status";
        return io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .flatMap(session -> {
                    var query = session.createSelectionQuery(hql, Object[].class);
                    filter.params.map().forEach(query::setParameter);
                    return query.getResultList();
                })
                .map(rows -> {
                    java.util.Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
                    STATUS_ORDER.forEach(st -> byStatus.put(st, 0L));
                    rows.forEach(r -> byStatus.put((String) r[0], ((Number) r[1]).longValue()));
                    return new TicketCounts(byStatus);
                });
    }

    /**
     * Tickets with these words (PostgreSQL full-text search over reference, title, description and messages; V6),
     * within the filter (the caller's accounts always): the newest {@link #RANKED} matches ranked by
     * {@code ts_rank} (a word in the reference or title weighs most, then the description, then messages), ties
     * newest first, paged by key ({@code next}). The words are turned into a query first and sent back as a constant,
     * so PostgreSQL plans with their frequencies: a common word walks the newest-first index, a rare one the GIN index.
     */
    private Uni<TicketPage> search(String q, TicketFilter filter, int limit, String cursor) {
        String words = q.strip();
        if (words.isEmpty() || words.length() > 200) {
            throw invalid("q", "must be 1 to 200 characters");
        }
        SearchCursor after = cursor == null ? null : SearchCursor.parse(cursor);
        List<String> terms = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        java.util.regex.Matcher m = TERM.matcher(words.replaceAll("\\p{Cntrl}", " "));
        while (m.find() && terms.size() < 20) {
            boolean phrase = m.group(2) != null;
            String term = phrase ? '"' + m.group(2) + '"' : m.group(4);
            if (!term.isBlank() && !term.equals("\"\"")) {
                terms.add(term);
                negated.add(String.valueOf(!(phrase ? m.group(1) : m.group(3)).isEmpty()));
            }
        }
        List<String> positive = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            if (negated.get(i).equals("false")) {
                positive.add(terms.get(i));
            }
        }
        return io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                // what to match, and what to rank by (the same without the exclusions)
                                "select cast(reporting.search_query(string_to_array(:terms, chr(31)),"
                                        + " cast(string_to_array(:negated, ',') as boolean[])) as text),"
                                        + " cast(reporting.search_query(string_to_array(:positive, chr(31)),"
                                        + " cast(string_to_array(:unnegated, ',') as boolean[])) as text)",
                                Object[].class)
                        .setParameter("terms", String.join("\u001f", terms))
                        .setParameter("negated", String.join(",", negated))
                        .setParameter("positive", String.join("\u001f", positive))
                        .setParameter(
                                "unnegated", String.join(",", java.util.Collections.nCopies(positive.size(), "false")))
                        .getSingleResult()
                        .flatMap(query -> {
                            if (query[0] == null || query[0].toString().isEmpty()) { // only stop words or exclusions
                                return Uni.createFrom().item(new TicketPage(List.of(), 0, limit, null, null));
                            }
                            return hits(session, query[0].toString(), query[1].toString(), filter, limit, after);
                        }));
    }

    /** A search's terms: a "quoted phrase" or a word, either excluded by a leading minus. */
    private static final java.util.regex.Pattern TERM =
            java.util.regex.Pattern.compile("(-?)\"([^\"]*)\"?|(-?)([^\\s\"]+)");

    private Uni<TicketPage> hits(
            org.hibernate.reactive.mutiny.Mutiny.Session session,
            String query,
            String ranking,
            TicketFilter filter,
            int limit,
            SearchCursor after) {
        String where = filter.query();
        StringBuilder sql = new StringBuilder("select ticketid, rank, cast(openedat as text) from (select h.ticketid,"
                + " h.openedat, round(cast(ts_rank(h.doc, cast(:ranking as tsquery)) as numeric), 6) as rank from"
                + " (select s.ticketid, s.openedat, s.doc from reporting.rpt_search s"
                + " where s.doc @@ cast(:query as tsquery)");
        if (filter.visible != null) {
            sql.append(" and s.accountid in :visible"); // the account's own index for a customer
        }
        if (!where.isEmpty()) {
            // the filter's columns are the ticket's: inside the subquery they name rpt_ticket's
            sql.append(" and exists (select 1 from reporting.rpt_ticket where rpt_ticket.ticketid = s.ticketid and ")
                    .append(where)
                    .append(')');
        }
        sql.append(" order by s.openedat desc, s.ticketid desc limit ")
                .append(RANKED)
                .append(") h) r");
        if (after != null) {
            sql.append(" where (rank < :afterRank or (rank = :afterRank and (openedat < :afterAt"
                    + " or (openedat = :afterAt and ticketid < :afterId))))");
        }
        sql.append(" order by rank desc, openedat desc, ticketid desc limit ").append(limit + 1);
        var select = session.createNativeQuery(sql.toString(), Object[].class)
                .setParameter("query", query)
                .setParameter("ranking", ranking);
        filter.params.map().forEach(select::setParameter);
        if (after != null) {
            select.setParameter("afterRank", after.rank())
                    .setParameter("afterAt", after.openedAt())
                    .setParameter("afterId", after.ticketId());
        }
        return select.getResultList().flatMap(rows -> {
            List<String> ids =
                    rows.stream().limit(limit).map(r -> (String) r[0]).toList();
            String next = rows.size() > limit
                    ? new SearchCursor(
                                    new java.math.BigDecimal(String.valueOf(rows.get(limit - 1)[1])),
                                    java.time.OffsetDateTime.parse(
                                            ((String) rows.get(limit - 1)[2]).replace(' ', 'T'), POSTGRES_TIME),
                                    (String) rows.get(limit - 1)[0])
                            .encoded()
                    : null;
            if (ids.isEmpty()) {
                return Uni.createFrom().item(new TicketPage(List.of(), 0, limit, null, null));
            }
            return TicketRecord.<TicketRecord>list("ticketId in ?1", ids).map(found -> {
                java.util.Map<String, TicketRecord> byId = new java.util.HashMap<>();
                found.forEach(t -> byId.put(t.ticketId, t));
                List<TicketRecord> ranked = ids.stream()
                        .map(byId::get)
                        .filter(java.util.Objects::nonNull)
                        .toList();
                return new TicketPage(ranked, 0, limit, null, next);
            });
        });
    }

    /** The position after a search hit: its rank, then newest first; opaque to clients (base64url). */
    record SearchCursor(java.math.BigDecimal rank, java.time.OffsetDateTime openedAt, String ticketId) {
        String encoded() {
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(("s|" + rank.toPlainString() + "|" + openedAt + "|" + ticketId)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static SearchCursor parse(String cursor) {
            try {
                String[] raw = new String(
                                java.util.Base64.getUrlDecoder().decode(cursor),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .split("\\|", 4);
                if (raw.length != 4 || !raw[0].equals("s")) {
                    throw new IllegalArgumentException(cursor);
                }
                return new SearchCursor(
                        new java.math.BigDecimal(raw[1]), java.time.OffsetDateTime.parse(raw[2]), raw[3]);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw invalid("cursor", "is not a cursor of this search (take it from a page's next)");
            }
        }
    }

    /** PostgreSQL's text form of a timestamptz ({@code 2026-12-05 10:15:30.123456+00}). */
    private static final java.time.format.DateTimeFormatter POSTGRES_TIME =
            new java.time.format.DateTimeFormatterBuilder()
                    .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .appendPattern("X")
                    .toFormatter();

    /** The where clause of a ticket query and its parameters, always within what the caller may see. */
    private final class TicketFilter {
        final List<String> where = new ArrayList<>();
        final Parameters params = new Parameters();
        /** The accounts a customer-side caller may see (null: every account). */
        Set<String> visible;

        void scope(String accountId, String openedBy) {
            Set<String> visible = callers.current().visibleAccounts();
            this.visible = visible == null ? null : visible.isEmpty() ? Set.of("") : visible;
            if (visible != null) {
                // a customer, contact or partner searches within their own accounts only
                add("accountId in :visible", "visible", visible.isEmpty() ? Set.of("") : visible);
            }
            if (accountId != null) {
                add("accountId = :account", "account", accountId);
            }
            if (openedBy != null) {
                add("openedBy = :openedBy", "openedBy", openedBy);
            }
        }

        void statuses(String status) {
            List<String> wanted = new ArrayList<>();
            for (String one : status.split(",")) {
                String s = one.trim().toUpperCase(Locale.ROOT);
                if (!STATUSES.contains(s)) {
                    throw invalid("status", "must be one or more (comma-separated) of " + STATUS_ORDER);
                }
                wanted.add(s);
            }
            add("status in :status", "status", wanted);
        }

        void add(String condition, String name, Object value) {
            where.add(condition);
            params.and(name, value);
        }

        String query() {
            return String.join(" and ", where);
        }
    }

    /** The position after a ticket in newest-first order; opaque to clients (base64url). */
    record TicketCursor(Instant openedAt, String ticketId) {
        static TicketCursor of(TicketRecord t) {
            return new TicketCursor(t.openedAt, t.ticketId);
        }

        String encoded() {
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((openedAt + "|" + ticketId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static TicketCursor parse(String cursor) {
            try {
                String raw = new String(
                        java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new TicketCursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
            } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
                throw invalid("cursor", "is not a cursor this service gave (take it from a page's next)");
            }
        }
    }

    @GET
    @Path("/tickets/{id}")
    public Uni<TicketRecord> ticket(@PathParam("id") String id) {
        Caller caller = callers.current();
        return TicketRecord.<TicketRecord>findById(id).map(t -> {
            if (t == null || !caller.maySee(t.accountId)) {
                throw notFound("No ticket " + id);
            }
            return t;
        });
    }

    /** The vendor's internal notes: not in the timeline of anyone outside the vendor. */
    private static final String INTERNAL_NOTE = com.supportdesk.contract.wire.Catalog.of(
                    com.supportdesk.contract.event.InternalNoteAdded.class)
            .type();

    @GET
    @Path("/tickets/{id}/timeline")
    public Uni<List<TimelineEvent>> timeline(@PathParam("id") String id) {
        Caller caller = callers.current();
        if (!caller.isVendor()) {
            // outside the vendor, only the timeline of a ticket of one's own accounts, without the vendor's notes
            return ticket(id)
                    .flatMap(t -> timelineOf(id))
                    .map(events -> events.stream()
                            .filter(e -> !INTERNAL_NOTE.equals(e.type()))
                            .toList());
        }
        return timelineOf(id);
    }

    private Uni<List<TimelineEvent>> timelineOf(String id) {
        return EventRecord.<EventRecord>find(
                        "subject", Sort.ascending("time").and("topic").and("sequence"), id)
                .list()
                .map(list -> {
                    if (list.isEmpty()) {
                        throw notFound("No events for " + id);
                    }
                    return list.stream()
                            .map(e -> new TimelineEvent(
                                    e.eventId, e.type, e.source, e.topic, e.time, e.sequence, tree(e.data)))
                            .toList();
                });
    }

    @GET
    @Path("/accounts/{accountId}/monthly/{month}")
    @RolesAllowed({Roles.CDSC, Roles.PARTNER, Roles.AGENT, Roles.ENGINEER, Roles.SAM, Roles.OPS, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_HTML})
    public Uni<Response> monthly(
            @PathParam("accountId") String accountId,
            @PathParam("month") String month,
            @jakarta.ws.rs.HeaderParam(HttpHeaders.ACCEPT) String accept) {
        YearMonth ym;
        try {
            ym = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw invalid("month", "must be a month as yyyy-MM, e.g. 2026-10");
        }
        Instant now = clock.instant();
        Caller caller = callers.current();
        return AccountRecord.<AccountRecord>findById(accountId).flatMap(account -> {
            if (account == null || !caller.maySee(accountId)) {
                throw notFound("No account " + accountId);
            }
            ZoneId zone = zone(account.region);
            if (ym.atDay(1).atStartOfDay(zone).toInstant().isAfter(now)) {
                throw invalid("month", "is in the future");
            }
            Instant from = ym.atDay(1).atStartOfDay(zone).toInstant();
            Instant to = ym.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            List<String> apps = account.applications == null || account.applications.isBlank()
                    ? List.of()
                    : Arrays.asList(account.applications.split(","));
            return TicketRecord.<TicketRecord>list(
                            "accountId = ?1 and openedAt >= ?2 and openedAt < ?3", accountId, from, to)
                    .flatMap(tickets -> OutageRecord.<OutageRecord>list(
                                    "cancelled = false and startedAt < ?1 and (endedAt is null or endedAt > ?2)",
                                    to,
                                    from)
                            .map(outages -> {
                                List<MonthlyReport.OutageFacts> mine = outages.stream()
                                        .filter(o -> affects(o, accountId, apps))
                                        .map(o -> new MonthlyReport.OutageFacts(
                                                o.application, o.planned, o.startedAt, o.endedAt))
                                        .toList();
                                MonthlyReport report = MonthlyReport.compute(
                                        accountId,
                                        account.name,
                                        ym,
                                        zone,
                                        tickets.stream()
                                                .map(t -> new MonthlyReport.TicketFacts(
                                                        t.severity,
                                                        t.openedAt,
                                                        t.responseOutcome,
                                                        t.responseBusinessSeconds,
                                                        t.resolutionOutcome,
                                                        t.reference,
                                                        t.title,
                                                        t.kind,
                                                        t.application,
                                                        t.nonStandard,
                                                        t.scopeReason))
                                                .toList(),
                                        apps,
                                        mine,
                                        now);
                                if (accept != null && accept.contains("text/html")) {
                                    return Response.ok(
                                                    monthlyPage
                                                            .data("r", report)
                                                            .render(),
                                                    MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                                            .build();
                                }
                                if (accept != null && accept.contains("text/csv")) {
                                    return Response.ok(report.csv(), "text/csv; charset=utf-8")
                                            .header(
                                                    "Content-Disposition",
                                                    "attachment; filename=\"service-levels-" + accountId + "-" + ym
                                                            + ".csv\"")
                                            .build();
                                }
                                return Response.ok(report, MediaType.APPLICATION_JSON)
                                        .build();
                            }));
        });
    }

    static boolean affects(OutageRecord o, String accountId, List<String> apps) {
        if (o.affectedAccounts == null || o.affectedAccounts.isBlank()) {
            return apps.contains(o.application);
        }
        return Arrays.asList(o.affectedAccounts.split(",")).contains(accountId);
    }

    ZoneId zone(String region) {
        return calendars
                .byId(regions.calendarOf(region, "EUROPE"))
                .map(c -> c.zone())
                .orElse(ZoneId.of("UTC"));
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant, e.g. 2026-10-01T00:00:00Z");
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static Problem.Failure invalid(String field, String reason) {
        return new Problem.Failure(Problem.invalid(field, reason));
    }

    private static Problem.Failure notFound(String detail) {
        return new Problem.Failure(Problem.of(404, "not-found", "Not found", detail));
    }
}
