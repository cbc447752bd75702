package com.supportdesk.sla.timer;

import com.supportdesk.sla.config.SlaSettings;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.support.Worker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Re-targets the running clocks of a changed calendar, a slice of tickets per transaction so the timers, which
 * run beside it, are never held up for long. Durable: the work and its cursor are rows, so a restart (or another
 * instance) carries on where it stopped. Woken by a change; looks every few seconds otherwise.
 */
@ApplicationScoped
public class Recalculator extends Worker {
    private static final Logger LOG = Logger.getLogger(Recalculator.class);

    @Inject
    SlaProcessor processor;

    @Inject
    OutboxPublisher publisher;

    @Inject
    TimerScheduler timers;

    @Inject
    SlaSettings settings;

    void start(@Observes StartupEvent ev) {
        if (!settings.timer().enabled()) {
            LOG.info("Re-targeting after calendar changes is off with the timers (support.sla.timer.enabled=false)");
            return;
        }
        startWorker("sla-recalculation");
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
    }

    @Override
    protected long round() {
        int moved = processor.recalculate(settings.recalculation().slice());
        if (moved < 0) {
            return settings.recalculation().maxIdle().toMillis();
        }
        if (moved > 0) {
            publisher.poke();
            timers.poke(); // a deadline may have come nearer
        }
        return 0;
    }
}
