package com.supportdesk.reporting.queue;

import com.supportdesk.contract.model.PlanLevel;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.reporting.dashboard.DashboardResource;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.FigureRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.reporting.projection.DashboardFigures;
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
    public record Queue(
            Instant at, String level, long waiting, List<WorkQueue.Line> tickets, String workspace, String next) {}

    @GET
    @WithSession
    @Operation(
            summary =
                    "Open tickets waiting for support (not resolved, not on hold), in the order to take them: priority, plan level, urgency, arrival")
    public Uni<Queue> queue(
            @QueryParam("level") String level,
            @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("cursor") String cursor) {
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
        After after = cursor == null ? null : decode(cursor);
        String afterKey = after == null ? null : after.queueKey();
        // read off the queue's index in its order (QueueKey), one more than asked to know whether a next page exists
        String where = "queueKey is not null" + (at == null ? "" : " and level = :level")
                + (afterKey == null ? "" : " and queueKey > :after");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (at != null) {
            params.and("level", at);
        }
        if (afterKey != null) {
            params.and("after", afterKey);
        }
        Uni<List<TicketRecord>> open = TicketRecord.<TicketRecord>find(
                        where, io.quarkus.panache.common.Sort.ascending("queueKey"), params)
                .page(0, limit + 1)
                .list();
        List<String> counted = at == null
                ? Arrays.stream(SupportLevel.values())
                        .map(l -> DashboardFigures.queued(l.name()))
                        .toList()
                : List.of(DashboardFigures.queued(at));
        Uni<Long> waiting = FigureRecord.<FigureRecord>list("name in ?1", counted)
                .map(rows -> rows.stream().mapToLong(r -> r.n).sum());
        int offset = after == null ? 0 : after.position();
        return open.flatMap(found -> waiting.flatMap(total -> {
            List<TicketRecord> tickets = found.size() > limit ? found.subList(0, limit) : found;
            String next = found.size() > limit ? encode(tickets.get(limit - 1).queueKey, offset + limit) : null;
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
                List<WorkQueue.Line> lines = WorkQueue.order(items, now, limit).stream()
                        .map(l -> l.at(l.position() + offset))
                        .toList();
                return new Queue(now, at, total, lines, settings.workspaceUrl(), next);
            });
        }));
    }

    /** A page's cursor: the last ticket's place and position, opaque to clients (base64url). */
    static String encode(String queueKey, int position) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((position + "|" + queueKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Where a page starts: after this key, at this position. */
    record After(String queueKey, int position) {}

    static After decode(String cursor) {
        try {
            String raw = new String(
                    java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new After(raw.substring(bar + 1), Integer.parseInt(raw.substring(0, bar)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Problem.Failure(
                    Problem.invalid("cursor", "is not a cursor of the queue (take it from a page's next)"));
        }
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
