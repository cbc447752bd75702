package com.supportdesk.ticket.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.contract.command.ChangeOutageNotificationList;
import com.supportdesk.contract.command.RegisterAccount;
import com.supportdesk.contract.command.UpdateAccount;
import com.supportdesk.contract.event.AccountEvent;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.support.security.Callers;
import com.supportdesk.ticket.command.Actor;
import com.supportdesk.ticket.command.CommandService;
import com.supportdesk.ticket.query.TicketQueries;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Client accounts and their contracts; each change is published in full on the compacted account-events topic. */
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
@Authenticated
public class AccountResource {

    @Inject
    Callers callers;

    @Inject
    CommandService commands;

    @Inject
    TicketQueries queries;

    @Context
    UriInfo uri;

    public record AccountView(String accountId, com.supportdesk.contract.model.AccountProfile profile) {}

    @POST
    @Operation(summary = "Register a client account", description = "accountId is chosen by the administrator.")
    @RequestBody(content = @Content(schema = @Schema(implementation = RegisterAccount.class)))
    public Response register(JsonNode body) {
        String id = body != null && body.hasNonNull("accountId")
                ? body.get("accountId").asText()
                : null;
        if (id == null || id.isBlank()) {
            throw new com.supportdesk.ticket.command.InvalidCommand("accountId", "is required");
        }
        commands.send(CommandBodies.read(RegisterAccount.class, "accountId", id, body), Actor.of(callers.current()));
        return Response.created(uri.getAbsolutePathBuilder().path(id).build())
                .entity(get(id))
                .build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace an account's profile")
    @RequestBody(content = @Content(schema = @Schema(implementation = UpdateAccount.class)))
    public AccountView update(@PathParam("id") String id, JsonNode body) {
        get(id);
        commands.send(CommandBodies.read(UpdateAccount.class, "accountId", id, body), Actor.of(callers.current()));
        return get(id);
    }

    @PUT
    @Path("/{id}/outage-notification-list")
    @Operation(summary = "Replace the account's outage notification list (its designated contacts, or an admin)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ChangeOutageNotificationList.class)))
    public AccountView outageList(@PathParam("id") String id, JsonNode body) {
        get(id); // 404 unless it is an account the caller may see
        commands.send(
                CommandBodies.read(ChangeOutageNotificationList.class, "accountId", id, body),
                Actor.of(callers.current()));
        return get(id);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An account as it is now (vendor staff; a customer or contact only their own)")
    public AccountView get(@PathParam("id") String id) {
        AccountEvent latest = (AccountEvent) queries.latest(id, AccountRegistered.class)
                .filter(a -> callers.current().maySee(id))
                .orElseThrow(() -> new NotFoundException("No account " + id));
        return new AccountView(latest.accountId(), latest.profile());
    }
}
