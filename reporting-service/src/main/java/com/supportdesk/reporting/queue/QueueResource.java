package com.supportdesk.reporting.queue;

import com.supportdesk.contract.model.PlanLevel;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.reporting.dashboard.DashboardResource;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The agents' work queue: the tickets waiting for support at a level, in the order the agreements say to take them
 * ({@link WorkQueue}). The page {@code /queue.html} shows it live, on the dashboard's change stream.
 */
@Path("/api/reports/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.ENGINEER, Roles.OPS, Roles.ADMIN})
public class QueueResource {
    static final int MAX_LIMIT = 500;

    @Inject
    Clock clock;

    @Inject
    com.supportdesk.reporting.ReportingSettings settings;

    /** The queue; {@code workspace} is where each ticket's page is ({@code <workspace>/tickets/<ticketId>}). */
    public record Queue(Instant at, String level, long waiting, List<WorkQueue.Line> tickets, String workspace) {}

    @GET
    @WithSession
    @Operation(
            summary =
                    "Open tickets waiting for support (not resolved, not on hold), in the order to take them: priority, plan level, urgency, arrival")
    public Uni<Queue> queue(@QueryParam("level") String level, @QueryParam("limit") @DefaultValue("50") int limit) {
        String at;
        if (level == null || level.isBlank()) {
            at = null;
        } else {
            String l = level.trim().toUpperCase(Locale.ROOT);
            if (Arrays.stream(SupportLevel.values()).noneMatch(s -> s.name().equals(l))) {
                throw new Problem.Failure(Problem.invalid("level", "must be one of L1, L2, L3"));
            }
            at = l;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Problem.Failure(Problem.invalid("limit", "must be between 1 and " + MAX_LIMIT));
        }
        Instant now = clock.instant();
        Uni<List<TicketRecord>> open = at == null
                ? TicketRecord.list("status in ('OPEN', 'ACKNOWLEDGED')")
                : TicketRecord.list("status in ('OPEN', 'ACKNOWLEDGED') and level = ?1", at);
        return open.flatMap(tickets -> {
            List<String> accounts =
                    tickets.stream().map(t -> t.accountId).distinct().toList();
            Uni<List<AccountRecord>> profiles = accounts.isEmpty()
                    ? Uni.createFrom().item(List.of())
                    : AccountRecord.list("accountId in ?1", accounts);
            return profiles.map(list -> {
                Map<String, AccountRecord> byId =
                        list.stream().collect(Collectors.toMap(a -> a.accountId, Function.identity()));
                List<WorkQueue.Item> items = tickets.stream()
                        .map(t -> item(t, byId.get(t.accountId), now))
                        .toList();
                return new Queue(now, at, items.size(), WorkQueue.order(items, now, limit), settings.workspaceUrl());
            });
        });
    }

    private static WorkQueue.Item item(TicketRecord t, AccountRecord a, Instant now) {
        DashboardResource.TicketLine running = DashboardResource.line(t, now);
        PlanLevel plan = a == null || a.planLevel == null ? null : PlanLevel.valueOf(a.planLevel);
        return new WorkQueue.Item(
                t.ticketId,
                t.reference,
                t.accountId,
                a == null ? null : a.name,
                plan,
                t.severity,
                t.urgency,
                t.priority,
                t.escalated,
                t.status,
                t.level,
                t.title,
                t.application,
                t.nonStandard,
                t.breached,
                t.openedAt,
                running.clock(),
                running.deadline());
    }
}
