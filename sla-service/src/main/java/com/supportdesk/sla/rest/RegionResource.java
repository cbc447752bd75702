package com.supportdesk.sla.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.sla.config.RegionAdmin;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.timer.OutboxPublisher;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.Regions;
import com.supportdesk.support.audit.AuditTrail;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The support regions: each an id mapped to the calendar of its support hours and the languages support speaks
 * there. Everyone signed in reads them (a portal offers them when an account is registered); the administrator
 * creates, changes and deletes them; ops and admin read their history. A region's version is its ETag.
 */
@Path("/api/sla/regions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RegionResource {

    @Inject
    Callers callers;

    @Inject
    AuditTrail audit;

    @Inject
    SlaProcessor processor;

    @Inject
    SlaCatalog catalog;

    @Inject
    RegionAdmin admin;

    @Inject
    OutboxPublisher publisher;

    @Inject
    ObjectMapper json;

    public record RegionView(String id, String name, String calendar, List<SupportLanguage> languages, int version) {}

    public record HistoryEntry(
            int version,
            boolean deleted,
            Instant changedAt,
            String changedBy,
            List<String> changes,
            RegionAdmin.RegionDefinition region) {}

    public record Versioned(
            String id,
            int version,
            Instant changedAt,
            String changedBy,
            List<String> changes,
            RegionAdmin.RegionDefinition region) {}

    @GET
    @Operation(summary = "The support regions: each one's calendar and languages, with its version")
    public List<RegionView> regions() {
        processor.refresh();
        List<RegionView> out = new ArrayList<>();
        for (Regions.SupportRegion r : catalog.regions().all()) {
            out.add(view(r));
        }
        return out;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One region, with its version (also the ETag)")
    public Response region(@PathParam("id") String id) {
        processor.refresh();
        Regions.SupportRegion r = catalog.regions().find(id).orElseThrow(() -> new Problem.Failure(notFound(id)));
        return Response.ok(view(r))
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(r.version())))
                .build();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Operation(summary = "Every version of a region: who changed it, when, what changed, and the definition")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        List<ConfigRow> rows = processor.read(c -> ConfigStore.history(c, ConfigRow.REGION, id));
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
                        r.definition() == null ? null : definition(r.definition())))
                .toList();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Creates (201) or replaces (200) a region {calendar, languages, name}; If-Match: the version "
                    + "read. Tickets its accounts open from now on follow the new calendar")
    public Response put(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonNode body) {
        RegionAdmin.RegionDefinition given = parse(body);
        RegionAdmin.Change change = admin.put(
                id,
                given,
                CalendarResource.version(ifMatch),
                callers.current().name(),
                row -> audit("region.changed", row));
        publisher.poke();
        ConfigRow row = change.row();
        Versioned answer =
                new Versioned(id, row.version(), row.at(), row.changedBy(), row.changes(), change.definition());
        Response.ResponseBuilder response =
                change.created() ? Response.created(URI.create("/api/sla/regions/" + id)) : Response.ok();
        return response.entity(answer)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(row.version())))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deletes a region (409 while an account is in it, or it is the default region)")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        admin.delete(
                id, CalendarResource.version(ifMatch), callers.current().name(), row -> audit("region.deleted", row));
        publisher.poke();
        return Response.noContent().build();
    }

    private RegionAdmin.RegionDefinition parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Problem.Failure(Problem.invalid("body", "is required: {\"calendar\", \"languages\", \"name\"}"));
        }
        JsonNode languages = body.get("languages");
        List<SupportLanguage> parsed = null;
        if (languages != null && !languages.isNull()) {
            if (!languages.isArray()) {
                throw new Problem.Failure(Problem.invalid("languages", "must be a list of support languages"));
            }
            parsed = new ArrayList<>();
            for (int i = 0; i < languages.size(); i++) {
                try {
                    parsed.add(SupportLanguage.valueOf(languages.get(i).asText()));
                } catch (IllegalArgumentException e) {
                    throw new Problem.Failure(Problem.invalid(
                            "languages[" + i + "]",
                            "must be one of " + java.util.Arrays.toString(SupportLanguage.values())));
                }
            }
        }
        for (String field : new String[] {"name", "calendar"}) {
            if (body.has(field) && !body.get(field).isNull() && !body.get(field).isTextual()) {
                throw new Problem.Failure(Problem.invalid(field, "must be text"));
            }
        }
        return new RegionAdmin.RegionDefinition(
                body.hasNonNull("name") ? body.get("name").asText() : null,
                body.hasNonNull("calendar") ? body.get("calendar").asText() : null,
                parsed);
    }

    private RegionAdmin.RegionDefinition definition(String stored) {
        try {
            return json.readValue(stored, RegionAdmin.RegionDefinition.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegionView view(Regions.SupportRegion r) {
        return new RegionView(
                r.id(), r.name(), r.calendar(), r.languages().stream().sorted().toList(), r.version());
    }

    private Outbox.Outgoing audit(String action, ConfigRow row) {
        return ConfigAudit.entry(audit, action, row);
    }

    private static Problem notFound(String id) {
        return Problem.of(404, "not-found", "Not found", "No region '" + id + "'");
    }
}
