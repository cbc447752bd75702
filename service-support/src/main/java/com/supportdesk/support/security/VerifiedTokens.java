package com.supportdesk.support.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer tokens this service has verified, each remembered with the identity it gave until the token expires, so a
 * client sending the same token again (every portal page, every command of a session, a partner's polling) costs a
 * hash and a map look-up instead of a signature check and a JSON parse: a fifth of ticket-service's CPU per command,
 * measured (docs/benchmarks.md).
 *
 * <p>What is kept is what the OpenID Connect extension concluded from the token (signature, issuer, audience, expiry
 * and roles, checked once by it): a token it refused is never kept, and a kept token is used no longer than it
 * would pass, its own {@code exp}. The key is the whole token, compared in full: the identity kept holds the token
 * anyway (its principal's raw token), and a SHA-256 of each request's token cost more than the look-up it keyed
 * (7 % of ticket-service's profile at 400 commands/s, docs/benchmarks.md). Bounded
 * ({@code support.security.token-cache.size}, default 2,048 tokens, the least recently used forgotten first; 0 turns
 * it off). The same holds as for any JWT checked locally: a token revoked at the identity provider stays good until
 * it expires (the realm's access tokens live 15 minutes).
 */
@ApplicationScoped
public class VerifiedTokens {
    private record Entry(SecurityIdentity identity, Instant expires) {}

    private final Clock clock;
    private final int size;
    private final Map<String, Entry> entries;
    private final Counter hits;
    private final Counter misses;

    @Inject
    VerifiedTokens(
            @ConfigProperty(name = "support.security.token-cache.size", defaultValue = "2048") int size,
            MeterRegistry meters) {
        // the system clock, not the services' Clock bean: the expiry is the one the extension checks, in real time
        this(Clock.systemUTC(), size, meters);
    }

    VerifiedTokens(Clock clock, int size, MeterRegistry meters) {
        this.clock = clock;
        this.size = Math.max(0, size);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedTokens.this.size;
            }
        };
        this.hits = Counter.builder("support.security.token.cache")
                .tag("result", "hit")
                .description("Bearer tokens found verified (no signature check)")
                .register(meters);
        this.misses = Counter.builder("support.security.token.cache")
                .tag("result", "miss")
                .description("Bearer tokens not known (verified by the OpenID Connect extension)")
                .register(meters);
    }

    /** The identity a token gave, if it was verified here and has not expired. */
    public Optional<SecurityIdentity> find(String token) {
        if (size == 0) {
            return Optional.empty();
        }
        Entry e;
        synchronized (entries) {
            e = entries.get(token);
            if (e != null && !e.expires().isAfter(clock.instant())) {
                entries.remove(token);
                e = null;
            }
        }
        (e == null ? misses : hits).increment();
        return e == null ? Optional.empty() : Optional.of(e.identity());
    }

    /** Remembers what a verified token gave, until {@code expires} (its {@code exp}). */
    public void remember(String token, SecurityIdentity identity, Instant expires) {
        if (size == 0 || !expires.isAfter(clock.instant())) {
            return;
        }
        synchronized (entries) {
            entries.put(token, new Entry(identity, expires));
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
