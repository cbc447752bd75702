package com.supportdesk.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A calendar as it changed over time: each version applies from the instant it took effect until the next one. A
 * clock that ran across a change counts each stretch on the version in force then, so a change never re-counts
 * the past: a holiday added today for yesterday does not give yesterday's business time back, and hours changed
 * from tomorrow do not move today's. Immutable and thread-safe.
 */
public final class CalendarTimeline implements BusinessTime {

    /** Epoch millis from which each version applies; the first applies since forever. */
    private final long[] starts;

    private final BusinessCalendar[] versions;

    private CalendarTimeline(long[] starts, BusinessCalendar[] versions) {
        this.starts = starts;
        this.versions = versions;
    }

    public static CalendarTimeline of(BusinessCalendar calendar) {
        return new CalendarTimeline(new long[] {Long.MIN_VALUE}, new BusinessCalendar[] {calendar});
    }

    /**
     * This timeline with {@code next} in force from {@code from} on. {@code from} must not be before the latest
     * change; at the same instant, {@code next} replaces the version that took effect then.
     */
    public CalendarTimeline then(Instant from, BusinessCalendar next) {
        long at = from.toEpochMilli();
        int n = versions.length;
        if (at < starts[n - 1]) {
            throw new IllegalArgumentException("a calendar change at " + from + " is before the latest one, at "
                    + Instant.ofEpochMilli(starts[n - 1]));
        }
        if (at == starts[n - 1]) {
            BusinessCalendar[] replaced = versions.clone();
            replaced[n - 1] = next;
            return new CalendarTimeline(starts, replaced);
        }
        long[] s = Arrays.copyOf(starts, n + 1);
        BusinessCalendar[] v = Arrays.copyOf(versions, n + 1);
        s[n] = at;
        v[n] = next;
        return new CalendarTimeline(s, v);
    }

    /** Every version with {@code change} applied (e.g. an exceptional event closed on each). */
    public CalendarTimeline map(UnaryOperator<BusinessCalendar> change) {
        BusinessCalendar[] v = new BusinessCalendar[versions.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = change.apply(versions[i]);
        }
        return new CalendarTimeline(starts, v);
    }

    /** How many versions the timeline holds: grows by one with each change (a clock records it to spot staleness). */
    public int revision() {
        return versions.length;
    }

    public BusinessCalendar current() {
        return versions[versions.length - 1];
    }

    /** The version in force at {@code t}. */
    public BusinessCalendar at(Instant t) {
        return versions[segment(t.toEpochMilli())];
    }

    /** When the version in force now took effect (null for the first). */
    public Instant lastChange() {
        long s = starts[starts.length - 1];
        return s == Long.MIN_VALUE ? null : Instant.ofEpochMilli(s);
    }

    @Override
    public Instant deadline(Instant start, Duration amount) {
        return Instant.ofEpochMilli(deadlineMillis(start.toEpochMilli(), amount.toMillis()));
    }

    @Override
    public Duration between(Instant from, Instant to) {
        return Duration.ofMillis(betweenMillis(from.toEpochMilli(), to.toEpochMilli()));
    }

    public long betweenMillis(long a, long b) {
        if (b <= a) {
            return 0;
        }
        long sum = 0;
        for (int i = segment(a); i < versions.length && starts[i] < b; i++) {
            long end = i + 1 < versions.length ? starts[i + 1] : Long.MAX_VALUE;
            sum += versions[i].betweenMillis(Math.max(a, starts[i]), Math.min(b, end));
        }
        return sum;
    }

    public long deadlineMillis(long start, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("business time must not be negative: " + amount + " ms");
        }
        long pos = start;
        long rem = amount;
        for (int i = segment(start); ; i++) {
            BusinessCalendar v = versions[i];
            if (i + 1 == versions.length) {
                return v.deadlineMillis(pos, rem);
            }
            long end = starts[i + 1];
            long at = v.deadlineMillis(pos, rem);
            // reached by the end of this version's stretch; nothing left means the first open instant in it
            if (rem > 0 ? at <= end : at < end) {
                return at;
            }
            rem -= v.betweenMillis(pos, end);
            pos = end;
        }
    }

    private int segment(long t) {
        int i = Arrays.binarySearch(starts, t);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public String toString() {
        return "CalendarTimeline[" + current().id() + ", " + versions.length + " versions]";
    }
}
