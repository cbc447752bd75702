package com.supportdesk.portal.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** reporting-service's read side (docs/api.md): lists, counts, one ticket's service level. */
@RegisterRestClient(configKey = "reports")
@RegisterClientHeaders(UserToken.class)
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public interface ReportsApi {
    @GET
    @Path("/tickets")
    Response tickets(
            @QueryParam("accountId") String accountId,
            @QueryParam("openedBy") String openedBy,
            @QueryParam("status") String status,
            @QueryParam("limit") int limit,
            @QueryParam("cursor") String cursor);

    /** Tickets with these words (reference, title, description, messages), best match first, paged by key. */
    @GET
    @Path("/tickets")
    Response search(
            @QueryParam("q") String q,
            @QueryParam("accountId") String accountId,
            @QueryParam("openedBy") String openedBy,
            @QueryParam("status") String status,
            @QueryParam("limit") int limit,
            @QueryParam("cursor") String cursor);

    @GET
    @Path("/tickets/counts")
    Response counts(@QueryParam("accountId") String accountId, @QueryParam("openedBy") String openedBy);

    @GET
    @Path("/tickets/{id}")
    Response ticket(@PathParam("id") String id);

    /** The agents' work queue, in the agreed order ({@code level} L1..L3, or all). */
    @GET
    @Path("/queue")
    Response queue(@QueryParam("level") String level, @QueryParam("limit") int limit);

    /** Every event about the ticket from every service, in time order. */
    @GET
    @Path("/tickets/{id}/timeline")
    Response timeline(@PathParam("id") String id);
}
