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

    /** A page: numbered ({@code page}, {@code size}, {@code total}) or, with {@code limit}/{@code cursor}, by key. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record AuditPage(List<Entry> items, int page, int size, Long total, String next) {}

    @GET
    public Uni<AuditPage> entries(
            @QueryParam("actor") String actor,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("action") String action,
            @QueryParam("targetId") String targetId,
            @QueryParam("accountId") String accountId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        if (limit != null && (limit < 1 || limit > 500)) {
            throw invalid("limit", "must be between 1 and 500");
        }
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
        Sort newestFirst = Sort.descending("at").and("auditId", Sort.Direction.Descending);
        if (limit != null || cursor != null) {
            // by key: the same cost on every page, nothing counted
            int keyed = limit == null ? size : limit;
            if (cursor != null) {
                String[] after = after(cursor);
                where.add("(at < :afterAt or (at = :afterAt and auditId < :afterId))");
                params.and("afterAt", Instant.parse(after[0])).and("afterId", after[1]);
            }
            return AuditRecord.<AuditRecord>find(String.join(" and ", where), newestFirst, params)
                    .page(Page.ofSize(keyed + 1))
                    .list()
                    .map(rows -> {
                        List<AuditRecord> items = rows.size() > keyed ? rows.subList(0, keyed) : rows;
                        String next = rows.size() > keyed ? cursorAfter(items.get(keyed - 1)) : null;
                        return new AuditPage(items.stream().map(Entry::of).toList(), 0, keyed, null, next);
                    });
        }
        var found = AuditRecord.<AuditRecord>find(String.join(" and ", where), newestFirst, params);
        return found.page(Page.of(page, size))
                .list()
                .flatMap(items -> found.count()
                        .map(total ->
                                new AuditPage(items.stream().map(Entry::of).toList(), page, size, total, null)));
    }

    /** The position after an entry, newest first; opaque to clients (base64url). */
    static String cursorAfter(AuditRecord r) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((r.at + "|" + r.auditId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String[] after(String cursor) {
        try {
            String raw = new String(
                    java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            Instant.parse(raw.substring(0, bar));
            return new String[] {raw.substring(0, bar), raw.substring(bar + 1)};
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw invalid("cursor", "is not a cursor of the audit trail (take it from a page's next)");
        }
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
