package com.supportdesk.support.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem documents (the services authenticate lazily, inside the REST layer, so these mappers see
 * the failures). A 401 carries the bearer challenge; neither says more than needed.
 */
public class SecurityProblems {

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return challenge("A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e) {
        return challenge("The bearer token is not valid (signature, issuer or expiry)");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "forbidden", "Forbidden",
                e.getMessage() == null || e.getMessage().isBlank() ? "Your role does not allow this" : e.getMessage())
                .response();
    }

    private static Response challenge(String detail) {
        return Response.fromResponse(Problem.of(401, "unauthenticated", "Unauthorized", detail).response())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"support\"").build();
    }
}
