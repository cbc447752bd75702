package com.supportdesk.escalation.config;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * escalation-service's own identity for the commands it puts on {@code ticket-commands}: an access token of the
 * Keycloak client {@code escalation-service} (client credentials; its service account has the realm role
 * {@code service}), fetched when needed and renewed before it expires. ticket-service verifies it like any caller's.
 * Tests without Keycloak give a fixed signed token ({@code support.service-token}).
 */
@ApplicationScoped
public class ServiceToken {

    @Inject
    OidcClient client;

    @ConfigProperty(name = "support.service-token")
    Optional<String> fixed;

    private Tokens tokens;

    /** The header that carries it (the name ticket-service reads). */
    public Map<String, String> header() {
        return Map.of("authorization", "Bearer " + token());
    }

    public synchronized String token() {
        if (fixed.isPresent() && !fixed.get().isBlank()) {
            return fixed.get();
        }
        if (tokens == null || tokens.isAccessTokenExpired() || tokens.isAccessTokenWithinRefreshInterval()) {
            tokens = client.getTokens().await().atMost(Duration.ofSeconds(30));
        }
        return tokens.getAccessToken();
    }
}
