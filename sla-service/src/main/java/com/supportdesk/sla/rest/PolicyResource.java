package com.supportdesk.sla.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.sla.config.PolicyAdmin;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.policy.SlaPolicies;
import com.supportdesk.sla.policy.SlaPolicy;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.timer.OutboxPublisher;
import com.supportdesk.sla.timer.Recalculator;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The SLA policies (support plans): everyone signed in reads them; the administrator creates, replaces and deletes
 * them, and may apply a change to the running clocks; ops and admin read their history and re-targetings. A
 * policy's version is its ETag.
 */
@Path("/api/sla/policies")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PolicyResource {

    @Inject
    Callers callers;

    @Inject
    AuditTrail audit;

    @Inject
    SlaProcessor processor;

    @Inject
    SlaCatalog catalog;

    @Inject
    PolicyAdmin admin;

    @Inject
    OutboxPublisher publisher;

    @Inject
    Recalculator recalculator;

    @Inject
    ObjectMapper json;

    public record Versioned(
            String id,
            int version,
            Instant changedAt,
            String changedBy,
            List<String> changes,
            boolean appliedToRunningClocks,
            SlaPolicy policy) {}

    public record HistoryEntry(
            int version,
            boolean deleted,
            Instant changedAt,
            String changedBy,
            List<String> changes,
            SlaPolicy policy) {}

    public record Recalculation(
            long id,
            int version,
            Instant requestedAt,
            Instant finishedAt,
            int ticketsLookedAt,
            int clocksMoved,
            Long tookMillis) {}

    @GET
    @Operation(summary = "The SLA policies (support plans) in force")
    public List<SlaPolicy> policies() {
        processor.refresh();
        return catalog.policies().all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One SLA policy, with its version as the ETag")
    public Response policy(@PathParam("id") String id) {
        processor.refresh();
        SlaPolicy p = catalog.policies().byId(id).orElseThrow(() -> new Problem.Failure(notFound(id)));
        int version =
                catalog.policyVersion(id).map(SlaCatalog.PolicyVersion::version).orElse(0);
        return Response.ok(p).tag(new EntityTag(String.valueOf(version))).build();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Every version of a policy: who changed it, when, what changed, and the policy")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        List<ConfigRow> rows = processor.read(c -> ConfigStore.history(c, ConfigRow.POLICY, id));
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
                        r.definition() == null ? null : SlaPolicies.parse(r.definition())))
                .toList();
    }

    @GET
    @Path("/{id}/recalculations")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "The policy's changes applied to running clocks, newest first")
    public List<Recalculation> recalculations(@PathParam("id") String id) {
        return processor.read(c -> ConfigStore.policyRecalculations(c, id, 20)).stream()
                .map(r -> new Recalculation(
                        r.id(),
                        r.version(),
                        r.requestedAt(),
                        r.finishedAt(),
                        r.looked(),
                        r.moved(),
                        r.finishedAt() == null
                                ? null
                                : Duration.between(r.requestedAt(), r.finishedAt())
                                        .toMillis()))
                .toList();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Creates (201) or replaces (200) a policy; If-Match: the version read. It applies to tickets "
                    + "opened from now on, and to the running clocks too with applyToRunningClocks=true")
    public Response put(
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            @QueryParam("applyToRunningClocks") @DefaultValue("false") boolean applyToRunningClocks,
            JsonNode body) {
        SlaPolicy policy = parse(id, body);
        PolicyAdmin.Change change = admin.put(
                policy,
                CalendarResource.version(ifMatch),
                applyToRunningClocks,
                callers.current().name(),
                row -> audit("policy.changed", row));
        publisher.poke();
        recalculator.poke();
        ConfigRow row = change.row();
        Versioned answer = new Versioned(
                id, row.version(), row.at(), row.changedBy(), row.changes(), change.applied(), change.policy());
        Response.ResponseBuilder response =
                change.created() ? Response.created(URI.create("/api/sla/policies/" + id)) : Response.ok();
        return response.entity(answer)
                .tag(new EntityTag(String.valueOf(row.version())))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deletes a policy (409 while an account's plan names it, or it is the default policy)")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        admin.delete(
                id, CalendarResource.version(ifMatch), callers.current().name(), row -> audit("policy.deleted", row));
        publisher.poke();
        return Response.noContent().build();
    }

    private SlaPolicy parse(String id, JsonNode body) {
        if (!id.matches("[a-z0-9-]{1,64}")) {
            throw new Problem.Failure(Problem.invalid("id", "must be 1 to 64 lower-case letters, digits and dashes"));
        }
        if (!(body instanceof ObjectNode object)) {
            throw new Problem.Failure(Problem.invalid(
                    "body", "is required: a policy {\"name\", \"objectivePercent\", \"targets\", ...}"));
        }
        JsonNode given = object.get("id");
        if (given != null && !given.isNull() && !id.equals(given.asText())) {
            throw new Problem.Failure(
                    Problem.invalid("id", "is '" + given.asText() + "' in the body but '" + id + "' in the path"));
        }
        ObjectNode copy = object.deepCopy();
        copy.put("id", id);
        try {
            return SlaPolicies.parse(json.writeValueAsString(copy));
        } catch (SlaPolicies.InvalidPolicyException e) {
            throw new Problem.Failure(Problem.invalid(e.field(), e.reason()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Problem.Failure(Problem.invalid("body", "is not JSON"));
        }
    }

    private Outbox.Outgoing audit(String action, ConfigRow row) {
        return ConfigAudit.entry(audit, action, row);
    }

    private static Problem notFound(String id) {
        return Problem.of(404, "not-found", "Not found", "No SLA policy '" + id + "'");
    }
}
