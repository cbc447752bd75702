package com.supportdesk.support.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether this service reaches its identity provider (Keycloak): every {@value #EVERY_SECONDS} s it asks the realm's
 * discovery document ({@code <issuer>/.well-known/openid-configuration}, 5 s timeout) and exports
 * {@code support_identity_provider_up{service}} (1 when it answered 200, else 0) and
 * {@code support_identity_provider_failures_total{service}}. While it is 0, tokens signed with keys the service has
 * not fetched yet are refused, and escalation-service cannot get the token it signs its commands with; the alert
 * {@code IdentityProviderUnreachable} (deploy/observability) pages after two minutes of it.
 */
@ApplicationScoped
public class IdentityProviderProbe {
    private static final Logger LOG = Logger.getLogger(IdentityProviderProbe.class);
    static final int EVERY_SECONDS = 15;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> issuer;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "unknown")
    String service;

    private final AtomicInteger up = new AtomicInteger(-1);
    private ScheduledExecutorService timer;
    private HttpClient http;
    private Counter failures;

    void start(@Observes StartupEvent ev) {
        if (issuer.isEmpty() || issuer.get().isBlank()) {
            return;
        }
        Gauge.builder("support.identity.provider.up", up, AtomicInteger::get)
                .description("1 while the identity provider's discovery document answers, else 0")
                .tag("service", service)
                .register(registry);
        failures = Counter.builder("support.identity.provider.failures")
                .description("Probes of the identity provider that failed")
                .tag("service", service)
                .register(registry);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "identity-provider-probe");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::probe, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One probe; the gauge follows its answer. */
    void probe() {
        String url = issuer.get().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        boolean ok;
        String why = null;
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            ok = r.statusCode() == 200;
            why = "HTTP " + r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            ok = false;
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        int before = up.getAndSet(ok ? 1 : 0);
        if (!ok) {
            failures.increment();
            if (before != 0) {
                LOG.warnf("The identity provider does not answer (%s): %s", url, why);
            }
        } else if (before == 0) {
            LOG.infof("The identity provider answers again (%s)", url);
        }
    }
}
