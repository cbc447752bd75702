package com.supportdesk.ticket.messaging;

import com.supportdesk.support.security.Caller;
import com.supportdesk.ticket.command.Actor;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Who sent a command on {@code ticket-commands}: the record carries its sender's bearer token in the
 * {@code authorization} header (a person's token from a portal or partner, escalation-service's own service token),
 * verified exactly as a REST call's (same issuer, keys, expiry, roles). Without a valid token a command is refused
 * and reported, never applied as some default identity.
 */
@ApplicationScoped
public class CommandSenders {
    /** Kafka header carrying {@code Bearer <access token>}. */
    public static final String AUTHORIZATION = "authorization";

    @Inject
    TenantIdentityProvider identities;

    /** Thrown when the header is missing or its token does not verify. */
    public static final class Unauthenticated extends RuntimeException {
        Unauthenticated(String message) {
            super(message, null, false, false);
        }
    }

    public Actor verify(String header) {
        if (header == null || header.isBlank()) {
            throw new Unauthenticated("no '" + AUTHORIZATION + "' header with a bearer token");
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : header.trim();
        SecurityIdentity identity;
        try {
            identity = identities
                    .authenticate(new AccessTokenCredential(token))
                    .await()
                    .atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            throw new Unauthenticated("the bearer token is not valid (signature, issuer or expiry)");
        }
        if (identity == null || identity.isAnonymous()) {
            throw new Unauthenticated("the bearer token is not valid");
        }
        return Actor.of(Caller.of(identity));
    }
}
