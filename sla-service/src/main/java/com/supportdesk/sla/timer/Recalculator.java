package com.supportdesk.sla.timer;

import com.supportdesk.sla.config.SlaSettings;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.support.Worker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Re-targets the running clocks of a changed calendar, a slice of tickets per transaction so the timers, which
 * run beside it, are never held up for long. Durable: the work and its cursor are rows, so a restart (or another
 * instance) carries on where it stopped. Woken by a change; looks every few seconds otherwise.
 *
 * <p>This worker's thread takes the slices off the cursor ({@link SlaProcessor#claim}); a calendar change's slices
 * are re-targeted by up to {@code support.sla.recalculation.parallelism} threads at once, each slice in its own
 * transaction, so that a change's reads and writes use both the service's thread and PostgreSQL's backend at once.
 * Before it claims again after a pass ended (or found the work locked), it lets the slices in flight finish: the next
 * pass then sees what they wrote. A pass does not end while every ticket left is held by slices in flight (another
 * instance's): the worker looks again shortly instead of using up a pass.
 *
 * <p>The relay publishes the outbox in the order it was written, so a breach the timers queue waits behind every
 * clock-retargeted queued before it. The worker therefore claims a slice only once the relay has published what the
 * slices before the last finished one queued: the relay is never more than a slice and the slices in flight behind,
 * and a broker outage pauses the re-targeting instead of filling the outbox.
 */
@ApplicationScoped
public class Recalculator extends Worker {
    private static final Logger LOG = Logger.getLogger(Recalculator.class);

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    SlaProcessor processor;

    @Inject
    OutboxPublisher publisher;

    @Inject
    TimerScheduler timers;

    @Inject
    SlaSettings settings;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private io.micrometer.core.instrument.Counter relayWaits;
    private io.micrometer.core.instrument.Counter lockWaits;

    /** How long to wait before looking again whether the relay has caught up, or the tickets left are free. */
    private static final long LOOK_AGAIN_MILLIS = 20;

    private ExecutorService slices;
    /** Slices in flight, oldest first; this and the fields below only this worker's thread touches. */
    private final Deque<Future<SlaProcessor.Retargeted>> inFlight = new ArrayDeque<>();
    /** The last outbox message of the latest finished slice (0: none). */
    private long latestQueued;
    /** Of the slice finished before it, until the relay was seen to have published it (0: none to wait for). */
    private long previousQueued;

    void start(@Observes StartupEvent ev) {
        if (!settings.timer().enabled()) {
            LOG.info("Re-targeting after calendar changes is off with the timers (support.sla.timer.enabled=false)");
            return;
        }
        relayWaits = io.micrometer.core.instrument.Counter.builder("support.sla.recalculation.relay.waits")
                .description("Looks a re-targeting took at the outbox before its next slice, finding the relay behind")
                .register(meters);
        lockWaits = io.micrometer.core.instrument.Counter.builder("support.sla.recalculation.lock.waits")
                .description("Ends of a re-targeting's pass put off because every ticket left was held by another "
                        + "transaction (slices in flight, here or in another instance)")
                .register(meters);
        int parallelism = settings.recalculation().parallelism();
        if (parallelism > 1) {
            AtomicInteger n = new AtomicInteger();
            slices = Executors.newFixedThreadPool(parallelism, r -> {
                Thread t = new Thread(r, "sla-recalculation-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        startWorker("sla-recalculation", health.watch("sla-recalculation"));
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
        if (slices != null) {
            slices.shutdown();
            try {
                slices.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected long round() throws InterruptedException {
        harvest();
        if (previousQueued > 0) {
            if (!processor.publishedUpTo(previousQueued)) {
                relayWaits.increment();
                return LOOK_AGAIN_MILLIS;
            }
            previousQueued = 0;
        }
        SlaProcessor.Claim claim = processor.claim(settings.recalculation().slice());
        if (claim.slice() == null) {
            boolean waited = drain();
            if (claim.busy()) {
                lockWaits.increment();
                return waited ? 0 : LOOK_AGAIN_MILLIS; // another instance's slices are in flight
            }
            if (claim.done() == null) {
                // nothing found, or the re-targeting's row was held by a slice's last statement: look again at once
                return waited ? 0 : settings.recalculation().maxIdle().toMillis();
            }
            finished(claim.done()); // a pass's end, or a policy change's slice worked in the claim
            return 0;
        }
        if (slices == null) {
            finished(processor.retarget(claim.slice()));
            return 0;
        }
        while (inFlight.size() >= settings.recalculation().parallelism()) {
            awaitOldest();
        }
        SlaProcessor.Slice slice = claim.slice();
        inFlight.addLast(slices.submit(() -> processor.retarget(slice)));
        return 0;
    }

    /**
     * A slice finished: the relay and the timers are told, and its messages are the latest the relay must publish
     * before the claim after next.
     */
    private void finished(SlaProcessor.Retargeted done) {
        if (done.moved() > 0) {
            publisher.poke();
            timers.poke(); // a deadline may have come nearer
        }
        if (done.lastQueued() > 0) {
            previousQueued = latestQueued;
            latestQueued = Math.max(latestQueued, done.lastQueued());
        }
    }

    /** Takes the finished slices off the front of those in flight. */
    private void harvest() throws InterruptedException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            awaitOldest();
        }
    }

    /** Waits for every slice in flight; answers whether there was any. */
    private boolean drain() throws InterruptedException {
        boolean any = !inFlight.isEmpty();
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        return any;
    }

    private void awaitOldest() throws InterruptedException {
        try {
            finished(inFlight.removeFirst().get());
        } catch (ExecutionException e) {
            // its tickets are still on the old version: the next pass finds them again
            LOG.warnf("A slice of a re-targeting failed (%s); a later pass re-targets its tickets", e.getCause());
        }
    }
}
