package com.supportdesk.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.portal.api.Api;
import com.supportdesk.portal.api.ApiProblem;
import com.supportdesk.portal.api.Files;
import com.supportdesk.portal.api.ReportsApi;
import com.supportdesk.portal.api.SlaApi;
import com.supportdesk.portal.api.TicketsApi;
import com.supportdesk.portal.web.AgentViews.AgentTicket;
import com.supportdesk.portal.web.AgentViews.Canned;
import com.supportdesk.portal.web.AgentViews.Clock;
import com.supportdesk.portal.web.AgentViews.Conflict;
import com.supportdesk.portal.web.AgentViews.Entry;
import com.supportdesk.portal.web.AgentViews.Present;
import com.supportdesk.portal.web.AgentViews.QueuePage;
import com.supportdesk.portal.web.AgentViews.QueueRow;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The agent workspace (/agent): the work queue, and one page per ticket with its clocks, its whole timeline and every
 * action of the agreements, each sent with the version the agent saw ({@code If-Match}), so that two agents on one
 * ticket never overwrite each other silently. Like the customer space, only a client of the public API with the
 * person's own token (ADR 0018).
 */
@Path("/agent")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AgentPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> STAFF = Set.of("agent", "engineer", "sam", "ops", "admin");
    static final List<String> LEVELS = names(com.supportdesk.contract.model.SupportLevel.values());
    static final List<String> SEVERITIES = names(com.supportdesk.contract.model.Severity.values());
    /** The actions of the ticket page: each is a command of the API. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("acknowledge", "acknowledge");
        COMMANDS.put("reply", "messages");
        COMMANDS.put("note", "internal-notes");
        COMMANDS.put("reclassify", "reclassify");
        COMMANDS.put("transfer", "transfer");
        COMMANDS.put("hold", "hold");
        COMMANDS.put("resume", "resume");
        COMMANDS.put("scope", "scope");
        COMMANDS.put("grant", "priority-grant");
        COMMANDS.put("refuse", "priority-refuse");
        COMMANDS.put("escalate", "escalate");
        COMMANDS.put("resolve", "resolve");
        COMMANDS.put("close", "close");
    }

    /** Slowly changing things several pages need: accounts, regions' calendars, canned replies. */
    private record Cached(JsonNode value, long at) {}

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Chrome chrome, QueuePage q);

        static native TemplateInstance queue$rows(Chrome chrome, QueuePage q);

        static native TemplateInstance ticket(Chrome chrome, AgentTicket t);

        static native TemplateInstance ticket$live(Chrome chrome, AgentTicket t);

        static native TemplateInstance ticket$presence(Chrome chrome, AgentTicket t);

        static native TemplateInstance replies(Chrome chrome, AgentViews.RepliesPage p);

        static native TemplateInstance search(Chrome chrome, AgentViews.SearchPage s);
    }

    @Inject
    Visit visit;

    @Inject
    @RestClient
    TicketsApi tickets;

    @Inject
    @RestClient
    ReportsApi reports;

    @Inject
    @RestClient
    SlaApi sla;

    @Inject
    Files files;

    @Inject
    CustomerPages customerPages;

    AgentMsg msg() {
        return MessageBundles.get(
                AgentMsg.class, Localized.Literal.of(visit.locale().toLanguageTag()));
    }

    TemplateInstance localized(TemplateInstance page) {
        return page.setLocale(visit.locale());
    }

    boolean staff() {
        return visit.person().roles().stream().anyMatch(STAFF::contains);
    }

    /** Customers and partners have no workspace: a page that says where theirs is. */
    Response notStaff() {
        AgentMsg a = msg();
        return Response.status(403)
                .entity(localized(CustomerPages.Templates.notice(
                        Chrome.of(visit, "none"), a.not_staff_title(), a.not_staff_text(), false)))
                .build();
    }

    static JsonNode cached(String key, long ttlMillis, Supplier<JsonNode> load) {
        Cached c = CACHE.get(key);
        if (c != null && System.currentTimeMillis() - c.at() < ttlMillis) {
            return c.value();
        }
        JsonNode value = load.get();
        CACHE.put(key, new Cached(value, System.currentTimeMillis()));
        return value;
    }

    // ---- the queue ----

    @GET
    public Response queue(
            @QueryParam("level") String level,
            @QueryParam("seen") String seen,
            @HeaderParam("HX-Request") String htmx) {
        if (!staff()) {
            return notStaff();
        }
        AgentMsg a = msg();
        String chosen = level != null && LEVELS.contains(level) ? level : null;
        JsonNode q = Api.call(() -> reports.queue(chosen, 100)).body();
        List<QueueRow> rows = new ArrayList<>();
        for (JsonNode t : q.path("tickets")) {
            long left = t.path("secondsLeft").asLong(Long.MAX_VALUE);
            boolean hasClock = t.hasNonNull("secondsLeft");
            String stars = stars(t.path("planLevel").asText("STARS_3"));
            rows.add(new QueueRow(
                    t.path("ticketId").asText(),
                    t.path("position").asInt(),
                    t.path("reference").asText(),
                    t.path("title").asText(),
                    t.path("accountName").asText(t.path("accountId").asText()),
                    stars,
                    a.stars(stars.length()),
                    t.path("severity").asText(),
                    urgency(a, t.path("urgency").asText(null)),
                    state(a, t.path("status").asText()),
                    t.path("level").asText(),
                    t.path("priority").asBoolean(),
                    t.path("escalated").asBoolean(),
                    t.path("nonStandard").asBoolean(),
                    hasClock ? clockName(a, t.path("clock").asText()) : "",
                    hasClock ? duration(a, left) : "",
                    hasClock ? band(left, true, t.path("breached").asBoolean()) : "none",
                    // why here, in the agent's words (the API's "why" is the same in English)
                    a.why(
                            t.path("escalated").asBoolean()
                                    ? a.why_escalated()
                                    : t.path("priority").asBoolean() ? a.why_priority() : a.why_standard(),
                            stars.length(),
                            t.path("severity").asText(),
                            urgency(a, t.path("urgency").asText(null)),
                            visit.when(t.path("openedAt").asText(null), FormatStyle.MEDIUM))));
        }
        String fingerprint = Integer.toHexString(Objects.hash(rows));
        if (htmx != null && fingerprint.equals(seen)) {
            return Response.noContent().build();
        }
        List<Views.Choice> levels = new ArrayList<>();
        levels.add(new Views.Choice(a.level_all(), "/agent/", chosen == null));
        for (String l : LEVELS) {
            levels.add(new Views.Choice(a.level_name(l), "/agent/?level=" + l, l.equals(chosen)));
        }
        QueuePage page = new QueuePage(
                levels,
                chosen == null ? a.queue_caption_all() : a.queue_caption(a.level_name(chosen)),
                rows,
                q.path("waiting").asLong(rows.size()),
                "/agent/?" + (chosen == null ? "" : "level=" + chosen + "&") + "seen=" + fingerprint);
        Chrome chrome = Chrome.of(visit, "queue");
        return Response.ok(localized(htmx != null ? Templates.queue$rows(chrome, page) : Templates.queue(chrome, page)))
                .build();
    }

    // ---- search ----

    /** Tickets found by their words (reporting-service's search), best match first, 25 a page. */
    @GET
    @Path("/search")
    public Response search(@QueryParam("q") String q, @QueryParam("cursor") String cursor) {
        if (!staff()) {
            return notStaff();
        }
        AgentMsg a = msg();
        String query = q == null || q.isBlank()
                ? null
                : q.strip().substring(0, Math.min(200, q.strip().length()));
        List<AgentViews.SearchRow> rows = new ArrayList<>();
        String next = null;
        if (query != null) {
            JsonNode page = Api.call(() -> reports.search(query, null, null, null, 25, cursor))
                    .body();
            for (JsonNode t : page.path("items")) {
                String accountId = t.path("accountId").asText();
                rows.add(new AgentViews.SearchRow(
                        t.path("ticketId").asText(),
                        t.path("reference").asText(),
                        t.path("title").asText(),
                        profile(accountId).path("name").asText(accountId),
                        t.path("severity").asText(),
                        state(a, t.path("status").asText()),
                        t.path("level").asText(),
                        visit.when(t.path("openedAt").asText(null), java.time.format.FormatStyle.MEDIUM),
                        t.path("priority").asBoolean(),
                        t.path("escalated").asBoolean()));
            }
            next = page.path("next").asText(null);
        }
        String base = query == null ? null : "/agent/search?q=" + CustomerPages.encode(query);
        AgentViews.SearchPage page = new AgentViews.SearchPage(
                query,
                query == null ? null : a.search_caption(query),
                rows,
                next == null ? null : base + "&cursor=" + CustomerPages.encode(next),
                cursor == null ? null : base);
        return Response.ok(localized(Templates.search(Chrome.of(visit, "search"), page)))
                .build();
    }

    static String stars(String planLevel) {
        int n = planLevel.isEmpty() ? 3 : Character.getNumericValue(planLevel.charAt(planLevel.length() - 1));
        return "★".repeat(Math.max(1, Math.min(5, n)));
    }

    /** The colour band of the time left on a clock. */
    static String band(long secondsLeft, boolean running, boolean breached) {
        if (breached || secondsLeft <= 0) {
            return "breached";
        }
        if (!running) {
            return "paused";
        }
        if (secondsLeft < 30 * 60) {
            return "critical";
        }
        return secondsLeft < 60 * 60 ? "warning" : "ok";
    }

    static String duration(AgentMsg a, long seconds) {
        long s = Math.abs(seconds);
        String d = s >= 86_400
                ? a.duration_days(s / 86_400, (s % 86_400) / 3600)
                : a.duration_hours(s / 3600, (s % 3600) / 60);
        return seconds < 0 ? a.overdue(d) : d;
    }

    // ---- one ticket ----

    @GET
    @Path("/tickets/{id}")
    public Response ticket(@PathParam("id") String id, @QueryParam("canned") String canned) {
        if (!staff()) {
            return notStaff();
        }
        Map<String, String> drafts = new LinkedHashMap<>();
        AgentTicket t = page(id, drafts, null, null, null);
        if (canned != null) {
            t.canned().stream()
                    .filter(c -> c.id().equals(canned))
                    .findFirst()
                    .ifPresent(c -> drafts.put("reply.body", c.text()));
        }
        return Response.ok(localized(Templates.ticket(Chrome.of(visit, "ticket"), t)))
                .build();
    }

    /** The live part of the page (header, clocks, timeline, presence); 204 when nothing changed since {@code seen}. */
    @GET
    @Path("/tickets/{id}/live")
    public Response live(@PathParam("id") String id, @QueryParam("seen") String seen) {
        if (!staff()) {
            return notStaff();
        }
        AgentTicket t = page(id, Map.of(), null, null, null);
        if (t.liveHref().endsWith("seen=" + seen)) {
            return Response.noContent().build();
        }
        return Response.ok(localized(Templates.ticket$live(Chrome.of(visit, "ticket"), t)))
                .build();
    }

    /**
     * Reports that this person has the ticket open (and whether they are typing a reply) and answers who else has:
     * polled every second by the page. When the ticket moved past {@code version}, it also asks the page to redraw
     * its live part at once ({@code HX-Trigger: ticket-changed}).
     */
    @GET
    @Path("/tickets/{id}/presence")
    public Response presence(
            @PathParam("id") String id,
            @QueryParam("version") String version,
            @QueryParam("seen") String seen,
            @QueryParam("typing") String typing) {
        if (!staff()) {
            return notStaff();
        }
        JsonNode answer = Api.call(() ->
                        tickets.presence(id, JSON.createObjectNode().put("typing", "1".equals(typing))))
                .body();
        List<Present> present = present(answer);
        String now = answer.path("version").asText();
        String fingerprint = Integer.toHexString(Objects.hash(present, now));
        Response.ResponseBuilder r;
        if (fingerprint.equals(seen)) {
            r = Response.noContent();
        } else {
            AgentTicket t = presenceOnly(id, present, version, fingerprint);
            r = Response.ok(localized(Templates.ticket$presence(Chrome.of(visit, "ticket"), t)));
        }
        if (version != null && !version.equals(now)) {
            r.header("HX-Trigger", "ticket-changed");
        }
        return r.build();
    }

    List<Present> present(JsonNode answer) {
        List<Present> present = new ArrayList<>();
        for (JsonNode p : answer.path("present")) {
            present.add(new Present(p.path("user").asText(), p.path("typing").asBoolean()));
        }
        return present;
    }

    /** The page was closed or left (a beacon from the page): the others stop seeing this person at once. */
    @POST
    @Path("/tickets/{id}/leave")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
    public Response leave(@PathParam("id") String id, @RestForm("csrf") String csrf) {
        if (staff() && visit.csrfValid(csrf)) {
            try {
                Api.call(() -> tickets.leave(id));
            } catch (ApiProblem e) {
                // the presence expires by itself within seconds
            }
        }
        return Response.noContent().build();
    }

    private AgentTicket presenceOnly(String id, List<Present> present, String version, String fingerprint) {
        return new AgentTicket(
                id,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                false,
                false,
                List.of(),
                null,
                null,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                present,
                List.of(),
                version,
                null,
                null,
                null,
                "/agent/tickets/" + id + "/presence?version=" + version + "&seen=" + fingerprint,
                null,
                Map.of(),
                null,
                null,
                null);
    }

    AgentTicket page(String id, Map<String, String> drafts, Conflict conflict, String errorAction, String errorText) {
        AgentMsg a = msg();
        Api view = Api.call(() -> tickets.ticket(id));
        JsonNode t = view.body();
        String accountId = t.path("accountId").asText();
        JsonNode account = profile(accountId);
        String region = account.path("region").asText("");
        JsonNode calendar = regionCalendar(region);
        ZoneId zone = zone(calendar.path("zone").asText(null));
        Boolean open = calendar.has("openNow") ? calendar.path("openNow").asBoolean() : null;
        String stars = stars(account.path("planLevel").asText("STARS_3"));

        JsonNode clockNodes = clockNodes(id);
        List<Clock> clocks = clocks(a, clockNodes);
        List<Entry> timeline = timeline(a, id);
        List<Views.FileLink> attachments = new ArrayList<>();
        t.path("attachments").forEach(f -> attachments.add(link(id, f)));
        List<String> escalations = new ArrayList<>();
        t.path("escalations").forEach(x -> escalations.add(target(a, x.asText())));
        String status = t.path("status").asText();
        String severity = t.path("severity").asText("");
        Instant nextDeadline = null;
        for (JsonNode c : clockNodes) {
            if ("RUNNING".equals(c.path("status").asText()) && c.hasNonNull("deadline")) {
                Instant d = Instant.parse(c.path("deadline").asText());
                nextDeadline = nextDeadline == null || d.isBefore(nextDeadline) ? d : nextDeadline;
            }
        }
        List<Canned> canned = canned(t, account, zone, nextDeadline);
        List<Present> present;
        try {
            present = present(Api.call(() -> tickets.presence(id, JSON.createObjectNode()))
                    .body());
        } catch (ApiProblem e) {
            present = List.of(); // shown from the next report on
        }
        String liveKey = Integer.toHexString(Objects.hash(view.version(), clocks, timeline.size(), open));
        return new AgentTicket(
                id,
                t.path("reference").asText(),
                t.path("title").asText(),
                accountId,
                account.path("name").asText(accountId),
                stars,
                a.stars(stars.length()),
                region,
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(visit.locale())
                        .withZone(zone)
                        .format(Instant.now()),
                open,
                CustomerPages.kindLabel(customerPages.msg(), t.path("kind").asText()),
                severity.startsWith("SEV") ? a.severity(severity.substring(3)) : severity,
                severity,
                urgency(a, t.path("urgency").asText(null)),
                status,
                state(a, status),
                t.path("level").asText(),
                t.path("nonStandard").asBoolean(),
                t.path("scopeReason").asText(null),
                t.path("priority").asBoolean(),
                t.path("priorityRequested").asBoolean(),
                escalations,
                visit.when(t.path("openedAt").asText(null), FormatStyle.MEDIUM),
                t.path("openedBy").asText(),
                t.path("description").asText(),
                attachments,
                t.path("solution").asText(null),
                clocks,
                timeline,
                present,
                canned,
                view.version(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "/agent/tickets/" + id + "/live?seen=" + liveKey,
                "/agent/tickets/" + id + "/presence?version=" + view.version(),
                customerPages.filesHint(),
                drafts,
                conflict,
                errorAction,
                errorText);
    }

    JsonNode profile(String accountId) {
        return cached("account:" + accountId, 60_000, () -> {
            try {
                return Api.call(() -> tickets.account(accountId)).body().path("profile");
            } catch (ApiProblem e) {
                return MissingNode.getInstance();
            }
        });
    }

    /** The region's calendar now: its zone and whether support hours are open (sla-service). */
    JsonNode regionCalendar(String region) {
        if (region.isEmpty()) {
            return MissingNode.getInstance();
        }
        return cached("region:" + region, 30_000, () -> {
            try {
                String calendar = Api.call(() -> sla.region(region))
                        .body()
                        .path("calendar")
                        .asText();
                return Api.call(() -> sla.calendar(calendar)).body();
            } catch (ApiProblem e) {
                return MissingNode.getInstance();
            }
        });
    }

    /** Whether the calendar's hours are open now (sla-service; asked again after 30 s); unknown counts as open. */
    boolean calendarOpen(String calendar) {
        if (calendar.isEmpty()) {
            return true;
        }
        JsonNode c = cached("calendar:" + calendar, 30_000, () -> {
            try {
                return Api.call(() -> sla.calendar(calendar)).body();
            } catch (ApiProblem e) {
                return MissingNode.getInstance();
            }
        });
        return c.path("openNow").asBoolean(true);
    }

    static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** The ticket's clocks in sla-service (none while it has not seen the ticket or its account). */
    JsonNode clockNodes(String id) {
        try {
            return Api.call(() -> sla.ticket(id)).body().path("clocks");
        } catch (ApiProblem e) {
            if (e.status() != 404) {
                throw e;
            }
            return MissingNode.getInstance();
        }
    }

    List<Clock> clocks(AgentMsg a, JsonNode nodes) {
        List<Clock> clocks = new ArrayList<>();
        for (JsonNode c : nodes) {
            String status = c.path("status").asText();
            // business time passes only while the clock's calendar is open: outside its hours the countdown stands
            boolean running =
                    "RUNNING".equals(status) && calendarOpen(c.path("calendar").asText(""));
            boolean breached = c.path("breached").asBoolean() || "MISSED".equals(status);
            long seconds = seconds(c.path("remaining").asText("PT0S"));
            boolean done = "MET".equals(status) || "STOPPED".equals(status);
            // a running clock outside its calendar's hours is not paused (the ticket is not on hold): its band is its
            // time left, and only its countdown stands still
            String band = done ? (breached ? "breached" : "met") : band(seconds, "RUNNING".equals(status), breached);
            clocks.add(new Clock(
                    clockName(a, c.path("clock").asText()),
                    status,
                    duration(a, seconds(c.path("target").asText("PT0S"))),
                    visit.when(c.path("deadline").asText(null), FormatStyle.MEDIUM),
                    seconds,
                    running && !done,
                    band,
                    bandLabel(a, band),
                    done ? "" : duration(a, seconds)));
        }
        return clocks;
    }

    static long seconds(String isoDuration) {
        try {
            return Duration.parse(isoDuration).getSeconds();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }

    static String bandLabel(AgentMsg a, String band) {
        return switch (band) {
            case "ok" -> a.band_ok();
            case "warning" -> a.band_warning();
            case "critical" -> a.band_critical();
            case "breached" -> a.band_breached();
            case "paused" -> a.band_paused();
            default -> a.band_met();
        };
    }

    /**
     * One timeline merged by time: the ticket's own events (from ticket-service, current at once) and what the other
     * services recorded about it (SLA clocks, escalation decisions, e-mails and webhooks), from the read side.
     */
    List<Entry> timeline(AgentMsg a, String id) {
        record Raw(Instant at, String type, JsonNode data) {}
        List<Raw> raw = new ArrayList<>();
        for (JsonNode e : Api.call(() -> tickets.events(id)).body()) {
            raw.add(new Raw(
                    Instant.parse(e.path("time").asText()), e.path("type").asText(), e.path("data")));
        }
        try {
            for (JsonNode e : Api.call(() -> reports.timeline(id)).body()) {
                String type = e.path("type").asText();
                if (!type.startsWith("support.ticket.")) {
                    raw.add(new Raw(when(e), type, e.path("data")));
                }
            }
        } catch (ApiProblem e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        raw.sort(Comparator.comparing(Raw::at));
        List<Entry> entries = new ArrayList<>();
        for (Raw r : raw) {
            entries.add(entry(a, id, r.type(), r.data(), r.at()));
        }
        return entries;
    }

    /**
     * When it happened: the event's own {@code at} (the ticket's opening and the clocks it started share one instant,
     * and the opening comes first), else the record's time.
     */
    static Instant when(JsonNode e) {
        String at = e.path("data").path("at").asText(null);
        try {
            return Instant.parse(at != null ? at : e.path("time").asText());
        } catch (java.time.format.DateTimeParseException ex) {
            return Instant.parse(e.path("time").asText());
        }
    }

    Entry entry(AgentMsg a, String ticketId, String type, JsonNode d, Instant at) {
        String name = type.replaceFirst("^support\\.", "").replaceFirst("\\.v\\d+$", "");
        String kind = name.startsWith("sla.")
                ? "sla"
                : name.startsWith("escalation.")
                        ? "escalation"
                        : name.startsWith("notification.")
                                ? "mail"
                                : name.equals("ticket.internal-note-added")
                                        ? "note"
                                        : name.equals("ticket.message-added") ? "message" : "ticket";
        String title = title(a, name, d);
        List<String> detail = new ArrayList<>();
        for (String field : List.of("body", "summary", "reason", "note")) {
            String v = d.path(field).asText("");
            if (!v.isBlank()) {
                detail.add(v);
            }
        }
        if ("mail".equals(kind) && d.hasNonNull("recipient")) {
            detail.add(0, d.path("recipient").asText());
        }
        List<Views.FileLink> links = new ArrayList<>();
        d.path("attachments").forEach(f -> links.add(link(ticketId, f)));
        return new Entry(
                visit.when(at, FormatStyle.MEDIUM),
                kind,
                title,
                d.path("by").asText(""),
                String.join(" — ", detail),
                links);
    }

    /** The entry's title in words: what happened, with the values that matter (the severity, the level, ...). */
    String title(AgentMsg a, String name, JsonNode d) {
        String clock = clockName(a, d.path("clock").asText(""));
        return switch (name) {
            case "ticket.opened" -> a.ev_opened(d.path("severity").asText());
            case "ticket.acknowledged" -> a.ev_acknowledged();
            case "ticket.message-added" ->
                d.path("fromCustomer").asBoolean() ? a.ev_message_customer() : a.ev_message_support();
            case "ticket.internal-note-added" -> a.ev_note();
            case "ticket.severity-reclassified" ->
                a.ev_reclassified(
                        d.path("fromSeverity").asText(), d.path("toSeverity").asText());
            case "ticket.transferred" -> a.ev_transferred(d.path("toLevel").asText());
            case "ticket.escalated" -> a.ev_escalated(target(a, d.path("target").asText()));
            case "ticket.put-on-hold" -> a.ev_on_hold();
            case "ticket.resumed" -> a.ev_resumed();
            case "ticket.scope-flagged" -> d.path("nonStandard").asBoolean() ? a.ev_non_standard() : a.ev_standard();
            case "ticket.priority-handling-requested" -> a.ev_priority_requested();
            case "ticket.priority-handling-granted" -> a.ev_priority_granted();
            case "ticket.priority-handling-refused" -> a.ev_priority_refused();
            case "ticket.severity-review-requested" ->
                a.ev_review_requested(d.path("requestedSeverity").asText());
            case "ticket.resolved" -> a.ev_resolved(d.path("resolution").asText());
            case "ticket.resolution-rejected" -> a.ev_rejected();
            case "ticket.closed" -> a.ev_closed();
            case "sla.clock-started" ->
                a.ev_clock_started(clock, visit.when(d.path("deadline").asText(null), FormatStyle.MEDIUM));
            case "sla.clock-paused" -> a.ev_clock_paused(clock);
            case "sla.clock-resumed" -> a.ev_clock_resumed(clock);
            case "sla.warning" -> a.ev_clock_warning(clock);
            case "sla.breached" -> a.ev_clock_breached(clock);
            case "sla.met" -> a.ev_clock_met(clock);
            case "sla.missed" -> a.ev_clock_missed(clock);
            case "sla.clock-retargeted" ->
                a.ev_clock_retargeted(
                        clock,
                        visit.when(d.path("deadline").asText(null), FormatStyle.MEDIUM),
                        d.path("reason").asText(""));
            case "escalation.decided" ->
                a.ev_decided(d.path("action").asText(), d.path("rule").asText(""));
            case "notification.sent" ->
                a.ev_mail_sent(d.path("channel").asText(), d.path("kind").asText());
            case "notification.failed" ->
                a.ev_mail_failed(d.path("channel").asText(), d.path("kind").asText());
            default -> name;
        };
    }

    /** The canned replies in the ticket's account language (English where it has none), placeholders filled in. */
    List<Canned> canned(JsonNode t, JsonNode account, ZoneId zone, Instant nextDeadline) {
        JsonNode all = cached("canned", 30_000, () -> {
            try {
                return Api.call(() -> tickets.cannedReplies()).body();
            } catch (ApiProblem e) {
                return MissingNode.getInstance(); // engineers of other roles, or none yet
            }
        });
        String language = account.path("language").asText("EN");
        Locale locale = Locale.forLanguageTag(language.toLowerCase(Locale.ROOT));
        String deadline = nextDeadline == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(zone)
                        .format(nextDeadline);
        Map<String, String> values = Map.of(
                "{customerName}", customerName(t, account),
                "{reference}", t.path("reference").asText(),
                "{nextDeadline}", deadline,
                "{agentName}", visit.person().name());
        List<Canned> out = new ArrayList<>();
        for (JsonNode r : all) {
            String text = r.path("bodies")
                    .path(language)
                    .asText(r.path("bodies").path("EN").asText(""));
            for (var v : values.entrySet()) {
                text = text.replace(v.getKey(), v.getValue());
            }
            out.add(new Canned(r.path("id").asText(), r.path("title").asText(), text));
        }
        return out;
    }

    /** Who opened the ticket, by name when they are one of the account's contacts; else the account's name. */
    static String customerName(JsonNode t, JsonNode account) {
        String by = t.path("openedBy").asText("");
        for (String contact : List.of("primaryContact", "backupContact")) {
            JsonNode c = account.path(contact);
            if (by.equals(c.path("userId").asText()) && c.hasNonNull("name")) {
                return c.path("name").asText();
            }
        }
        return account.path("name").asText(by);
    }

    Views.FileLink link(String ticketId, JsonNode f) {
        Views.FileLink customer = customerPages.link(ticketId, f);
        return new Views.FileLink("/agent" + customer.href(), customer.name(), customer.size());
    }

    @GET
    @Path("/tickets/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        if (!staff()) {
            return notStaff();
        }
        return files.passOn(id, attachmentId);
    }

    // ---- actions ----

    /**
     * One action on the ticket, sent with the version the agent saw. Done: back to the ticket. Refused: the ticket
     * again with the service's words beside the action and what the agent wrote. Someone acted meanwhile (409
     * {@code concurrent-change}): the ticket as it is now, with what changed since and the agent's action filled in
     * again, to send on the new version or drop.
     */
    @POST
    @Path("/tickets/{id}/act/{action}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response act(
            @PathParam("id") String id,
            @PathParam("action") String action,
            @RestForm("csrf") String csrf,
            @RestForm("version") String version,
            @RestForm("body") String text,
            @RestForm("messageId") String messageId,
            @RestForm("severity") String severity,
            @RestForm("level") String level,
            @RestForm("target") String target,
            @RestForm("resolution") String resolution,
            @RestForm("nonStandard") String nonStandard,
            @RestForm("reason") String reason,
            @RestForm("files") List<FileUpload> attached) {
        if (!staff()) {
            return notStaff();
        }
        String command = COMMANDS.get(action);
        if (command == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        AgentMsg a = msg();
        Map<String, String> drafts = new LinkedHashMap<>();
        put(drafts, action + ".body", text);
        put(drafts, action + ".reason", reason);
        put(drafts, action + ".severity", severity);
        put(drafts, action + ".level", level);
        put(drafts, action + ".target", target);
        put(drafts, action + ".resolution", resolution);
        put(drafts, action + ".nonStandard", nonStandard);
        if (!visit.csrfValid(csrf)) {
            return again(id, drafts, null, action, customerPages.msg().error_session(), 403);
        }
        ObjectNode body = JSON.createObjectNode();
        switch (action) {
            case "reply" -> body.put("messageId", orNew(messageId)).put("body", strip(text));
            case "note" -> body.put("noteId", orNew(messageId)).put("body", strip(text));
            case "reclassify" -> body.put("severity", strip(severity));
            case "transfer" -> body.put("toLevel", strip(level));
            case "escalate" -> body.put("target", strip(target));
            case "resolve" -> body.put("resolution", strip(resolution)).put("summary", strip(text));
            case "scope" -> body.put("nonStandard", "true".equals(nonStandard));
            default -> {
                // acknowledge, hold, resume, grant, refuse, close: a reason at most
            }
        }
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        } else if (action.equals("scope") || action.equals("refuse")) {
            body.put("reason", "");
        }
        try {
            if (("reply".equals(action) || "note".equals(action))
                    && !body.path("body").asText().isEmpty()) {
                List<String> ids = customerPages.upload(attached);
                if (!ids.isEmpty()) {
                    ids.forEach(body.putArray("attachments")::add);
                }
            }
            String ifMatch = version == null || version.isBlank() ? null : "\"" + version + "\"";
            Api.call(() -> tickets.command(id, command, body, ifMatch));
            return Response.seeOther(URI.create("/agent/tickets/" + id)).build();
        } catch (ApiProblem e) {
            if (e.status() == 404) {
                throw e;
            }
            if ("concurrent-change".equals(e.code())) {
                Conflict conflict = new Conflict(action, changesSince(a, id, version));
                return again(id, drafts, conflict, action, a.conflict_text(), 409);
            }
            String error = e.status() >= 500 ? customerPages.msg().error_unavailable() : e.detail();
            if ("files".equals(e.field()) || (e.field() != null && e.field().startsWith("attachments"))) {
                error = error + " " + customerPages.msg().files_again();
            }
            return again(id, drafts, null, action, error, e.status() >= 500 ? 503 : e.status());
        }
    }

    private Response again(
            String id, Map<String, String> drafts, Conflict conflict, String action, String error, int status) {
        AgentTicket t = page(id, drafts, conflict, action, error);
        return Response.status(status)
                .entity(localized(Templates.ticket(Chrome.of(visit, "ticket"), t)))
                .build();
    }

    /** What others did to the ticket after {@code version}: "alice replied at 10:42". */
    List<String> changesSince(AgentMsg a, String id, String version) {
        long seen;
        try {
            seen = Long.parseLong(version);
        } catch (NumberFormatException e) {
            seen = -1;
        }
        List<String> changes = new ArrayList<>();
        for (JsonNode e : Api.call(() -> tickets.events(id)).body()) {
            if (e.path("sequence").asLong() > seen) {
                JsonNode d = e.path("data");
                String what = title(
                        a,
                        e.path("type").asText().replaceFirst("^support\\.", "").replaceFirst("\\.v\\d+$", ""),
                        d);
                changes.add(a.change_by(
                        d.path("by").asText("?"),
                        what,
                        visit.when(e.path("time").asText(null), FormatStyle.MEDIUM)));
            }
        }
        return changes;
    }

    private static void put(Map<String, String> drafts, String key, String value) {
        if (value != null && !value.isEmpty()) {
            drafts.put(key, value);
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String orNew(String id) {
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    // ---- canned replies (administrators) ----

    static final List<String> LANGUAGES = names(com.supportdesk.contract.model.SupportLanguage.values());

    static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    @GET
    @Path("/canned-replies")
    public Response replies() {
        return replies(null, null, 200);
    }

    Response replies(String errorId, String errorText, int status) {
        if (!visit.person().roles().contains("admin")) {
            return notStaff();
        }
        List<AgentViews.Reply> list = new ArrayList<>();
        for (JsonNode r : Api.call(() -> tickets.cannedReplies()).body()) {
            Map<String, String> bodies = new LinkedHashMap<>();
            r.path("bodies")
                    .fields()
                    .forEachRemaining(f -> bodies.put(f.getKey(), f.getValue().asText()));
            list.add(new AgentViews.Reply(
                    r.path("id").asText(),
                    r.path("title").asText(),
                    bodies,
                    r.path("version").asText(),
                    msg().reply_changed(
                                    visit.when(r.path("changedAt").asText(null), FormatStyle.MEDIUM),
                                    r.path("changedBy").asText())));
        }
        return Response.status(status)
                .entity(localized(Templates.replies(
                        Chrome.of(visit, "replies"), new AgentViews.RepliesPage(list, LANGUAGES, errorId, errorText))))
                .build();
    }

    @POST
    @Path("/canned-replies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveReply(
            @RestForm("csrf") String csrf,
            @RestForm("id") String id,
            @RestForm("version") String version,
            @RestForm("title") String title,
            @RestForm("bodyEN") String en,
            @RestForm("bodyFR") String fr,
            @RestForm("bodyDE") String de,
            @RestForm("bodyES") String es,
            @RestForm("bodyPT") String pt,
            @RestForm("bodyZH") String zh) {
        if (!visit.person().roles().contains("admin")) {
            return notStaff();
        }
        String slot = version == null || version.isBlank() ? "-new" : id;
        if (!visit.csrfValid(csrf)) {
            return replies(slot, customerPages.msg().error_session(), 403);
        }
        ObjectNode body = JSON.createObjectNode().put("title", strip(title));
        ObjectNode bodies = body.putObject("bodies");
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("EN", en);
        texts.put("FR", fr);
        texts.put("DE", de);
        texts.put("ES", es);
        texts.put("PT", pt);
        texts.put("ZH", zh);
        texts.forEach((l, v) -> {
            if (v != null && !v.isBlank()) {
                bodies.put(l, v.strip());
            }
        });
        String key = strip(id).toLowerCase(Locale.ROOT);
        try {
            String ifMatch = version == null || version.isBlank() ? "\"0\"" : "\"" + version + "\"";
            Api.call(() -> tickets.putCannedReply(key.isEmpty() ? "-" : key, body, ifMatch));
            CACHE.remove("canned");
            return Response.seeOther(URI.create("/agent/canned-replies")).build();
        } catch (ApiProblem e) {
            String error = e.status() == 412 ? customerPages.msg().error_changed() : e.detail();
            return replies(slot, error, e.status() >= 500 ? 503 : e.status() == 412 ? 409 : 400);
        }
    }

    @POST
    @Path("/canned-replies/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteReply(@PathParam("id") String id, @RestForm("csrf") String csrf) {
        if (!visit.person().roles().contains("admin")) {
            return notStaff();
        }
        if (!visit.csrfValid(csrf)) {
            return replies(id, customerPages.msg().error_session(), 403);
        }
        try {
            Api.call(() -> tickets.deleteCannedReply(id));
        } catch (ApiProblem e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        CACHE.remove("canned");
        return Response.seeOther(URI.create("/agent/canned-replies")).build();
    }

    // ---- labels ----

    static String label(AgentMsg a, String key, String fallback) {
        try {
            return (String) AgentMsg.class.getMethod(key).invoke(a);
        } catch (NoSuchMethodException e) {
            return fallback;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ticket's state in words: ticket-service's names, or the read side's (the queue, search). */
    static String state(AgentMsg a, String status) {
        String name = switch (status == null ? "OPEN" : status) {
            case "ACKNOWLEDGED" -> "IN_PROGRESS";
            case "ON_HOLD" -> "WAITING_ON_CUSTOMER";
            default -> status;
        };
        return label(a, "status_" + name, status);
    }

    static String urgency(AgentMsg a, String urgency) {
        return urgency == null ? a.not_given() : label(a, "urgency_" + urgency, urgency);
    }

    static String clockName(AgentMsg a, String clock) {
        return label(a, "clock_" + clock, clock);
    }

    static String target(AgentMsg a, String target) {
        return label(a, "target_" + target, target);
    }
}
