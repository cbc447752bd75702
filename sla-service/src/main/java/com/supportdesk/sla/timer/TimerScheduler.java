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
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    SlaProcessor processor;

    @Inject
    Clock clock;

    @Inject
    OutboxPublisher publisher;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "support.sla.timer.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "support.sla.timer.max-idle", defaultValue = "PT1S")
    Duration maxIdle;

    @ConfigProperty(name = "support.sla.account-wait", defaultValue = "PT1M")
    Duration accountWait;

    @ConfigProperty(name = "support.sla.timer.enabled", defaultValue = "true")
    boolean enabled;

    private final AtomicLong fired = new AtomicLong();

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            LOG.info("Timers are disabled (support.sla.timer.enabled=false)");
            return;
        }
        meters.gauge("sla.timer.tickets.fired", fired);
        startWorker("sla-timers");
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
    }

    @Override
    protected long round() {
        Instant now = clock.instant();
        if (processor.releaseWaiting(now.minus(accountWait), batchSize) > 0) {
            publisher.poke();
        }
        int looked = processor.fireDue(now, batchSize);
        if (looked > 0) {
            fired.addAndGet(looked);
            publisher.poke();
            if (looked >= batchSize) {
                return 0; // more may be due
            }
        }
        Optional<Instant> next = processor.nextDue();
        long wait = maxIdle.toMillis();
        if (next.isPresent()) {
            // a row still due now is locked by a ticket-events transaction: look again shortly
            wait = Math.max(
                    5,
                    Math.min(wait, Duration.between(clock.instant(), next.get()).toMillis()));
        }
        return wait;
    }
}
