package com.supportdesk.reporting.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.reporting.model.AuditRecord;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audit trail (admins only): administrative and operational actions of every service, newest first, filtered by
 * actor, time range, action, target or account.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@WithSession
@RolesAllowed(Roles.ADMIN)
public class AuditResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry as shown. */
    public record Entry(
            String auditId,
            Instant at,
            String action,
            String service,
            String actor,
            String actorName,
            List<String> actorRoles,
            String clientId,
            String address,
            String targetKind,
            String targetId,
            String accountId,
            JsonNode details) {
        static Entry of(AuditRecord r) {
            JsonNode details;
            try {
                details = JSON.readTree(r.details == null ? "[]" : r.details);
            } catch (IOException e) {
                details = JSON.createArrayNode();
            }
            return new Entry(
                    r.auditId,
                    r.at,
                    r.action,
                    r.service,
                    r.actor,
                    r.actorName,
                    r.actorRoles == null || r.actorRoles.isEmpty() ? List.of() : Arrays.asList(r.actorRoles.split(",")),
                    r.clientId,
                    r.address,
                    r.targetKind,
                    r.targetId,
                    r.accountId,
                    details);
        }
    }

    public record AuditPage(List<Entry> items, int page, int size, long total) {}

    @GET
    public Uni<AuditPage> entries(
            @QueryParam("actor") String actor,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("action") String action,
            @QueryParam("targetId") String targetId,
            @QueryParam("accountId") String accountId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw invalid("size", "must be between 1 and 500");
        }
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (actor != null) {
            // the user id or the user name, as people remember either
            where.add("(actor = :actor or actorName = :actor)");
            params.and("actor", text("actor", actor));
        }
        Instant fromAt = from == null ? null : instant("from", from);
        Instant toAt = to == null ? null : instant("to", to);
        if (fromAt != null && toAt != null && !toAt.isAfter(fromAt)) {
            throw invalid("to", "must be after from");
        }
        if (fromAt != null) {
            where.add("at >= :from");
            params.and("from", fromAt);
        }
        if (toAt != null) {
            where.add("at < :to");
            params.and("to", toAt);
        }
        if (action != null) {
            where.add("action = :action");
            params.and("action", text("action", action));
        }
        if (targetId != null) {
            where.add("targetId = :target");
            params.and("target", text("targetId", targetId));
        }
        if (accountId != null) {
            where.add("accountId = :account");
            params.and("account", text("accountId", accountId));
        }
        var found = AuditRecord.<AuditRecord>find(
                String.join(" and ", where), Sort.descending("at").and("auditId"), params);
        return found.page(Page.of(page, size))
                .list()
                .flatMap(items -> found.count()
                        .map(total ->
                                new AuditPage(items.stream().map(Entry::of).toList(), page, size, total)));
    }

    private static String text(String field, String value) {
        if (value.isBlank() || value.length() > 255) {
            throw invalid(field, "must be 1 to 255 characters");
        }
        return value;
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant, e.g. 2026-10-01T00:00:00Z");
        }
    }

    private static Problem.Failure invalid(String field, String reason) {
        return new Problem.Failure(Problem.invalid(field, reason));
    }
}
