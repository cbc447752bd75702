package com.supportdesk.support.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The two ends of {@link VerifiedTokens}: a request whose bearer token was verified before gets that identity at once
 * (an authentication mechanism tried before the OpenID Connect extension's; for any other request it answers "not
 * mine" and the extension verifies as always), and each identity the extension makes from a bearer token is
 * remembered with the token's expiry (an augmentor run last).
 */
public final class CachedBearerAuthentication {
    private CachedBearerAuthentication() {}

    /** The bearer token of a request's {@code Authorization} header; null if it has none. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * The identity with the attributes that belong to one request (the extension records the request's
     * {@code RoutingContext} and its {@code AuthenticationRequestContext} in the identity it makes) set to
     * {@code context}'s; with {@code null}, cleared: a remembered identity holds no request, and each request that
     * reuses it sees its own.
     */
    static SecurityIdentity forRequest(SecurityIdentity identity, RoutingContext context) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(RoutingContext.class.getName(), context)
                .addAttribute(
                        AuthenticationRequestContext.class.getName(),
                        context == null ? null : context.get(AuthenticationRequestContext.class.getName()))
                .build();
    }

    /** Answers from the cache before the extension's mechanism (priority 1001) is asked. */
    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {
        @Inject
        VerifiedTokens tokens;

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviders) {
            String token = bearer(context.request().getHeader("Authorization"));
            if (token == null) {
                return Uni.createFrom().nullItem();
            }
            return tokens.find(token)
                    .map(identity -> Uni.createFrom().item(forRequest(identity, context)))
                    .orElseGet(() -> Uni.createFrom().nullItem());
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem(); // the extension's challenge (401 with WWW-Authenticate) applies
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(); // verifies nothing itself: no identity provider is asked
        }

        @Override
        public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
            return Uni.createFrom().nullItem(); // never chosen for a path that names a mechanism
        }

        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 1000;
        }
    }

    /**
     * Remembers an identity made from a bearer token: one whose principal is the access token itself (not a
     * session's ID token), with an expiry.
     */
    @ApplicationScoped
    public static class Remember implements SecurityIdentityAugmentor {
        @Inject
        VerifiedTokens tokens;

        @Override
        public int priority() {
            return Integer.MIN_VALUE; // last: what is kept is the identity as every other augmentor left it
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            AccessTokenCredential credential =
                    identity.isAnonymous() ? null : identity.getCredential(AccessTokenCredential.class);
            if (credential != null
                    && identity.getPrincipal() instanceof JsonWebToken jwt
                    && credential.getToken().equals(jwt.getRawToken())
                    && jwt.getExpirationTime() > 0) {
                tokens.remember(
                        credential.getToken(),
                        forRequest(identity, null),
                        Instant.ofEpochSecond(jwt.getExpirationTime()));
            }
            return Uni.createFrom().item(identity);
        }
    }
}
