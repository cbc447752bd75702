package com.supportdesk.sla.clock;

import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SLA clock of one ticket, as stored. Business time elapsed = {@code elapsedBefore} + business time since
 * {@code runningSince} (when running). {@code nextDue}/{@code nextAlarm} is the clock's one pending timer: the next
 * warning threshold or the breach.
 *
 * @param target       null when the severity has no objective (best effort): the clock is tracked, never alarmed
 * @param warningsFired warning percents already announced
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
        int calendarRevision) {

    /** {@link #nextAlarm} value of the breach (warnings are their percent, 1..99). */
    public static final int BREACH = 100;

    public SlaClock {
        warningsFired = Set.copyOf(new TreeSet<>(warningsFired));
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
                calendarRevision);
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
                calendarRevision);
    }

    SlaClock retargeted(String newCalendar, Severity newSeverity, Duration newTarget) {
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
                calendarRevision);
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
                        revision);
    }
}
