package com.supportdesk.support.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether a service's background work gets done: its consumers, outbox relays and timers. Each such loop holds a
 * {@link Watch} and tells it whether its last attempt failed or succeeded; a loop that has failed without a success
 * in between for longer than {@code support.health.failing-after} (one minute unless configured) makes the service
 * <b>not ready</b>, and the check names the loop, since when it has failed and why.
 *
 * <p>Why: a consumer waits out a failure of PostgreSQL with back-off for as long as it lasts, never skipping a record.
 * That is right while the database is away, but the same wait hides a fault of the process itself (a pool holding a
 * dead connection, a login the database no longer accepts): the service answered UP while its read model or its
 * timers stood still. The Quarkus checks of the datasource and the Kafka channels look at a fresh connection and at
 * the channels, not at whether the work gets through. Readiness, not liveness: a restart is the operator's call (the
 * runbook), since a database outage would otherwise restart every service at once (ADR 0010, addendum of session 37).
 */
@Singleton
public class WorkHealth {
    /** The name of the check in {@code /q/health/ready}. */
    public static final String NAME = "background-work";

    private static final int REASON_LENGTH = 300;

    private final Clock clock;
    private final Duration failingAfter;
    private final MeterRegistry registry;
    private final String service;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    @Inject
    public WorkHealth(
            Clock clock,
            @ConfigProperty(name = "support.health.failing-after", defaultValue = "60s") Duration failingAfter,
            MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.clock = clock;
        this.failingAfter = failingAfter;
        this.registry = registry;
        this.service = service;
    }

    /**
     * The watch of the loop called {@code name} (one per name: a second call gives the same watch). It is measured as
     * {@code support_work_failing_seconds{service,loop}}: 0 while the loop's last attempt succeeded, else how long it
     * has failed (the {@code BackgroundWorkFailing} alert).
     */
    public Watch watch(String name) {
        return watch(name, true);
    }

    /**
     * A watch that the check reports and the gauge measures, but that never makes the service not ready: for a loop
     * whose failure should not take the service's API out of rotation (ticket-service's relay: commands are stored
     * while the broker is away, and published once it is back).
     */
    public Watch watchWithoutReadiness(String name) {
        return watch(name, false);
    }

    private Watch watch(String name, boolean gatesReadiness) {
        return watches.computeIfAbsent(name, n -> {
            Watch w = new Watch(clock, gatesReadiness);
            Gauge.builder("support.work.failing", w, Watch::failingSeconds)
                    .description(
                            "How long a consumer, relay or timer loop has failed without a success; 0 if it has not")
                    .baseUnit("seconds")
                    .tags("service", service, "loop", n)
                    .register(registry);
            return w;
        });
    }

    /** What the readiness check {@value #NAME} says ({@link WorkReadiness}). */
    public HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        Instant now = clock.instant();
        Map<String, Watch> sorted = new TreeMap<>(watches);
        sorted.forEach((name, watch) -> {
            Watch.Failure failure = watch.failure;
            if (failure == null) {
                return;
            }
            Duration failing = Duration.between(failure.since(), now);
            if (watch.gatesReadiness && failing.compareTo(failingAfter) >= 0) {
                response.down();
            }
            response.withData(
                    name,
                    "failing for " + Math.max(0, failing.toSeconds()) + " s, since " + failure.since() + ": "
                            + failure.reason()
                            + (watch.gatesReadiness ? "" : " (does not make the service not ready)"));
        });
        return response.withData("failing-after", failingAfter.toSeconds() + " s")
                .build();
    }

    /** What one loop says of its attempts. Cheap enough for every poll: a volatile read when nothing changes. */
    public static final class Watch {
        /** A watch nobody reads: for loops built without a service around them (tests, tools). */
        public static final Watch NONE = new Watch(Clock.systemUTC(), false);

        private record Failure(Instant since, String reason) {}

        private final Clock clock;
        private final boolean gatesReadiness;
        private volatile Failure failure;

        private Watch(Clock clock, boolean gatesReadiness) {
            this.clock = clock;
            this.gatesReadiness = gatesReadiness;
        }

        /** An attempt failed; the first failure after a success starts the time the check counts. */
        public void failed(Throwable cause) {
            String reason = String.valueOf(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            if (reason.length() > REASON_LENGTH) {
                reason = reason.substring(0, REASON_LENGTH) + "…";
            }
            Failure before = failure;
            failure = new Failure(before == null ? clock.instant() : before.since(), reason);
        }

        /** An attempt succeeded: whatever failed before is over. */
        public void succeeded() {
            if (failure != null) {
                failure = null;
            }
        }

        /** Whether the last attempt failed. */
        public boolean failing() {
            return failure != null;
        }

        /** How long the loop has failed without a success in between; 0 if its last attempt succeeded. */
        double failingSeconds() {
            Failure f = failure;
            return f == null
                    ? 0
                    : Math.max(0, Duration.between(f.since(), clock.instant()).toMillis()) / 1000.0;
        }
    }
}
