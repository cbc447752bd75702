package com.supportdesk.sla.timer;

import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.support.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Fires the durable timers: every clock row in PostgreSQL carries its next due instant, so a restarted (or another)
 * instance simply finds what is due. Due rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances
 * share the work without firing anything twice. The thread sleeps until the earliest due instant (never longer than
 * {@code support.sla.timer.max-idle}), and is woken when a new, possibly earlier timer is armed.
 */
@ApplicationScoped
public class TimerScheduler extends Worker {
    private static final Logger LOG = Logger.getLogger(TimerScheduler.class);

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    SlaProcessor processor;

    @Inject
    Clock clock;

    @Inject
    OutboxPublisher publisher;

    @Inject
    MeterRegistry meters;

    @Inject
    com.supportdesk.sla.config.SlaSettings settings;

    private final AtomicLong fired = new AtomicLong();
    private final AtomicLong armed = new AtomicLong();
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong oldestDueMs = new AtomicLong();
    private io.micrometer.core.instrument.Counter firedTotal;
    private long countedAt = Long.MIN_VALUE;
    /** How often the timers are counted (a query over the armed clocks' index). */
    private static final long COUNT_EVERY_NANOS = Duration.ofSeconds(15).toNanos();

    void start(@Observes StartupEvent ev) {
        if (!settings.timer().enabled()) {
            LOG.info("Timers are disabled (support.sla.timer.enabled=false)");
            return;
        }
        meters.gauge("sla.timer.tickets.fired", fired);
        // for the operations team (deploy/observability): timers armed, due and not fired yet, how late the oldest
        // of those is, and tickets whose due timers were fired
        io.micrometer.core.instrument.Gauge.builder("support.sla.timers.armed", armed, AtomicLong::get)
                .description("SLA clocks with a timer armed (a warning or deadline ahead)")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder("support.sla.timers.due", due, AtomicLong::get)
                .description("Armed timers whose instant has passed but that have not fired yet")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder(
                        "support.sla.timers.oldest.due.seconds", oldestDueMs, v -> v.get() / 1000.0)
                .description("How long ago the oldest timer not fired yet fell due (0 when none is due)")
                .register(meters);
        firedTotal = io.micrometer.core.instrument.Counter.builder("support.sla.timers.fired")
                .description("Tickets whose due timers were fired")
                .register(meters);
        startWorker("sla-timers", health.watch("sla-timers"));
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
    }

    @Override
    protected long round() {
        Instant now = clock.instant();
        if (System.nanoTime() - countedAt >= COUNT_EVERY_NANOS || countedAt == Long.MIN_VALUE) {
            countedAt = System.nanoTime(); // pacing a metric query, not test timing
            var counts = processor.timerCounts(now);
            armed.set(counts.armed());
            due.set(counts.due());
            oldestDueMs.set(
                    counts.due() == 0 || counts.oldestDue() == null
                            ? 0
                            : Math.max(
                                    0, Duration.between(counts.oldestDue(), now).toMillis()));
        }
        if (processor.releaseWaiting(
                        now.minus(settings.accountWait()), settings.timer().batchSize())
                > 0) {
            publisher.poke();
        }
        int looked = processor.fireDue(now, settings.timer().batchSize());
        if (looked > 0) {
            fired.addAndGet(looked);
            firedTotal.increment(looked);
            publisher.poke();
            if (looked >= settings.timer().batchSize()) {
                return 0; // more may be due
            }
        }
        Optional<Instant> next = processor.nextDue();
        long wait = settings.timer().maxIdle().toMillis();
        if (next.isPresent()) {
            // a row still due now is locked by a ticket-events transaction: look again shortly
            wait = Math.max(
                    5,
                    Math.min(wait, Duration.between(clock.instant(), next.get()).toMillis()));
        }
        return wait;
    }
}
