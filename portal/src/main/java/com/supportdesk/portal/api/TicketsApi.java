package com.supportdesk.portal.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** ticket-service's public API (docs/api.md), called with the signed-in person's own token. */
@RegisterRestClient(configKey = "tickets")
@RegisterClientHeaders(UserToken.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TicketsApi {
    @POST
    @Path("/tickets")
    Response open(JsonNode body, @HeaderParam("Idempotency-Key") String idempotencyKey);

    @GET
    @Path("/tickets/{id}")
    Response ticket(@PathParam("id") String id);

    /**
     * A lifecycle command on a ticket ({@code messages}, {@code confirm}, {@code reject}, ...). The pages redirect to
     * the ticket after a command and read it there, so the answer is asked for without the ticket (204 and its version).
     */
    @POST
    @Path("/tickets/{id}/{command}")
    @ClientHeaderParam(name = "Prefer", value = "return=minimal")
    Response command(
            @PathParam("id") String id,
            @PathParam("command") String command,
            JsonNode body,
            @HeaderParam("If-Match") String ifMatch);

    /** The ticket's own events (ticket-service), with their sequence: what changed since a version. */
    @GET
    @Path("/tickets/{id}/events")
    Response events(@PathParam("id") String id);

    /** The person has the ticket open (typing or not): the ticket's version and who else is there. */
    @jakarta.ws.rs.PUT
    @Path("/tickets/{id}/presence")
    Response presence(@PathParam("id") String id, JsonNode body);

    @jakarta.ws.rs.DELETE
    @Path("/tickets/{id}/presence")
    Response leave(@PathParam("id") String id);

    @GET
    @Path("/canned-replies")
    Response cannedReplies();

    @jakarta.ws.rs.PUT
    @Path("/canned-replies/{id}")
    Response putCannedReply(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch);

    @jakarta.ws.rs.DELETE
    @Path("/canned-replies/{id}")
    Response deleteCannedReply(@PathParam("id") String id);

    /** What an upload may be: size, files per message, accepted types. */
    @GET
    @Path("/attachments/limits")
    Response attachmentLimits();

    @GET
    @Path("/accounts/{id}")
    Response account(@PathParam("id") String id);

    /** Replaces the account's outage notification list (its designated contacts). */
    @jakarta.ws.rs.PUT
    @Path("/accounts/{id}/outage-notification-list")
    Response outageList(@PathParam("id") String id, JsonNode body);
}
