package com.supportdesk.sla.clock;

public enum ClockStatus {
    RUNNING,
    /** Waiting on the customer. */
    PAUSED,
    /** Stopped within the target. */
    MET,
    /** Stopped after the target. */
    MISSED,
    /** Stopped with no target to meet (best effort). */
    STOPPED;

    public boolean isStopped() {
        return this == MET || this == MISSED || this == STOPPED;
    }
}
