package com.supportdesk.support.rest;

import io.quarkus.oidc.OIDCException;
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
        if (providerUnavailable(e)) {
            return unavailable();
        }
        return challenge("The bearer token is not valid (signature, issuer or expiry)");
    }

    /** Keycloak unreachable, so no token can be checked: the caller did nothing wrong and may try again shortly. */
    @ServerExceptionMapper
    public Response providerDown(OIDCException e) {
        return unavailable();
    }

    static boolean providerUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }

    static Response unavailable() {
        return Response.fromResponse(Problem.of(
                                503,
                                "identity-provider-unavailable",
                                "Service Unavailable",
                                "Tokens cannot be checked right now (the identity provider is unreachable); try again shortly")
                        .response())
                .header(HttpHeaders.RETRY_AFTER, "30")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(
                        403,
                        "forbidden",
                        "Forbidden",
                        e.getMessage() == null || e.getMessage().isBlank()
                                ? "Your role does not allow this"
                                : e.getMessage())
                .response();
    }

    private static Response challenge(String detail) {
        return Response.fromResponse(Problem.of(401, "unauthenticated", "Unauthorized", detail)
                        .response())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"support\"")
                .build();
    }
}
