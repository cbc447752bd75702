package com.supportdesk.support;

import org.jboss.logging.Logger;

/**
 * A background thread that runs rounds until stopped: each round says how long to sleep before the next one, a
 * {@link #poke()} cuts the sleep short, and a failed round is logged and retried after a second. A worker started with
 * a {@link com.supportdesk.support.health.WorkHealth.Watch} tells it of each round's outcome, so a worker whose rounds
 * keep failing makes the service not ready.
 */
public abstract class Worker {
    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final Waker waker = new Waker();
    private volatile boolean running;
    private Thread thread;
    private com.supportdesk.support.health.WorkHealth.Watch watch =
            com.supportdesk.support.health.WorkHealth.Watch.NONE;

    /** One round of work; returns how many milliseconds to sleep before the next (0: go on at once). */
    protected abstract long round() throws InterruptedException;

    protected void startWorker(String name) {
        startWorker(name, com.supportdesk.support.health.WorkHealth.Watch.NONE);
    }

    /** Starts the thread {@code name}, telling {@code watch} whether each round succeeded. */
    protected void startWorker(String name, com.supportdesk.support.health.WorkHealth.Watch watch) {
        this.watch = watch;
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    protected void stopWorker() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something changed: run the next round now. */
    public void poke() {
        waker.poke();
    }

    private void loop() {
        while (running) {
            try {
                long wait = round();
                watch.succeeded();
                if (wait > 0) {
                    waker.await(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                watch.failed(e);
                LOG.warnf("%s: round failed (%s); trying again in 1 s", thread.getName(), e.getMessage());
                try {
                    waker.await(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
