package com.supportdesk.sla.clock;

import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SLA clock of one ticket, as stored. Business time elapsed = {@code elapsedBefore} + business time since
 * {@code runningSince} (when running). {@code nextDue}/{@code nextAlarm} is the clock's one pending timer: the next
 * warning threshold or the breach.
 *
 * @param target       null when the severity has no objective (best effort): the clock is tracked, never alarmed
 * @param warningsFired warning alarms already announced
 * @param warnings     the clock's warning alarms, fixed when its target was (percent 1..99 of the target, or minus
 *     the minutes before the deadline); null for a clock stored before policies were data: its policy's percents
 * @param calendarRevision how many versions the calendar's timeline had when the deadline and alarm were computed:
 *     fewer than it has now means the calendar changed since, and they are computed again before use
 */
public record SlaClock(
        String ticketId,
        String accountId,
        ClockKind kind,
        String policy,
        String calendar,
        Severity severity,
        Duration target,
        Duration elapsedBefore,
        Instant runningSince,
        ClockStatus status,
        Instant deadline,
        Set<Integer> warningsFired,
        boolean breached,
        Instant nextDue,
        Integer nextAlarm,
        int calendarRevision,
        List<Integer> warnings) {

    /** {@link #nextAlarm} value of the breach (warnings are their percent 1..99, or minus their minutes before). */
    public static final int BREACH = 100;

    public SlaClock {
        warningsFired = Set.copyOf(new TreeSet<>(warningsFired));
        warnings = warnings == null ? null : List.copyOf(warnings);
    }

    /** A warning alarm set as minutes before the deadline is stored as minus those minutes ({@code -30}). */
    public static boolean minutesBefore(int alarm) {
        return alarm < 0;
    }

    SlaClock with(Duration elapsed, Instant since, ClockStatus st, Instant dl, Set<Integer> fired, boolean br) {
        return new SlaClock(
                ticketId,
                accountId,
                kind,
                policy,
                calendar,
                severity,
                target,
                elapsed,
                since,
                st,
                dl,
                fired,
                br,
                null,
                null,
                calendarRevision,
                warnings);
    }

    SlaClock armed(Instant due, Integer alarm) {
        return new SlaClock(
                ticketId,
                accountId,
                kind,
                policy,
                calendar,
                severity,
                target,
                elapsedBefore,
                runningSince,
                status,
                deadline,
                warningsFired,
                breached,
                due,
                alarm,
                calendarRevision,
                warnings);
    }

    SlaClock retargeted(String newCalendar, Severity newSeverity, Duration newTarget, List<Integer> newWarnings) {
        return new SlaClock(
                ticketId,
                accountId,
                kind,
                policy,
                newCalendar,
                newSeverity,
                newTarget,
                elapsedBefore,
                runningSince,
                status,
                deadline,
                warningsFired,
                breached,
                nextDue,
                nextAlarm,
                calendarRevision,
                newWarnings);
    }

    SlaClock revised(int revision) {
        return revision == calendarRevision
                ? this
                : new SlaClock(
                        ticketId,
                        accountId,
                        kind,
                        policy,
                        calendar,
                        severity,
                        target,
                        elapsedBefore,
                        runningSince,
                        status,
                        deadline,
                        warningsFired,
                        breached,
                        nextDue,
                        nextAlarm,
                        revision,
                        warnings);
    }
}
