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
    void sizeZeroTurnsItOffAndOnlyTheWholeSameTokenIsFound() {
        VerifiedTokens off = new VerifiedTokens(clock, 0, new SimpleMeterRegistry());
        off.remember("t", identity("t"), now.plusSeconds(60));
        assertThat(off.find("t")).isEmpty();

        // a token whose header and claims were changed but whose signature was kept is another token
        VerifiedTokens on = new VerifiedTokens(clock, 8, new SimpleMeterRegistry());
        on.remember("head.claims.signature", identity("carla"), now.plusSeconds(60));
        assertThat(on.find(new String("head.claims.signature"))).isPresent();
        assertThat(on.find("head.claimz.signature")).isEmpty();
        assertThat(on.find("signature")).isEmpty();
        assertThat(on.find("head.claims.signature.")).isEmpty();
        assertThat(CachedBearerAuthentication.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(CachedBearerAuthentication.bearer("bearer  abc ")).isEqualTo("abc");
        assertThat(CachedBearerAuthentication.bearer("Basic abc")).isNull();
        assertThat(CachedBearerAuthentication.bearer("Bearer ")).isNull();
        assertThat(CachedBearerAuthentication.bearer(null)).isNull();
    }

    @Test
    void aRememberedIdentityHoldsNoRequestAndEachReuseSeesItsOwn() {
        Object firstRequestContext = new Object();
        io.vertx.ext.web.RoutingContext first = request(firstRequestContext);
        QuarkusSecurityIdentity made = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("carl"))
                .addRole("customer")
                .addAttribute(io.vertx.ext.web.RoutingContext.class.getName(), first)
                .addAttribute(
                        io.quarkus.security.identity.AuthenticationRequestContext.class.getName(), firstRequestContext)
                .addAttribute("tenant-id", "Default")
                .build();

        var remembered = CachedBearerAuthentication.forRequest(made, null);
        assertThat(remembered.<Object>getAttribute(io.vertx.ext.web.RoutingContext.class.getName()))
                .isNull();
        assertThat(remembered.<Object>getAttribute(
                        io.quarkus.security.identity.AuthenticationRequestContext.class.getName()))
                .isNull();

        Object laterRequestContext = new Object();
        io.vertx.ext.web.RoutingContext later = request(laterRequestContext);
        var reused = CachedBearerAuthentication.forRequest(remembered, later);
        assertThat(reused.<Object>getAttribute(io.vertx.ext.web.RoutingContext.class.getName()))
                .isSameAs(later);
        assertThat(reused.<Object>getAttribute(
                        io.quarkus.security.identity.AuthenticationRequestContext.class.getName()))
                .isSameAs(laterRequestContext);
        assertThat(reused.getPrincipal().getName()).isEqualTo("carl");
        assertThat(reused.getRoles()).containsExactly("customer");
        assertThat(reused.<String>getAttribute("tenant-id")).isEqualTo("Default");
    }

    /** A request whose only use here is the attribute the extension keeps in it. */
    private static io.vertx.ext.web.RoutingContext request(Object authenticationRequestContext) {
        return (io.vertx.ext.web.RoutingContext) java.lang.reflect.Proxy.newProxyInstance(
                VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] {io.vertx.ext.web.RoutingContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" ->
                        io.quarkus.security.identity.AuthenticationRequestContext.class
                                        .getName()
                                        .equals(args[0])
                                ? authenticationRequestContext
                                : null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "request";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
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
