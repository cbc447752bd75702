package com.supportdesk.sla.rest;

import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.sla.clock.ClockStatus;
import com.supportdesk.sla.clock.SlaClock;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.engine.SlaEngine;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.sla.store.TicketRow;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Caller;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A ticket's clocks and deadlines, an account's contract as sla-service knows it, the caller (policies: {@link PolicyResource}, calendars: {@link CalendarResource}). */
@Path("/api/sla")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SlaResource {

    @Inject
    Callers callers;

    @Inject
    SlaProcessor processor;

    @Inject
    SlaCatalog catalog;

    @Inject
    SlaEngine engine;

    @Inject
    Clock clock;

    @Inject
    com.supportdesk.support.audit.AuditTrail audit;

    @Inject
    com.supportdesk.sla.timer.TimerScheduler timers;

    @Inject
    com.supportdesk.sla.timer.OutboxPublisher publisher;

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

    public record AccountView(String accountId, String region, String plan, String policy) {}

    /** Who is calling and what the administrator's page may offer them. */
    public record Me(String user, List<String> roles, boolean mayChangeConfiguration, boolean mayReadHistory) {}

    @GET
    @Path("/me")
    @Operation(summary = "The caller and what they may do with the SLA configuration (for the administrator's page)")
    public Me me() {
        var caller = callers.current();
        return new Me(
                caller.name(),
                caller.roles().stream().sorted().toList(),
                caller.has(Roles.ADMIN),
                caller.hasAny(List.of(
                        com.supportdesk.support.security.Roles.ADMIN, com.supportdesk.support.security.Roles.OPS)));
    }

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

    public record Downgrade(String reason) {}

    @POST
    @Path("/tickets/{id}/follow-up/downgrade")
    @RolesAllowed({Roles.AGENT, Roles.ENGINEER, Roles.OPS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Downgrades the ticket's 24/7 follow-up to business hours (the customer cannot provide resources "
                    + "round the clock): its follow-up clock counts on business hours from now on, target unchanged")
    public TicketSla downgradeFollowUp(@PathParam("id") String id, Downgrade body) {
        if (body == null
                || body.reason() == null
                || body.reason().isBlank()
                || body.reason().length() > 500) {
            throw new Problem.Failure(
                    Problem.invalid("reason", "is required: why the follow-up is downgraded (1 to 500 characters)"));
        }
        Caller caller = callers.current();
        TicketSla before = clocks(id);
        if (!caller.maySee(before.accountId())) {
            throw new Problem.Failure(
                    Problem.of(404, "not-found", "Not found", "sla-service has no clocks for ticket " + id));
        }
        SlaEngine.Downgrade outcome = processor.downgradeFollowUp(
                id,
                () -> audit.entry(
                        "sla.follow-up-downgraded",
                        "ticket",
                        id,
                        before.accountId(),
                        java.util.Map.of("reason", body.reason())));
        switch (outcome) {
            case NOT_FOUND ->
                throw new Problem.Failure(
                        Problem.of(404, "not-found", "Not found", "sla-service has no clocks for ticket " + id));
            case NO_FOLLOW_UP ->
                throw new Problem.Failure(Problem.of(
                        409,
                        "no-follow-up",
                        "No follow-up to downgrade",
                        "The ticket's policy sets no follow-up target for it"));
            default -> {}
        }
        timers.poke();
        publisher.poke();
        return clocks(id);
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
                                : k.nextAlarm() == SlaClock.BREACH
                                        ? "breach"
                                        : "warning-"
                                                + (k.nextAlarm() > 0 ? k.nextAlarm() : -k.nextAlarm() + "m-before"),
                        k.nextDue(),
                        k.warningsFired().stream().sorted().toList(),
                        k.breached()));
            }
            views.sort(Comparator.comparing(ClockView::clock));
            return new TicketSla(
                    t.ticketId(),
                    t.accountId(),
                    t.policy(),
                    t.region(),
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
                a.accountId(), a.region(), a.plan(), catalog.policyFor(a.plan()).id());
    }
}
