package com.supportdesk.portal.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** sla-service's public API (docs/api.md): a ticket's clocks, a region's calendar, a calendar's hours now. */
@RegisterRestClient(configKey = "sla")
@RegisterClientHeaders(UserToken.class)
@Path("/api/sla")
@Produces(MediaType.APPLICATION_JSON)
public interface SlaApi {
    @GET
    @Path("/tickets/{id}")
    Response ticket(@PathParam("id") String id);

    @GET
    @Path("/regions/{id}")
    Response region(@PathParam("id") String id);

    @GET
    @Path("/calendars/{id}")
    Response calendar(@PathParam("id") String id);
}
