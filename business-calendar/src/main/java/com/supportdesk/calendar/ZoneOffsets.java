package com.supportdesk.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Local time <-> instant for one zone, without allocating: the zone's transitions between 1900 and 2200 are
 * precomputed and searched. Outside that range it falls back to {@code java.time}. A local time is the first
 * instant the wall clock reads it or later: one that does not exist (spring-forward gap) is the instant of the
 * jump, and an ambiguous one (fall-back overlap) takes the earlier offset. Unlike {@link LocalDateTime#atZone},
 * which moves a skipped time later by the gap, this keeps the order of local times: an office closing at 00:30 on
 * a day the clocks jump from 00:00 to 01:00 closes at the jump, never after a later opening at 01:00.
 */
final class ZoneOffsets {

    private static final long FROM = LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long UNTIL = LocalDateTime.of(2200, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private final ZoneId zone;
    private final int initialOffset;
    /** Instant (epoch second) of each transition, and the offset that applies from it on. */
    private final long[] transitions;

    private final int[] offsetsAfter;
    /** For local times: from this local second on, the offset after transition i applies. */
    private final long[] localThresholds;
    /**
     * The segment the last lookup landed in: consecutive lookups are mostly in the same one, so they are answered
     * without a search. A plain int: a stale value from another thread is only checked and discarded.
     */
    private int hint = -1;

    private int localHint = -1;

    ZoneOffsets(ZoneId zone) {
        this.zone = zone;
        ZoneRules rules = zone.getRules();
        initialOffset = rules.getOffset(Instant.ofEpochSecond(FROM)).getTotalSeconds();
        List<ZoneOffsetTransition> list = new ArrayList<>();
        if (!rules.isFixedOffset()) {
            ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(FROM));
            while (t != null && t.toEpochSecond() < UNTIL) {
                list.add(t);
                t = rules.nextTransition(t.getInstant());
            }
        }
        transitions = new long[list.size()];
        offsetsAfter = new int[list.size()];
        localThresholds = new long[list.size()];
        for (int i = 0; i < list.size(); i++) {
            ZoneOffsetTransition t = list.get(i);
            transitions[i] = t.toEpochSecond();
            offsetsAfter[i] = t.getOffsetAfter().getTotalSeconds();
            localThresholds[i] = t.toEpochSecond()
                    + Math.max(
                            t.getOffsetBefore().getTotalSeconds(),
                            t.getOffsetAfter().getTotalSeconds());
        }
    }

    ZoneId zone() {
        return zone;
    }

    /** Offset (seconds) in force at an instant. */
    int offsetAt(long epochSecond) {
        if (epochSecond < FROM || epochSecond >= UNTIL) {
            return zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        }
        int last = segment(transitions, epochSecond, hint);
        hint = last;
        return last < 0 ? initialOffset : offsetsAfter[last];
    }

    /** The instant (epoch second) of a local date-time given as seconds since 1970-01-01T00:00 local. */
    long toInstant(long localEpochSecond) {
        if (localEpochSecond < FROM || localEpochSecond >= UNTIL) {
            LocalDateTime local = LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC);
            ZoneOffsetTransition t = zone.getRules().getTransition(local);
            return t != null && t.isGap()
                    ? t.toEpochSecond()
                    : local.atZone(zone).toEpochSecond();
        }
        // Until a transition's threshold (the later of its two local readings) the offset before it applies.
        int last = segment(localThresholds, localEpochSecond, localHint);
        localHint = last;
        int before = last < 0 ? initialOffset : offsetsAfter[last];
        int next = last + 1;
        if (next < transitions.length && localEpochSecond >= transitions[next] + before) {
            return transitions[next]; // a reading the clocks skip: they pass it when they jump
        }
        return localEpochSecond - before;
    }

    /** Index of the last bound {@code <= x} (-1 if none), trying {@code hint} and its successor first. */
    private static int segment(long[] bounds, long x, int hint) {
        if (hint >= -1 && hint < bounds.length) {
            boolean afterStart = hint < 0 || bounds[hint] <= x;
            if (afterStart && (hint + 1 >= bounds.length || x < bounds[hint + 1])) {
                return hint;
            }
            int next = hint + 1;
            if (afterStart
                    && next < bounds.length
                    && bounds[next] <= x
                    && (next + 1 >= bounds.length || x < bounds[next + 1])) {
                return next;
            }
        }
        int i = Arrays.binarySearch(bounds, x);
        return i >= 0 ? i : -i - 2;
    }

    /** Whether a transition falls in [from, to) (epoch seconds); outside the precomputed range, says yes. */
    boolean anyTransitionBetween(long fromEpochSecond, long toEpochSecond) {
        if (fromEpochSecond < FROM || toEpochSecond > UNTIL) {
            return true;
        }
        // the first transition at or after from is the one after the segment holding from - 1
        int first = segment(transitions, fromEpochSecond - 1, hint) + 1;
        return first < transitions.length && transitions[first] < toEpochSecond;
    }

    /** Transition instants (epoch seconds) in [from, to), for daylight-saving corrections over long ranges. */
    long[] transitionsBetween(long fromEpochSecond, long toEpochSecond) {
        if (fromEpochSecond < FROM || toEpochSecond > UNTIL) {
            List<Long> out = new ArrayList<>();
            ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochSecond(fromEpochSecond - 1));
            while (t != null && t.toEpochSecond() < toEpochSecond) {
                out.add(t.toEpochSecond());
                t = zone.getRules().nextTransition(t.getInstant());
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
        int a = Arrays.binarySearch(transitions, fromEpochSecond);
        int b = Arrays.binarySearch(transitions, toEpochSecond);
        int from = a >= 0 ? a : -a - 1;
        int to = b >= 0 ? b : -b - 1;
        return Arrays.copyOfRange(transitions, from, to);
    }
}
