package com.supportdesk.ticket.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.contract.command.CancelMaintenance;
import com.supportdesk.contract.command.DeclareOutage;
import com.supportdesk.contract.command.EndOutage;
import com.supportdesk.contract.command.OutageCommand;
import com.supportdesk.contract.command.ScheduleMaintenance;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.support.security.Callers;
import com.supportdesk.ticket.command.Actor;
import com.supportdesk.ticket.command.CommandService;
import com.supportdesk.ticket.query.StoredEvent;
import com.supportdesk.ticket.query.TicketQueries;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Unplanned outages and planned maintenance windows, declared by operations. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "outages")
@Authenticated
public class OutageResource {

    @Inject
    Callers callers;

    @Inject
    CommandService commands;

    @Inject
    TicketQueries queries;

    @Context
    UriInfo uri;

    @POST
    @Path("/outages")
    @Operation(summary = "Declare an unplanned outage")
    @RequestBody(content = @Content(schema = @Schema(implementation = DeclareOutage.class)))
    public Response declare(JsonNode body) {
        return create("outages", DeclareOutage.class, body);
    }

    @POST
    @Path("/outages/{id}/end")
    @Operation(summary = "End an unplanned outage")
    @RequestBody(content = @Content(schema = @Schema(implementation = EndOutage.class)))
    public List<StoredEvent> end(@PathParam("id") String id, JsonNode body) {
        return act(EndOutage.class, id, body);
    }

    @GET
    @Path("/outages/{id}")
    @Operation(summary = "An outage's history")
    public List<StoredEvent> outage(@PathParam("id") String id) {
        return history(id, OutageDeclared.class);
    }

    @POST
    @Path("/maintenances")
    @Operation(summary = "Schedule a planned maintenance window")
    @RequestBody(content = @Content(schema = @Schema(implementation = ScheduleMaintenance.class)))
    public Response schedule(JsonNode body) {
        return create("maintenances", ScheduleMaintenance.class, body);
    }

    @POST
    @Path("/maintenances/{id}/cancel")
    @Operation(summary = "Cancel a planned maintenance window")
    public List<StoredEvent> cancel(@PathParam("id") String id, JsonNode body) {
        return act(CancelMaintenance.class, id, body);
    }

    @GET
    @Path("/maintenances/{id}")
    @Operation(summary = "A maintenance window's history")
    public List<StoredEvent> maintenance(@PathParam("id") String id) {
        return history(id, MaintenanceScheduled.class);
    }

    private <T extends OutageCommand> Response create(String collection, Class<T> type, JsonNode body) {
        String id = UUID.randomUUID().toString();
        commands.send(CommandBodies.read(type, "outageId", id, body), Actor.of(callers.current()));
        return Response.created(uri.getBaseUriBuilder()
                        .path("api")
                        .path(collection)
                        .path(id)
                        .build())
                .entity(queries.history(id).orElseThrow())
                .build();
    }

    private <T extends OutageCommand> List<StoredEvent> act(Class<T> type, String id, JsonNode body) {
        queries.history(id).orElseThrow(() -> new NotFoundException("No outage or maintenance " + id));
        commands.send(CommandBodies.read(type, "outageId", id, body), Actor.of(callers.current()));
        return queries.history(id).orElseThrow();
    }

    private List<StoredEvent> history(String id, Class<?> firstEvent) {
        return queries.history(id)
                .filter(h -> firstEvent.isInstance(h.get(0).data()))
                .orElseThrow(() -> new NotFoundException("No such outage or maintenance: " + id));
    }
}
