package com.supportdesk.reporting.projection;

import com.supportdesk.reporting.model.TicketRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's counters, kept by the projector in the transaction that applies the events (issue 31): each ticket
 * row counts one in each figure {@link #names(TicketRecord)} gives, so a batch adds, per ticket it changed, the names
 * after minus the names before; a breach counts one on the day of its event. The dashboard then reads a few counters
 * by name, whatever the number of tickets. Names:
 *
 * <ul>
 *   <li>{@code open|<severity>|<state>}: tickets not closed, by severity and state (OPEN, ACKNOWLEDGED, ON_HOLD,
 *       RESOLVED);
 *   <li>{@code queued|<level>}: tickets waiting in the work queue at that level (open or acknowledged);
 *   <li>{@code measured|<yyyy-MM>}, {@code met|<yyyy-MM>}: tickets opened that month (UTC) whose response clock was
 *       measured, and met;
 *   <li>{@code breaches|<yyyy-MM-dd>}: breach events of that day (UTC, the event's time).
 * </ul>
 */
public final class DashboardFigures {
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final List<String> COUNTED_STATES = List.of("OPEN", "ACKNOWLEDGED", "ON_HOLD", "RESOLVED");

    private DashboardFigures() {}

    /** The figures one ticket row counts in (each once). */
    public static List<String> names(TicketRecord t) {
        List<String> names = new ArrayList<>(4);
        if (t.severity != null && COUNTED_STATES.contains(t.status)) {
            names.add(open(t.severity, t.status));
        }
        if (t.queueKey != null) {
            names.add(queued(t.level));
        }
        if (t.openedAt != null && t.responseOutcome != null) {
            names.add(measured(t.openedAt));
            if ("MET".equals(t.responseOutcome)) {
                names.add(met(t.openedAt));
            }
        }
        return names;
    }

    public static String open(String severity, String state) {
        return "open|" + severity + "|" + state;
    }

    public static String queued(String level) {
        return "queued|" + (level == null ? "" : level);
    }

    public static String measured(Instant inMonth) {
        return "measured|" + MONTH.format(inMonth);
    }

    public static String met(Instant inMonth) {
        return "met|" + MONTH.format(inMonth);
    }

    public static String breaches(Instant onDay) {
        return "breaches|" + DAY.format(onDay);
    }

    /** Changes to counters, by name in order (the order in which a batch locks them). */
    public static final class Delta {
        private final Map<String, Long> by = new TreeMap<>();

        /** A row's figures before a change (taken away) ... */
        public void remove(List<String> names) {
            names.forEach(n -> add(n, -1));
        }

        /** ... and after it (added). */
        public void add(List<String> names) {
            names.forEach(n -> add(n, 1));
        }

        public void add(String name, long n) {
            by.merge(name, n, Long::sum);
        }

        /** The counters that moved, by name (those that came back to where they were left out). */
        public Map<String, Long> changes() {
            Map<String, Long> moved = new TreeMap<>(by);
            moved.values().removeIf(n -> n == 0);
            return moved;
        }
    }
}
