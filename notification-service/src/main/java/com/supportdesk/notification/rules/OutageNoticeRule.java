package com.supportdesk.notification.rules;

import com.supportdesk.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Unplanned outages (standard agreement): a disruption lasting more than 30 consecutive minutes is notified to the
 * designated contacts and the outage list within one hour of its start, if it started during the account's support
 * hours; outside them nothing is sent, but the decision is recorded for the monthly report.
 */
public final class OutageNoticeRule {
    public static final Duration THRESHOLD = Duration.ofMinutes(30);
    public static final Duration DEADLINE = Duration.ofHours(1);

    /** What to do about one outage for one account. */
    public enum Verdict {
        /** Not (yet) longer than 30 minutes: nothing to send. */
        NOT_YET,
        /** Send the notice now (it is due by start + 1 hour). */
        NOTIFY,
        /** Started outside support hours: record, send nothing. */
        RECORD_ONLY_OUTSIDE_HOURS,
        /** Ended within 30 minutes: nothing to send. */
        TOO_SHORT
    }

    private OutageNoticeRule() {}

    /**
     * @param endedAt null while the outage goes on
     * @param now     the current instant
     */
    public static Verdict judge(Instant startedAt, Instant endedAt, Instant now, BusinessCalendar supportHours) {
        Instant end = endedAt == null ? now : endedAt;
        if (Duration.between(startedAt, end).compareTo(THRESHOLD) <= 0) {
            return endedAt == null ? Verdict.NOT_YET : Verdict.TOO_SHORT;
        }
        return supportHours.isOpen(startedAt) ? Verdict.NOTIFY : Verdict.RECORD_ONLY_OUTSIDE_HOURS;
    }

    /** When to look again at a running outage: as soon as it passes 30 minutes. */
    public static Optional<Instant> checkAt(Instant startedAt, Instant endedAt) {
        return endedAt == null ? Optional.of(startedAt.plus(THRESHOLD).plusMillis(1)) : Optional.empty();
    }
}
