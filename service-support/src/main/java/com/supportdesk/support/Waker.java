package com.supportdesk.support;

/** Lets a worker thread sleep until a deadline or until somebody has news for it. */
public final class Waker {
    private boolean poked;

    public synchronized void poke() {
        poked = true;
        notifyAll();
    }

    /** Waits up to {@code millis} unless poked since the last wait; returns at once when poked. */
    public synchronized void await(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!poked) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        poked = false;
    }
}
