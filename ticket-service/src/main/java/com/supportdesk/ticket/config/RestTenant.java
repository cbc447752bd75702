package com.supportdesk.ticket.config;

import io.quarkus.oidc.TenantResolver;
import io.quarkus.oidc.runtime.OidcUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every REST call is verified by the default OIDC tenant. Without this resolver Quarkus would pick a named tenant
 * whose id equals a request's last path segment, and the tenant {@code queued-commands} (CommandSenders) accepts
 * expired tokens for the broker-time check that only the Kafka ingress makes.
 */
@ApplicationScoped
public class RestTenant implements TenantResolver {
    @Override
    public String resolve(RoutingContext context) {
        return OidcUtils.DEFAULT_TENANT_ID;
    }
}
