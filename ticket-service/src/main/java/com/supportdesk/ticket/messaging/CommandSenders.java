package com.supportdesk.ticket.messaging;

import com.supportdesk.support.security.Caller;
import com.supportdesk.ticket.command.Actor;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sent a command on {@code ticket-commands}: the record carries its sender's bearer token in the
 * {@code authorization} header (a person's token from a portal or partner, escalation-service's own service token),
 * verified as a REST call's (same issuer, keys, audience, roles). Without a valid token a command is refused and
 * reported, never applied as some default identity.
 *
 * <p>The token must have been valid when the broker took the record (its {@code LogAppendTime}), not when this
 * service gets to it: a command queued while ticket-service was down or behind was sent by an authenticated sender
 * and stays theirs (ADR 0023). The OIDC tenant {@value #QUEUED} verifies like the default one but lets an expiry pass
 * by up to {@code quarkus.oidc.queued-commands.token.lifespan-grace} (seven days, the topic's retention), and the expiry is then
 * compared here with the broker's time. A record with its producer's time (a topic not switched to the broker's) is
 * judged at the time of processing, as a REST call is.
 */
@ApplicationScoped
public class CommandSenders {
    /** Kafka header carrying {@code Bearer <access token>}. */
    public static final String AUTHORIZATION = "authorization";
    /** The OIDC tenant that verifies queued commands' tokens (application.properties). */
    public static final String QUEUED = "queued-commands";

    @Inject
    @Tenant(QUEUED)
    TenantIdentityProvider identities;

    @Inject
    Clock clock;

    /** Thrown when the header is missing or its token does not verify. */
    public static final class Unauthenticated extends RuntimeException {
        Unauthenticated(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The sender of a record the broker took at {@code takenAt} ({@code null}: judge the token as of now): a token
     * that expired before then is refused, one that expired since is accepted.
     */
    public Actor verify(String header, Instant takenAt) {
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
        Instant judgedAt = takenAt != null ? takenAt : clock.instant();
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !Instant.ofEpochSecond(jwt.getExpirationTime()).isAfter(judgedAt)) {
            throw new Unauthenticated(
                    takenAt != null
                            ? "the bearer token had expired when the broker took the command (" + takenAt + ")"
                            : "the bearer token has expired");
        }
        return Actor.of(Caller.of(identity));
    }
}
