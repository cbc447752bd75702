package com.supportdesk.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.testinfra.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The readiness check of the background work and its gauge, on a clock the test moves. */
class WorkHealthTest {
    private final SettableClock clock = new SettableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WorkHealth health = new WorkHealth(clock, Duration.ofSeconds(60), registry, "test-service");
    private final Instant start = clock.instant();

    @Test
    void aLoopFailingForTheBoundMakesTheServiceNotReadyAndASuccessEndsIt() {
        WorkHealth.Watch timers = health.watch("timers");
        timers.failed(new SQLException("first"));
        clock.set(start.plusSeconds(30));
        timers.failed(new SQLException("again"));

        HealthCheckResponse meanwhile = health.check();
        assertThat(meanwhile.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(meanwhile.getData().orElseThrow())
                .containsEntry("timers", "failing for 30 s, since " + start + ": again");
        assertThat(gauge("timers")).isEqualTo(30.0);

        clock.set(start.plusSeconds(60));
        assertThat(health.check().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        timers.succeeded();
        HealthCheckResponse after = health.check();
        assertThat(after.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(after.getData().orElseThrow()).doesNotContainKey("timers");
        assertThat(gauge("timers")).isZero();
    }

    @Test
    void aLoopWatchedWithoutReadinessIsReportedAndMeasuredButLeavesTheServiceReady() {
        WorkHealth.Watch relay = health.watchWithoutReadiness("event relay");
        health.watch("consumer").succeeded();
        relay.failed(new IllegalStateException("Kafka send failed"));
        clock.set(start.plusSeconds(600));

        HealthCheckResponse response = health.check();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow())
                .containsEntry(
                        "event relay",
                        "failing for 600 s, since " + start
                                + ": Kafka send failed (does not make the service not ready)");
        assertThat(gauge("event relay")).isEqualTo(600.0);
    }

    @Test
    void aReasonIsCutShortAndTheSameNameIsTheSameWatch() {
        health.watch("consumer").failed(new SQLException("x".repeat(1000)));
        assertThat(health.watch("consumer").failing()).isTrue();
        String said = (String) health.check().getData().orElseThrow().get("consumer");
        assertThat(said).hasSizeLessThan(400).endsWith("…");
    }

    private double gauge(String loop) {
        return registry.get("support.work.failing")
                .tags("service", "test-service", "loop", loop)
                .gauge()
                .value();
    }
}
