package com.supportdesk.reporting.rest;

import com.supportdesk.reporting.projection.Rebuilder;
import com.supportdesk.support.rest.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Rebuilding the read model from the topics (admin). */
@Path("/api/reports/admin/rebuild")
@jakarta.annotation.security.RolesAllowed(com.supportdesk.support.security.Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    Rebuilder rebuilder;

    @Inject
    com.supportdesk.reporting.projection.Projector projector;

    @Inject
    com.supportdesk.support.audit.AuditTrail audit;

    @POST
    public Response rebuild() {
        if (!rebuilder.start()) {
            throw new Problem.Failure(Problem.of(
                    409, "rebuild-running", "A rebuild is running", "Wait for it: GET /api/reports/admin/rebuild"));
        }
        Rebuilder.Status started = rebuilder.status();
        projector.audit(audit.entry(
                "read-model.rebuild-started",
                "read-model",
                "reporting",
                null,
                java.util.Map.of("startedAt", started.startedAt() == null ? "" : started.startedAt())));
        return Response.accepted(rebuilder.status()).build();
    }

    @GET
    public Rebuilder.Status status() {
        return rebuilder.status();
    }
}
