package com.supportdesk.testinfra;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when a test says so. Each service's tests declare a CDI bean extending it, which replaces
 * the service's default {@code Clock}.
 */
public class SettableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-05T08:00:00Z");

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
