package com.supportdesk.sla.rest;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.sla.clock.ClockStatus;
import com.supportdesk.sla.clock.SlaClock;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.engine.SlaEngine;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.policy.SlaPolicy;
import com.supportdesk.sla.store.ExceptionalEvent;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.sla.store.TicketRow;
import com.supportdesk.sla.timer.OutboxPublisher;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Caller;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A ticket's clocks and deadlines; calendars, business-time arithmetic, exceptional events and policies. */
@Path("/api/sla")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SlaResource {

    @Inject
    Callers callers;

    @Inject
    com.supportdesk.support.audit.AuditTrail audit;

    @Inject
    SlaProcessor processor;

    @Inject
    SlaCatalog catalog;

    @Inject
    SlaEngine engine;

    @Inject
    Clock clock;

    @Inject
    TimerScheduler timers;

    @Inject
    OutboxPublisher publisher;

    public record ClockView(
            ClockKind clock,
            ClockStatus status,
            String calendar,
            Duration target,
            Duration elapsed,
            Duration remaining,
            Instant deadline,
            String nextAlarm,
            Instant nextDue,
            List<Integer> warningsFired,
            boolean breached) {}

    public record TicketSla(
            String ticketId,
            String accountId,
            String policy,
            String region,
            String severity,
            String impact,
            String state,
            Instant openedAt,
            long slaSequence,
            Instant asOf,
            List<ClockView> clocks) {}

    public record CalendarSummary(String id, String name, String zone, Duration weeklyBusinessTime) {}

    public record CalendarDetail(
            String id,
            String name,
            String zone,
            Duration weeklyBusinessTime,
            boolean openNow,
            int year,
            List<LocalDate> holidays,
            List<ExceptionalEvent> exceptionalEvents) {}

    public record Range(Instant from, Instant to) {}

    public record BusinessTime(
            String calendar, String clock, Instant from, Instant to, Duration businessTime, long businessMinutes) {}

    public record DeadlineRequest(Instant start, Duration businessTime) {}

    public record DeadlineAnswer(
            String calendar, String clock, Instant start, Duration businessTime, Instant deadline) {}

    public record Declaration(Instant from, Instant to, String reason) {}

    public record AccountView(String accountId, String region, String plan, String policy) {}

    @GET
    @Path("/tickets/{id}")
    @Operation(
            summary = "Each clock of a ticket: state, target, business time elapsed and left, deadline "
                    + "(state AWAITING_ACCOUNT: opened for an account sla-service has not seen yet)")
    public TicketSla ticket(@PathParam("id") String id) {
        Caller caller = callers.current();
        TicketSla sla = clocks(id);
        if (!caller.maySee(sla.accountId())) {
            throw new Problem.Failure(
                    Problem.of(404, "not-found", "Not found", "sla-service has no clocks for ticket " + id));
        }
        return sla;
    }

    private TicketSla clocks(String id) {
        Instant now = clock.instant();
        return processor.read(c -> {
            java.util.Optional<TicketRow> row = SlaStore.ticket(c, id);
            if (row.isEmpty()) {
                String account = SlaStore.waitingFor(c, id)
                        .orElseThrow(() -> new Problem.Failure(Problem.of(
                                404, "not-found", "Not found", "sla-service has no clocks for ticket " + id)));
                // opened, but the account's contract is not known yet: no clock runs so far
                return new TicketSla(id, account, null, null, null, null, "AWAITING_ACCOUNT", null, 0, now, List.of());
            }
            TicketRow t = row.get();
            List<ClockView> views = new ArrayList<>();
            for (SlaClock k :
                    SlaStore.clocks(c, List.of(id)).getOrDefault(id, Map.of()).values()) {
                Duration elapsed = engine.rules().elapsed(k, now);
                views.add(new ClockView(
                        k.kind(),
                        k.status(),
                        k.calendar(),
                        k.target(),
                        elapsed,
                        k.target() == null
                                ? null
                                : k.target().minus(elapsed).isNegative()
                                        ? Duration.ZERO
                                        : k.target().minus(elapsed),
                        k.deadline(),
                        k.nextAlarm() == null
                                ? null
                                : k.nextAlarm() == SlaClock.BREACH ? "breach" : "warning-" + k.nextAlarm(),
                        k.nextDue(),
                        k.warningsFired().stream().sorted().toList(),
                        k.breached()));
            }
            views.sort(Comparator.comparing(ClockView::clock));
            return new TicketSla(
                    t.ticketId(),
                    t.accountId(),
                    t.policy(),
                    t.region().name(),
                    t.severity().name(),
                    t.impact().name(),
                    t.state(),
                    t.openedAt(),
                    t.slaSequence(),
                    now,
                    views);
        });
    }

    @GET
    @Path("/accounts/{id}")
    @Operation(summary = "The region and plan sla-service knows for an account, and the policy that applies")
    public AccountView account(@PathParam("id") String id) {
        SlaStore.AccountRow a = callers.current().maySee(id)
                ? processor.read(c -> SlaStore.accounts(c, List.of(id)).get(id))
                : null;
        if (a == null) {
            throw new Problem.Failure(Problem.of(
                    404, "not-found", "Not found", "sla-service has not seen account " + id + " on account-events"));
        }
        return new AccountView(
                a.accountId(),
                a.region().name(),
                a.plan(),
                catalog.policyFor(a.plan()).id());
    }

    @GET
    @Path("/calendars")
    @Operation(summary = "The support calendars")
    public List<CalendarSummary> calendars() {
        return catalog.calendars().all().stream()
                .map(c -> new CalendarSummary(c.id(), c.name(), c.zone().getId(), c.weeklyBusinessTime()))
                .toList();
    }

    @GET
    @Path("/calendars/{id}")
    @Operation(summary = "One calendar: its holidays in a year (default: this year) and declared exceptional events")
    public CalendarDetail calendar(@PathParam("id") String id, @QueryParam("year") Integer year) {
        BusinessCalendar c = calendarOr404(id);
        Instant now = clock.instant();
        int y = year == null ? now.atZone(c.zone()).getYear() : year;
        if (y < 1583 || y > 9999) {
            throw new Problem.Failure(Problem.invalid("year", "must be between 1583 and 9999"));
        }
        return new CalendarDetail(
                c.id(),
                c.name(),
                c.zone().getId(),
                c.weeklyBusinessTime(),
                catalog.calendar(id, ClockKind.RESPONSE).isOpen(now),
                y,
                c.holidaysIn(y),
                catalog.exceptionalEvents().stream()
                        .filter(e -> e.calendar().equals(id))
                        .toList());
    }

    @POST
    @Path("/calendars/{id}/business-time")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Business time between two instants on a calendar (clock=response also skips declared "
                    + "exceptional events)")
    public BusinessTime businessTime(
            @PathParam("id") String id,
            Range range,
            @QueryParam("clock") @DefaultValue("resolution") String clockName) {
        calendarOr404(id);
        ClockKind kind = kind(clockName);
        if (range == null) {
            throw new Problem.Failure(Problem.invalid("body", "is required: {\"from\": instant, \"to\": instant}"));
        }
        require(range.from(), "from");
        require(range.to(), "to");
        if (range.to().isBefore(range.from())) {
            throw new Problem.Failure(Problem.invalid("to", "must not be before from"));
        }
        Duration d = catalog.calendar(id, kind).between(range.from(), range.to());
        return new BusinessTime(id, kind.name().toLowerCase(), range.from(), range.to(), d, d.toMinutes());
    }

    @POST
    @Path("/calendars/{id}/deadline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "When an amount of business time has elapsed after a start, on a calendar")
    public DeadlineAnswer deadline(
            @PathParam("id") String id,
            DeadlineRequest request,
            @QueryParam("clock") @DefaultValue("resolution") String clockName) {
        calendarOr404(id);
        ClockKind kind = kind(clockName);
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
        Instant deadline = catalog.calendar(id, kind).deadline(request.start(), request.businessTime());
        return new DeadlineAnswer(id, kind.name().toLowerCase(), request.start(), request.businessTime(), deadline);
    }

    @POST
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Path("/calendars/{id}/exceptional-events")
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
                        java.util.Map.of(
                                "exceptionalEventId", declared, "from", d.from(), "to", d.to(), "reason", d.reason())));
        timers.poke();
        publisher.poke();
        ExceptionalEvent stored = new ExceptionalEvent(eventId, id, d.from(), d.to(), d.reason(), by, now);
        return Response.created(URI.create("/api/sla/calendars/" + id))
                .entity(stored)
                .build();
    }

    @GET
    @Path("/policies")
    @Operation(summary = "The SLA policies (support plans) in force")
    public List<SlaPolicy> policies() {
        return catalog.policies().all();
    }

    @GET
    @Path("/policies/{id}")
    @Operation(summary = "One SLA policy")
    public SlaPolicy policy(@PathParam("id") String id) {
        return catalog.policies()
                .byId(id)
                .orElseThrow(() ->
                        new Problem.Failure(Problem.of(404, "not-found", "Not found", "No SLA policy '" + id + "'")));
    }

    private BusinessCalendar calendarOr404(String id) {
        return catalog.calendar(id)
                .orElseThrow(() ->
                        new Problem.Failure(Problem.of(404, "not-found", "Not found", "No calendar '" + id + "'")));
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
