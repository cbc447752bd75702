package com.supportdesk.sla.timer;

/** Lets a worker thread sleep until a deadline or until somebody has news for it. */
final class Waker {
    private boolean poked;

    synchronized void poke() {
        poked = true;
        notifyAll();
    }

    /** Waits up to {@code millis} unless poked since the last wait; returns at once when poked. */
    synchronized void await(long millis) throws InterruptedException {
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
