package com.supportdesk.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The cache's own rules, with a clock the test moves. */
class VerifiedTokensTest {
    private final Instant now = Instant.parse("2026-12-05T10:00:00Z");
    private final MutableClock clock = new MutableClock(now);

    private static QuarkusSecurityIdentity identity(String name) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .build();
    }

    @Test
    void aTokenIsFoundUntilItExpiresAndThenForgotten() {
        VerifiedTokens tokens = new VerifiedTokens(clock, 10, new SimpleMeterRegistry());
        tokens.remember("token-a", identity("a"), now.plusSeconds(60));

        assertThat(tokens.find("token-a"))
                .get()
                .extracting(i -> i.getPrincipal().getName())
                .isEqualTo("a");
        assertThat(tokens.find("token-b")).isEmpty();
        clock.now = now.plusSeconds(60);
        assertThat(tokens.find("token-a")).as("at its expiry").isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anExpiredTokenIsNotRememberedAndTheLeastRecentlyUsedGoesFirst() {
        VerifiedTokens tokens = new VerifiedTokens(clock, 2, new SimpleMeterRegistry());
        tokens.remember("old", identity("old"), now.minusSeconds(1));
        assertThat(tokens.size()).isZero();

        tokens.remember("t1", identity("1"), now.plus(Duration.ofMinutes(5)));
        tokens.remember("t2", identity("2"), now.plus(Duration.ofMinutes(5)));
        tokens.find("t1"); // used: t2 is now the least recently used
        tokens.remember("t3", identity("3"), now.plus(Duration.ofMinutes(5)));

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.find("t1")).isPresent();
        assertThat(tokens.find("t2")).isEmpty();
        assertThat(tokens.find("t3")).isPresent();
    }

    @Test
    void sizeZeroTurnsItOffAndTheKeyIsTheTokensHashNotTheToken() {
        VerifiedTokens off = new VerifiedTokens(clock, 0, new SimpleMeterRegistry());
        off.remember("t", identity("t"), now.plusSeconds(60));
        assertThat(off.find("t")).isEmpty();

        assertThat(VerifiedTokens.key("secret-token"))
                .hasSize(64)
                .doesNotContain("secret")
                .isEqualTo(VerifiedTokens.key("secret-token"))
                .isNotEqualTo(VerifiedTokens.key("secret-token2"));
        assertThat(CachedBearerAuthentication.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(CachedBearerAuthentication.bearer("bearer  abc ")).isEqualTo("abc");
        assertThat(CachedBearerAuthentication.bearer("Basic abc")).isNull();
        assertThat(CachedBearerAuthentication.bearer("Bearer ")).isNull();
        assertThat(CachedBearerAuthentication.bearer(null)).isNull();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
