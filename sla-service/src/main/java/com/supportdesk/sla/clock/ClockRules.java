package com.supportdesk.sla.clock;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.BusinessTime;
import com.supportdesk.contract.event.ClockPaused;
import com.supportdesk.contract.event.ClockResumed;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaEvent;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.SlaWarning;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.RetargetReason;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What happens to a clock, as pure functions: (clock, fact) -> (clock, events). Times are the instants of the
 * ticket events (when things happened), never the time of processing, so a replay gives the same answers.
 *
 * <p>Re-targeting (severity reclassification): the clock keeps the business time it has used and takes the new
 * target; warnings and the breach are judged again against it: a threshold already passed fires at once unless it
 * was announced before, one not yet reached is re-armed, and a clock that had breached and now has time left is no
 * longer in breach (the earlier breach stays in the history).
 */
public final class ClockRules {

    /** A clock after a change, and the events that announce it. */
    public record Step(SlaClock clock, List<SlaEvent> events) {}

    /** The calendar a clock counts on: the response clock also skips declared exceptional events. */
    @FunctionalInterface
    public interface CalendarLookup {
        BusinessTime calendar(String id, ClockKind kind);

        /** How many versions the calendar's timeline has (see {@link SlaClock#calendarRevision()}). */
        default int revision(String id) {
            return 1;
        }

        /** The calendar's own version number (published with a re-targeting it causes). */
        default int version(String id) {
            return 1;
        }
    }

    private final CalendarLookup calendars;
    private final Function<String, List<Integer>> warningPercents;

    /**
     * @param calendars       calendar by id and clock kind
     * @param warningPercents the warning thresholds of a policy, by policy id
     */
    public ClockRules(CalendarLookup calendars, Function<String, List<Integer>> warningPercents) {
        this.calendars = calendars;
        this.warningPercents = warningPercents;
    }

    /** For calendars that are the same for every clock kind. */
    public ClockRules(Function<String, BusinessCalendar> calendars, Function<String, List<Integer>> warningPercents) {
        this((id, kind) -> calendars.apply(id), warningPercents);
    }

    /** Starts a clock that warns at its policy's percents. */
    public Step start(
            String ticketId,
            String accountId,
            ClockKind kind,
            String policy,
            String calendar,
            Severity severity,
            Duration target,
            Instant at) {
        return start(ticketId, accountId, kind, policy, calendar, severity, target, null, at);
    }

    /**
     * Starts a clock. {@code warnings}: its warning alarms (percent of the target, or minus minutes before the
     * deadline), fixed now, so a later change of the policy does not change them; null: its policy's percents.
     */
    public Step start(
            String ticketId,
            String accountId,
            ClockKind kind,
            String policy,
            String calendar,
            Severity severity,
            Duration target,
            List<Integer> warnings,
            Instant at) {
        SlaClock clock = new SlaClock(
                ticketId,
                accountId,
                kind,
                policy,
                calendar,
                severity,
                target,
                Duration.ZERO,
                at,
                ClockStatus.RUNNING,
                null,
                Set.of(),
                false,
                null,
                null,
                0,
                warnings);
        clock = arm(withDeadline(clock));
        return new Step(
                clock,
                List.of(new ClockStarted(
                        ticketId,
                        accountId,
                        kind,
                        policy,
                        calendar,
                        severity,
                        target,
                        Duration.ZERO,
                        clock.deadline(),
                        at)));
    }

    public Step stop(SlaClock c, Instant at) {
        if (c.status().isStopped()) {
            return new Step(c, List.of());
        }
        Duration elapsed = elapsed(c, at);
        if (c.target() == null) {
            return new Step(c.with(elapsed, null, ClockStatus.STOPPED, null, c.warningsFired(), false), List.of());
        }
        boolean met = elapsed.compareTo(c.target()) <= 0;
        SlaClock stopped = c.with(
                elapsed,
                null,
                met ? ClockStatus.MET : ClockStatus.MISSED,
                c.deadline(),
                c.warningsFired(),
                c.breached());
        SlaEvent event = met
                ? new SlaMet(
                        c.ticketId(),
                        c.accountId(),
                        c.kind(),
                        c.policy(),
                        c.calendar(),
                        c.severity(),
                        c.target(),
                        elapsed,
                        c.deadline(),
                        at)
                : new SlaMissed(
                        c.ticketId(),
                        c.accountId(),
                        c.kind(),
                        c.policy(),
                        c.calendar(),
                        c.severity(),
                        c.target(),
                        elapsed,
                        c.deadline(),
                        at);
        return new Step(stopped, List.of(event));
    }

    public Step pause(SlaClock c, Instant at) {
        if (c.status() != ClockStatus.RUNNING) {
            return new Step(c, List.of());
        }
        Duration elapsed = elapsed(c, at);
        SlaClock paused = c.with(elapsed, null, ClockStatus.PAUSED, null, c.warningsFired(), c.breached());
        return new Step(
                paused,
                List.of(new ClockPaused(
                        c.ticketId(),
                        c.accountId(),
                        c.kind(),
                        c.policy(),
                        c.calendar(),
                        c.severity(),
                        c.target(),
                        elapsed,
                        at)));
    }

    /** Runs a paused clock again, or a stopped one whose stop was undone (a rejected resolution). */
    public Step resume(SlaClock c, Instant at) {
        if (c.status() == ClockStatus.RUNNING) {
            return new Step(c, List.of());
        }
        SlaClock running = arm(withDeadline(
                c.with(c.elapsedBefore(), at, ClockStatus.RUNNING, null, c.warningsFired(), c.breached())));
        return new Step(
                running,
                List.of(new ClockResumed(
                        c.ticketId(),
                        c.accountId(),
                        c.kind(),
                        c.policy(),
                        c.calendar(),
                        c.severity(),
                        c.target(),
                        c.elapsedBefore(),
                        running.deadline(),
                        at)));
    }

    /** A new severity's target on a calendar; the clock keeps its warning alarms. */
    public Step retarget(SlaClock c, String calendar, Severity severity, Duration target, Instant at) {
        return retarget(c, calendar, severity, target, c.warnings(), at, RetargetReason.SEVERITY_RECLASSIFIED, null);
    }

    /**
     * A new target, calendar and warning alarms (a severity change, or a policy change applied to running clocks,
     * then with the policy's version). Business time used is kept; warnings announced before and still passed are
     * not announced again.
     */
    public Step retarget(
            SlaClock c,
            String calendar,
            Severity severity,
            Duration target,
            List<Integer> warnings,
            Instant at,
            RetargetReason reason,
            Integer policyVersion) {
        if (c.status().isStopped()) {
            return new Step(c, List.of());
        }
        boolean running = c.status() == ClockStatus.RUNNING;
        Duration elapsed = elapsed(c, at);
        Set<Integer> fired = new HashSet<>();
        List<Integer> alarms = warnings != null ? warnings : warningPercents.apply(c.policy());
        for (int p : c.warningsFired()) {
            Duration t = target == null ? null : threshold(target, p);
            if (t != null && alarms.contains(p) && t.compareTo(elapsed) <= 0) {
                fired.add(p); // announced before and still passed: not announced twice
            }
        }
        boolean breached = target != null && elapsed.compareTo(target) >= 0 && c.breached();
        SlaClock next = c.retargeted(calendar, severity, target, warnings)
                .with(elapsed, running ? at : null, c.status(), null, fired, breached);
        next = running ? arm(withDeadline(next)) : next;
        return new Step(
                next,
                List.of(new ClockRetargeted(
                        c.ticketId(),
                        c.accountId(),
                        c.kind(),
                        c.policy(),
                        calendar,
                        severity,
                        target,
                        elapsed,
                        c.severity(),
                        c.target(),
                        next.deadline(),
                        at,
                        reason,
                        null,
                        policyVersion)));
    }

    /** Fires the clock's pending alarm if it is due at {@code now}; the event carries the instant it was due. */
    public Step fire(SlaClock c, Instant now) {
        if (c.status() != ClockStatus.RUNNING
                || c.nextDue() == null
                || c.nextDue().isAfter(now)) {
            return new Step(c, List.of());
        }
        int alarm = c.nextAlarm();
        SlaEvent event;
        SlaClock next;
        if (alarm == SlaClock.BREACH) {
            next = c.with(c.elapsedBefore(), c.runningSince(), c.status(), c.deadline(), c.warningsFired(), true);
            event = new SlaBreached(
                    c.ticketId(),
                    c.accountId(),
                    c.kind(),
                    c.policy(),
                    c.calendar(),
                    c.severity(),
                    c.target(),
                    c.target(),
                    c.deadline(),
                    c.nextDue());
        } else {
            Set<Integer> fired = new HashSet<>(c.warningsFired());
            fired.add(alarm);
            next = c.with(c.elapsedBefore(), c.runningSince(), c.status(), c.deadline(), fired, c.breached());
            Duration used = threshold(c.target(), alarm);
            int percent = alarm > 0
                    ? alarm
                    : (int) Math.max(
                            1,
                            Math.min(
                                    99,
                                    used.toMillis()
                                            * 100
                                            / Math.max(1, c.target().toMillis())));
            event = new SlaWarning(
                    c.ticketId(),
                    c.accountId(),
                    c.kind(),
                    c.policy(),
                    c.calendar(),
                    c.severity(),
                    c.target(),
                    used.compareTo(c.elapsedBefore()) < 0 ? c.elapsedBefore() : used,
                    percent,
                    c.deadline(),
                    c.nextDue(),
                    alarm > 0 ? null : -alarm);
        }
        return new Step(arm(next), List.of(event));
    }

    /** Business time used by the clock at {@code at}. */
    public Duration elapsed(SlaClock c, Instant at) {
        if (c.status() != ClockStatus.RUNNING || c.runningSince() == null) {
            return c.elapsedBefore();
        }
        return c.elapsedBefore().plus(calendars.calendar(c.calendar(), c.kind()).between(c.runningSince(), at));
    }

    private SlaClock withDeadline(SlaClock c) {
        if (c.target() == null || c.status() != ClockStatus.RUNNING) {
            return c;
        }
        c = c.revised(calendars.revision(c.calendar()));
        Duration left = c.target().minus(c.elapsedBefore());
        Instant deadline = left.isNegative()
                ? c.runningSince()
                : calendars.calendar(c.calendar(), c.kind()).deadline(c.runningSince(), left);
        return c.with(c.elapsedBefore(), c.runningSince(), c.status(), deadline, c.warningsFired(), c.breached());
    }

    /**
     * Sets the next alarm: the earliest warning not yet announced, else the breach, else none. A warning set before
     * the deadline that is not inside the target (30 minutes before a 20-minute target) never fires.
     */
    private SlaClock arm(SlaClock c) {
        if (c.status() != ClockStatus.RUNNING || c.target() == null) {
            return c.armed(null, null);
        }
        Integer next = null;
        Duration nextAt = null;
        for (int p : c.warnings() != null ? c.warnings() : warningPercents.apply(c.policy())) {
            Duration t = threshold(c.target(), p);
            if (!c.warningsFired().contains(p)
                    && !t.isNegative()
                    && !t.isZero()
                    && (nextAt == null || t.compareTo(nextAt) < 0)) {
                next = p;
                nextAt = t;
            }
        }
        if (next != null) {
            Duration left = nextAt.minus(c.elapsedBefore());
            Instant due = left.isNegative() || left.isZero()
                    ? c.runningSince()
                    : calendars.calendar(c.calendar(), c.kind()).deadline(c.runningSince(), left);
            return c.armed(due, next);
        }
        return c.breached() ? c.armed(null, null) : c.armed(c.deadline(), SlaClock.BREACH);
    }

    /** Business time used when a warning alarm is due: a share of the target, or the target less the minutes. */
    private static Duration threshold(Duration target, int alarm) {
        return alarm > 0
                ? Duration.ofMillis(target.toMillis() * alarm / 100)
                : target.minus(Duration.ofMinutes(-alarm));
    }

    /**
     * Computes a running clock's deadline and next alarm again after its calendar changed (an exceptional event was
     * declared): business time already counted is re-counted on the new calendar, which is what a declaration
     * after the fact needs. Announces the new deadline as a re-targeting with the same target.
     */
    public Step recompute(SlaClock c, Instant at) {
        return recompute(c, at, RetargetReason.EXCEPTIONAL_EVENT);
    }

    /**
     * Computes a running clock's deadline and next alarm again on its calendar's timeline as it is now (a calendar
     * change: each stretch of the past counts on the version in force then, so nothing already counted changes).
     * Announces a new deadline as a re-targeting with the same target, the reason and the calendar's version.
     */
    public Step recompute(SlaClock c, Instant at, RetargetReason reason) {
        if (c.status() != ClockStatus.RUNNING || c.target() == null) {
            return new Step(c.revised(calendars.revision(c.calendar())), List.of());
        }
        SlaClock base = c;
        if (reason == RetargetReason.CALENDAR_CHANGED
                && c.runningSince() != null
                && c.runningSince().isBefore(at)) {
            // re-based at the change: what ran before it is kept as elapsed time, counted once on the versions in
            // force then, and what comes after is counted from the change on, on the version in force now only
            // (business time adds up over any cut, so nothing moves by it; it only spares the old versions later)
            base = c.with(elapsed(c, at), at, c.status(), c.deadline(), c.warningsFired(), c.breached());
        }
        SlaClock next = arm(withDeadline(base.armed(null, null)));
        if (java.util.Objects.equals(next.deadline(), c.deadline())) {
            return new Step(next, List.of());
        }
        return new Step(
                next,
                List.of(new ClockRetargeted(
                        c.ticketId(),
                        c.accountId(),
                        c.kind(),
                        c.policy(),
                        c.calendar(),
                        c.severity(),
                        c.target(),
                        elapsed(next, at),
                        c.severity(),
                        c.target(),
                        next.deadline(),
                        at,
                        reason,
                        reason == RetargetReason.CALENDAR_CHANGED ? calendars.version(c.calendar()) : null,
                        null)));
    }

    /** Whether the clock's deadline was computed on an older version of its calendar than the one in force. */
    public boolean stale(SlaClock c) {
        return c.status() == ClockStatus.RUNNING
                && c.target() != null
                && c.calendarRevision() < calendars.revision(c.calendar());
    }
}
