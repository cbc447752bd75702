package com.supportdesk.sla.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.BusinessTime;
import com.supportdesk.calendar.CalendarFile;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.calendar.InvalidCalendarException;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.sla.config.CalendarAdmin;
import com.supportdesk.sla.config.HolidayImport;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.store.ExceptionalEvent;
import com.supportdesk.sla.timer.OutboxPublisher;
import com.supportdesk.sla.timer.Recalculator;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.audit.AuditTrail;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The support calendars: read them and count business time on them (everyone signed in); declare exceptional events
 * (ops, admin); create, replace, delete them, import holidays from an .ics feed (admin); their history (ops, admin).
 * A calendar's version is its ETag; a change with {@code If-Match} applies only to the version the caller read.
 */
@Path("/api/sla/calendars")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CalendarResource {

    public static final String TEXT_CALENDAR = "text/calendar";

    @Inject
    Callers callers;

    @Inject
    AuditTrail audit;

    @Inject
    SlaProcessor processor;

    @Inject
    SlaCatalog catalog;

    @Inject
    CalendarAdmin admin;

    @Inject
    Clock clock;

    @Inject
    TimerScheduler timers;

    @Inject
    OutboxPublisher publisher;

    @Inject
    Recalculator recalculator;

    @Inject
    ObjectMapper json;

    public record CalendarSummary(
            String id, String name, String zone, Duration weeklyBusinessTime, int version, Instant changedAt) {}

    public record CalendarDetail(
            String id,
            String name,
            String zone,
            Duration weeklyBusinessTime,
            boolean openNow,
            int year,
            List<LocalDate> holidays,
            List<ExceptionalEvent> exceptionalEvents,
            int version,
            Instant changedAt,
            String changedBy,
            List<CalendarFile.Closure> closures) {}

    /** A calendar's definition (the calendar files' JSON) at a version. */
    public record Versioned(
            String id, int version, Instant changedAt, String changedBy, List<String> changes, CalendarFile calendar) {}

    public record HistoryEntry(
            int version,
            boolean deleted,
            Instant changedAt,
            String changedBy,
            List<String> changes,
            CalendarFile calendar) {}

    public record ImportResult(
            String calendar,
            int version,
            List<CalendarFile.Holiday> added,
            List<HolidayImport.Skipped> skipped,
            List<String> changes) {}

    public record Range(Instant from, Instant to) {}

    public record BusinessTimeAnswer(
            String calendar, String clock, Instant from, Instant to, Duration businessTime, long businessMinutes) {}

    public record DeadlineRequest(Instant start, Duration businessTime) {}

    public record DeadlineAnswer(
            String calendar, String clock, Instant start, Duration businessTime, Instant deadline) {}

    public record Declaration(Instant from, Instant to, String reason) {}

    /**
     * A re-targeting. {@code ticketsLookedAt} counts the tickets whose clocks were looked at; {@code clocksLookedAt}
     * is the same figure under the name it was first published with (it never counted clocks), kept for clients.
     */
    public record Recalculation(
            long id,
            int version,
            Instant requestedAt,
            Instant finishedAt,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    deprecated = true,
                    description = "The same figure as ticketsLookedAt (it counts tickets, not clocks)")
            int clocksLookedAt,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description = "The tickets whose running clocks were looked at")
            int ticketsLookedAt,

            int clocksMoved,
            Long tookMillis) {}

    // ---- reading ----------------------------------------------------------------------------------------------

    @GET
    @Operation(summary = "The support calendars, with their current version")
    public List<CalendarSummary> calendars() {
        processor.refresh(); // a change another instance made is seen at once
        List<CalendarSummary> out = new ArrayList<>();
        for (SlaCatalog.Entry e : catalog.entries()) {
            BusinessCalendar c = catalog.calendar(e.id()).orElseThrow();
            out.add(new CalendarSummary(
                    c.id(), c.name(), c.zone().getId(), c.weeklyBusinessTime(), e.version(), e.changedAt()));
        }
        return out;
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "One calendar: its holidays in a year (default: this year), closures, declared exceptional "
                    + "events, version (also the ETag)")
    public Response calendar(@PathParam("id") String id, @QueryParam("year") Integer year) {
        processor.refresh();
        BusinessCalendar c = calendarOr404(id);
        SlaCatalog.Entry e = catalog.entry(id).orElseThrow();
        Instant now = clock.instant();
        int y = year == null ? now.atZone(c.zone()).getYear() : year;
        if (y < 1583 || y > 9999) {
            throw new Problem.Failure(Problem.invalid("year", "must be between 1583 and 9999"));
        }
        CalendarDetail detail = new CalendarDetail(
                c.id(),
                c.name(),
                c.zone().getId(),
                c.weeklyBusinessTime(),
                catalog.responseCalendar(id).orElse(c).isOpen(now),
                y,
                c.holidaysIn(y),
                catalog.exceptionalEvents().stream()
                        .filter(x -> x.calendar().equals(id))
                        .toList(),
                e.version(),
                e.changedAt(),
                e.changedBy(),
                e.definition() == null ? List.of() : e.definition().closures());
        return Response.ok(detail).tag(etag(e.version())).build();
    }

    @GET
    @Path("/{id}/definition")
    @Operation(summary = "A calendar's definition, in the calendar files' JSON, with its version (also the ETag)")
    public Response definition(@PathParam("id") String id) {
        processor.refresh();
        calendarOr404(id);
        SlaCatalog.Entry e = catalog.entry(id).orElseThrow();
        ConfigRow row = processor
                .read(c -> ConfigStore.latest(c, ConfigRow.CALENDAR, id))
                .orElseThrow(() -> new Problem.Failure(notFound(id)));
        return Response.ok(new Versioned(
                        id,
                        row.version(),
                        row.at(),
                        row.changedBy(),
                        row.changes(),
                        Calendars.definition(row.definition())))
                .tag(etag(e.version()))
                .build();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Every version of a calendar: who changed it, when, what changed, and the definition")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        List<ConfigRow> rows = processor.read(c -> ConfigStore.history(c, ConfigRow.CALENDAR, id));
        if (rows.isEmpty()) {
            throw new Problem.Failure(notFound(id));
        }
        return rows.stream()
                .map(r -> new HistoryEntry(
                        r.version(),
                        r.deleted(),
                        r.at(),
                        r.changedBy(),
                        r.changes(),
                        r.definition() == null ? null : Calendars.definition(r.definition())))
                .toList();
    }

    @GET
    @Path("/{id}/recalculations")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "The re-targetings of the running clocks after the calendar's latest changes (newest first)")
    public List<Recalculation> recalculations(@PathParam("id") String id) {
        return processor.read(c -> ConfigStore.recalculations(c, id, 20)).stream()
                .map(r -> new Recalculation(
                        r.id(),
                        r.version(),
                        r.requestedAt(),
                        r.finishedAt(),
                        r.looked(),
                        r.looked(),
                        r.moved(),
                        r.finishedAt() == null
                                ? null
                                : Duration.between(r.requestedAt(), r.finishedAt())
                                        .toMillis()))
                .toList();
    }

    // ---- changing ---------------------------------------------------------------------------------------------

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Creates (201) or replaces (200) a calendar; If-Match: the version read. Running clocks on it "
                    + "are re-targeted from now on; the past is not re-counted")
    public Response put(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonNode body) {
        CalendarFile definition = definitionOf(id, body);
        CalendarAdmin.Change change = admin.put(
                id, definition, version(ifMatch), callers.current().name(), row -> audit("calendar.changed", row));
        wake();
        Versioned answer = versioned(change.row(), definition);
        if (change.created()) {
            return Response.created(URI.create("/api/sla/calendars/" + id))
                    .entity(answer)
                    .tag(etag(change.row().version()))
                    .build();
        }
        return Response.ok(answer).tag(etag(change.row().version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deletes a calendar (409 while a policy, a region or another calendar uses it)")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        admin.delete(id, version(ifMatch), callers.current().name(), row -> audit("calendar.deleted", row));
        wake();
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/holidays/import")
    @RolesAllowed(Roles.ADMIN)
    // any type reaches the method, so the caller's rights are checked before the type (a stranger learns nothing)
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Adds the holidays of an iCalendar (.ics, Content-Type text/calendar) feed: all-day events, "
                    + "yearly ones as yearly holidays; says what it added and what it skipped and why")
    public Response importHolidays(
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Content-Type") String contentType,
            String ics) {
        if (contentType == null || !contentType.toLowerCase().startsWith(TEXT_CALENDAR)) {
            throw new Problem.Failure(Problem.of(
                    415, "unsupported-media-type", "Unsupported media type", "Send the feed as " + TEXT_CALENDAR));
        }
        calendarOr404(id);
        if (ics == null || ics.isBlank()) {
            throw new Problem.Failure(Problem.invalid("body", "is required: an iCalendar (.ics) document"));
        }
        CalendarFile current = catalog.entry(id).orElseThrow().definition();
        HolidayImport.Result read;
        try {
            read = HolidayImport.read(ics, current.holidays());
        } catch (IllegalArgumentException e) {
            throw new Problem.Failure(Problem.invalid("body", e.getMessage()));
        }
        List<CalendarFile.Holiday> holidays = new ArrayList<>(current.holidays());
        holidays.addAll(read.added());
        CalendarFile next = new CalendarFile(
                current.id(),
                current.name(),
                current.zone(),
                current.hours(),
                holidays,
                current.holidaysOf(),
                current.closures());
        Optional<Integer> expected = version(ifMatch);
        if (expected.isEmpty()) {
            expected = Optional.of(catalog.entry(id).orElseThrow().version()); // what the import was read against
        }
        CalendarAdmin.Change change = admin.put(
                id, next, expected, callers.current().name(), row -> audit("calendar.holidays-imported", row));
        wake();
        return Response.ok(new ImportResult(
                        id,
                        change.row().version(),
                        read.added(),
                        read.skipped(),
                        change.unchanged() ? List.of() : change.row().changes()))
                .tag(etag(change.row().version()))
                .build();
    }

    @POST
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Path("/{id}/exceptional-events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Declares an exceptional event (natural disaster and the like): response clocks on this "
                    + "calendar do not run during it")
    public Response declare(@PathParam("id") String id, Declaration d) {
        calendarOr404(id);
        if (d == null) {
            throw new Problem.Failure(Problem.invalid("body", "is required: {\"from\", \"to\", \"reason\"}"));
        }
        require(d.from(), "from");
        require(d.to(), "to");
        if (!d.to().isAfter(d.from())) {
            throw new Problem.Failure(Problem.invalid("to", "must be after from"));
        }
        if (d.reason() == null || d.reason().isBlank() || d.reason().length() > 500) {
            throw new Problem.Failure(Problem.invalid("reason", "is required, at most 500 characters"));
        }
        Instant now = clock.instant();
        String by = callers.current().name();
        ExceptionalEvent event = new ExceptionalEvent(0, id, d.from(), d.to(), d.reason(), by, now);
        long eventId = processor.declare(
                event,
                now,
                declared -> audit.entry(
                        "calendar.exceptional-event-declared",
                        "calendar",
                        id,
                        null,
                        Map.of("exceptionalEventId", declared, "from", d.from(), "to", d.to(), "reason", d.reason())));
        timers.poke();
        publisher.poke();
        ExceptionalEvent stored = new ExceptionalEvent(eventId, id, d.from(), d.to(), d.reason(), by, now);
        return Response.created(URI.create("/api/sla/calendars/" + id))
                .entity(stored)
                .build();
    }

    // ---- business-time arithmetic -----------------------------------------------------------------------------

    @POST
    @Path("/{id}/business-time")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Business time between two instants on a calendar as it stands (clock=response also skips "
                    + "declared exceptional events)")
    public BusinessTimeAnswer businessTime(
            @PathParam("id") String id,
            Range range,
            @QueryParam("clock") @DefaultValue("resolution") String clockName) {
        ClockKind kind = kind(clockName);
        BusinessTime calendar = current(id, kind);
        if (range == null) {
            throw new Problem.Failure(Problem.invalid("body", "is required: {\"from\": instant, \"to\": instant}"));
        }
        require(range.from(), "from");
        require(range.to(), "to");
        if (range.to().isBefore(range.from())) {
            throw new Problem.Failure(Problem.invalid("to", "must not be before from"));
        }
        Duration d = calendar.between(range.from(), range.to());
        return new BusinessTimeAnswer(id, kind.name().toLowerCase(), range.from(), range.to(), d, d.toMinutes());
    }

    @POST
    @Path("/{id}/deadline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "When an amount of business time has elapsed after a start, on a calendar as it stands")
    public DeadlineAnswer deadline(
            @PathParam("id") String id,
            DeadlineRequest request,
            @QueryParam("clock") @DefaultValue("resolution") String clockName) {
        ClockKind kind = kind(clockName);
        BusinessTime calendar = current(id, kind);
        if (request == null) {
            throw new Problem.Failure(Problem.invalid(
                    "body", "is required: {\"start\": instant, \"businessTime\": " + "ISO-8601 duration}"));
        }
        require(request.start(), "start");
        require(request.businessTime(), "businessTime");
        if (request.businessTime().isNegative()) {
            throw new Problem.Failure(Problem.invalid("businessTime", "must not be negative"));
        }
        if (request.businessTime().compareTo(Duration.ofDays(3650)) > 0) {
            throw new Problem.Failure(Problem.invalid("businessTime", "must be at most ten years"));
        }
        Instant deadline = calendar.deadline(request.start(), request.businessTime());
        return new DeadlineAnswer(id, kind.name().toLowerCase(), request.start(), request.businessTime(), deadline);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The version in force now (what-if arithmetic on today's definition, not on the history of the clocks). */
    private BusinessTime current(String id, ClockKind kind) {
        calendarOr404(id);
        return kind == ClockKind.RESPONSE
                ? catalog.responseCalendar(id).orElseThrow()
                : catalog.calendar(id).orElseThrow();
    }

    /** The body as a calendar definition: the path names it (a body's id, if any, must agree). */
    private CalendarFile definitionOf(String id, JsonNode body) {
        if (!id.matches("[a-z0-9-]{1,64}")) {
            throw new Problem.Failure(Problem.invalid("id", "must be 1 to 64 lower-case letters, digits and dashes"));
        }
        if (!(body instanceof ObjectNode object)) {
            throw new Problem.Failure(Problem.invalid(
                    "body", "is required: a calendar {\"zone\", \"hours\", \"holidays\", \"closures\", ...}"));
        }
        JsonNode given = object.get("id");
        if (given != null && !given.isNull() && !id.equals(given.asText())) {
            throw new Problem.Failure(
                    Problem.invalid("id", "is '" + given.asText() + "' in the body but '" + id + "' in the path"));
        }
        ObjectNode copy = object.deepCopy();
        copy.put("id", id);
        try {
            return Calendars.definition(json.writeValueAsString(copy));
        } catch (InvalidCalendarException e) {
            throw new Problem.Failure(Problem.invalid(e.field().isEmpty() ? "body" : e.field(), e.reason()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Problem.Failure(Problem.invalid("body", "is not JSON"));
        }
    }

    private Versioned versioned(ConfigRow row, CalendarFile definition) {
        return new Versioned(row.id(), row.version(), row.at(), row.changedBy(), row.changes(), definition);
    }

    private Outbox.Outgoing audit(String action, ConfigRow row) {
        return ConfigAudit.entry(audit, action, row);
    }

    /** The relay publishes the change, the re-targeting starts, and the timers look again. */
    private void wake() {
        publisher.poke();
        recalculator.poke();
        timers.poke();
    }

    /** {@code If-Match: "3"} (or W/"3", or 3) as version 3; absent: any version. */
    static Optional<Integer> version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return Optional.empty();
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new Problem.Failure(
                    Problem.invalid("If-Match", "must be the calendar's version as its ETag gives it, e.g. \"3\""));
        }
    }

    private static jakarta.ws.rs.core.EntityTag etag(int version) {
        return new jakarta.ws.rs.core.EntityTag(String.valueOf(version));
    }

    private BusinessCalendar calendarOr404(String id) {
        return catalog.calendar(id).orElseThrow(() -> new Problem.Failure(notFound(id)));
    }

    private static Problem notFound(String id) {
        return Problem.of(404, "not-found", "Not found", "No calendar '" + id + "'");
    }

    private static ClockKind kind(String name) {
        for (ClockKind k : ClockKind.values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new Problem.Failure(Problem.invalid("clock", "must be 'response' or 'resolution'"));
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new Problem.Failure(Problem.invalid(field, "is required"));
        }
    }
}
