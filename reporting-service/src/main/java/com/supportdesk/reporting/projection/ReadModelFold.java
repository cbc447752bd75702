package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.*;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.EventRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * How one event changes the read model, without any I/O: the live {@link Projector} loads the row an event targets,
 * applies it here and saves it; the {@link Rebuilder} does the same over rows in memory. One set of rules for both.
 */
public final class ReadModelFold {

    /** Which row an event changes. */
    public enum Kind {
        TICKET,
        OUTAGE,
        ACCOUNT,
        NONE
    }

    public record Target(Kind kind, String id) {}

    private ReadModelFold() {}

    public static Target target(Object d) {
        if (d instanceof TicketEvent t) {
            return new Target(Kind.TICKET, t.ticketId());
        } else if (d instanceof SlaEvent e) {
            // the clocks' deadlines and outcomes are columns of the ticket; pauses and warnings are timeline only
            return e.accept(new SlaChange(null)) ? new Target(Kind.TICKET, e.ticketId()) : new Target(Kind.NONE, null);
        } else if (d instanceof OutageEvent o) {
            return new Target(Kind.OUTAGE, o.outageId());
        } else if (d instanceof AccountEvent a) {
            return new Target(Kind.ACCOUNT, a.accountId());
        }
        return new Target(Kind.NONE, null); // escalation and notification outcomes: in the timeline only
    }

    /** A ticket event whose place in the ticket's sequence is taken already: a duplicate, whatever its id. */
    public static boolean stale(CloudEvent e, TicketRecord t) {
        return e.data() instanceof TicketEvent && e.sequence() != null && t != null && e.sequence() <= t.lastSequence;
    }

    /** The event as the log keeps it; {@code time} is the event's own, or when it was recorded if it has none. */
    public static EventRecord record(CloudEvent e, String topic, byte[] body, java.time.Instant time) {
        EventRecord record = new EventRecord();
        record.eventId = e.id();
        record.subject = e.subject();
        record.topic = topic;
        record.type = e.type();
        record.source = e.source();
        record.time = time;
        record.sequence = e.sequence();
        record.data = new String(body, StandardCharsets.UTF_8);
        return record;
    }

    public static TicketRecord newTicket(String ticketId) {
        TicketRecord t = new TicketRecord();
        t.ticketId = ticketId;
        t.status = "OPEN";
        t.lastSequence = -1;
        return t;
    }

    public static OutageRecord newOutage(String outageId) {
        OutageRecord o = new OutageRecord();
        o.outageId = outageId;
        return o;
    }

    public static AccountRecord newAccount(String accountId) {
        AccountRecord a = new AccountRecord();
        a.accountId = accountId;
        return a;
    }

    /** Applies a ticket or SLA event to the ticket's row (not {@link #stale} ones: the caller checks). */
    public static void ticket(TicketRecord t, CloudEvent e) {
        Object d = e.data();
        if (d instanceof TicketEvent event) {
            if (t.accountId == null) {
                t.accountId = event.accountId();
            }
            if (e.sequence() != null) {
                t.lastSequence = e.sequence();
            }
            t.updatedAt = event.at();
            apply(t, event);
        } else if (d instanceof SlaEvent event) {
            event.accept(new SlaChange(t));
        }
        derive(t);
    }

    /** The ticket is open, acknowledged or on hold: its clocks may run and it is in the dashboard's open figures. */
    public static boolean active(TicketRecord t) {
        return "OPEN".equals(t.status) || "ACKNOWLEDGED".equals(t.status) || "ON_HOLD".equals(t.status);
    }

    /**
     * The columns read in index order, from the others: {@code dueAt} (the dashboard), the running clock's deadline
     * while the ticket is active (the response clock's until acknowledged or measured, then the resolution clock's),
     * and {@code queueKey} (the work queue) while it waits for support.
     */
    public static void derive(TicketRecord t) {
        t.queueKey = "OPEN".equals(t.status) || "ACKNOWLEDGED".equals(t.status)
                ? com.supportdesk.reporting.queue.QueueKey.of(
                        t.priority || t.escalated, t.planLevel, t.severity, t.urgency, t.openedAt, t.ticketId)
                : null;
        t.dueAt = null;
        if (!active(t)) {
            return;
        }
        if (t.acknowledgedAt == null && t.responseOutcome == null && t.responseDeadline != null) {
            t.dueAt = t.responseDeadline;
        } else if (t.resolutionOutcome == null) {
            t.dueAt = t.resolutionDeadline;
        }
    }

    /** What a ticket event says about the ticket. */
    static void apply(TicketRecord t, TicketEvent event) {
        event.accept(new TicketChange(t));
    }

    /** An outage or maintenance event applied to its row. */
    public static void outage(OutageRecord r, Object d) {
        if (d instanceof OutageEvent event) {
            event.accept(new OutageChange(r));
        }
    }

    /** An account event applied to its row: each carries the full, latest profile. */
    public static void account(AccountRecord a, Object d) {
        AccountProfile p = ((AccountEvent) d).profile();
        a.name = p.name();
        a.region = p.region();
        a.supportPlan = p.supportPlan();
        a.language = p.language() == null ? null : p.language().name();
        a.applications = p.applications() == null ? "" : String.join(",", p.applications());
        a.planLevel = com.supportdesk.contract.model.PlanLevel.orDefault(p.planLevel())
                .name();
    }

    /** A ticket event's change to the ticket's row. */
    private record TicketChange(TicketRecord t) implements TicketEvent.Visitor<Void> {
        @Override
        public Void on(TicketOpened o) {
            t.accountId = o.accountId();
            t.reference = o.reference();
            t.openedBy = o.by();
            t.title = o.title();
            t.kind = o.kind().name();
            t.severity = o.severity().name();
            t.impact = o.impact() == null ? null : o.impact().name();
            t.priority = o.priority();
            t.level = o.level().name();
            t.application = o.application();
            t.urgency = o.urgency() == null ? null : o.urgency().name();
            t.status = "OPEN";
            t.openedAt = o.at();
            return null;
        }

        @Override
        public Void on(TicketAcknowledged a) {
            t.status = "ACKNOWLEDGED";
            t.acknowledgedAt = a.at();
            return null;
        }

        @Override
        public Void on(SeverityReclassified r) {
            t.severity = r.toSeverity().name();
            t.priority = r.priority();
            return null;
        }

        @Override
        public Void on(PriorityHandlingGranted g) {
            t.priority = true;
            return null;
        }

        @Override
        public Void on(TicketTransferred x) {
            t.level = x.toLevel().name();
            return null;
        }

        @Override
        public Void on(TicketEscalated x) {
            t.escalated = true;
            t.escalatedTo = t.escalatedTo == null
                    ? x.target().name()
                    : t.escalatedTo.contains(x.target().name()) ? t.escalatedTo : t.escalatedTo + "," + x.target();
            return null;
        }

        @Override
        public Void on(TicketScopeFlagged f) {
            t.nonStandard = f.nonStandard();
            t.scopeReason = f.reason();
            return null;
        }

        @Override
        public Void on(TicketPutOnHold h) {
            t.status = "ON_HOLD";
            return null;
        }

        @Override
        public Void on(TicketResumed r) {
            t.status = t.acknowledgedAt == null ? "OPEN" : "ACKNOWLEDGED";
            return null;
        }

        @Override
        public Void on(ResolutionRejected r) {
            t.status = t.acknowledgedAt == null ? "OPEN" : "ACKNOWLEDGED";
            t.resolvedAt = null;
            return null;
        }

        @Override
        public Void on(TicketResolved r) {
            t.status = "RESOLVED";
            t.resolvedAt = r.at();
            return null;
        }

        @Override
        public Void on(TicketClosed c) {
            t.status = "CLOSED";
            t.closedAt = c.at();
            return null;
        }

        // in the timeline only: no column of the ticket changes

        @Override
        public Void on(MessageAdded m) {
            return null;
        }

        @Override
        public Void on(SeverityReviewRequested r) {
            return null;
        }

        @Override
        public Void on(InternalNoteAdded n) {
            return null; // not a change the customer sees: the ticket's last change stays (its timeline has it)
        }

        @Override
        public Void on(PriorityHandlingRequested r) {
            return null;
        }

        @Override
        public Void on(PriorityHandlingRefused r) {
            return null;
        }
    }

    /**
     * An SLA event's change to its ticket's row; answers whether the event changes a column at all (with a null row,
     * {@link #target} asks only that).
     */
    private record SlaChange(TicketRecord t) implements SlaEvent.Visitor<Boolean> {
        @Override
        public Boolean on(ClockStarted c) {
            if (c.clock() == ClockKind.FOLLOW_UP) {
                return false; // the follow-up clock has no column of its own
            }
            if (t != null) {
                deadline(t, c.clock(), c.deadline());
            }
            return true;
        }

        @Override
        public Boolean on(ClockRetargeted c) {
            if (c.clock() == ClockKind.FOLLOW_UP) {
                return false; // the follow-up clock has no column of its own
            }
            if (t != null) {
                deadline(t, c.clock(), c.deadline());
            }
            return true;
        }

        @Override
        public Boolean on(SlaBreached b) {
            if (t != null) {
                t.breached = true;
                if (b.clock() == ClockKind.RESPONSE) {
                    t.responseBreached = true;
                } else if (b.clock() == ClockKind.RESOLUTION) {
                    t.resolutionBreached = true;
                }
            }
            return true;
        }

        @Override
        public Boolean on(SlaMet m) {
            if (m.clock() == ClockKind.FOLLOW_UP) {
                return false;
            }
            if (t != null) {
                outcome(t, m.clock(), "MET", m.elapsed());
            }
            return true;
        }

        @Override
        public Boolean on(SlaMissed m) {
            if (t != null) {
                t.breached = true; // a follow-up missed too: the dashboard shows the ticket breached
                outcome(t, m.clock(), "MISSED", m.elapsed());
            }
            return true;
        }

        // the dashboard reads pauses and warnings from the timeline

        @Override
        public Boolean on(ClockPaused p) {
            return false;
        }

        @Override
        public Boolean on(ClockResumed r) {
            return false;
        }

        @Override
        public Boolean on(SlaWarning w) {
            return false;
        }
    }

    /** An outage or maintenance event's change to its row. */
    private record OutageChange(OutageRecord r) implements OutageEvent.Visitor<Void> {
        @Override
        public Void on(OutageDeclared o) {
            r.application = o.application();
            r.affectedAccounts = String.join(",", o.affectedAccounts());
            r.startedAt = o.startedAt();
            return null;
        }

        @Override
        public Void on(OutageEnded o) {
            r.application = o.application();
            r.affectedAccounts = String.join(",", o.affectedAccounts());
            r.startedAt = o.startedAt();
            r.endedAt = o.endedAt();
            return null;
        }

        @Override
        public Void on(MaintenanceScheduled m) {
            r.planned = true;
            r.application = m.application();
            r.affectedAccounts = String.join(",", m.affectedAccounts());
            r.startedAt = m.windowStart();
            r.endedAt = m.windowEnd();
            return null;
        }

        @Override
        public Void on(MaintenanceCancelled m) {
            r.cancelled = true;
            return null;
        }
    }

    private static void deadline(TicketRecord t, ClockKind clock, Instant deadline) {
        if (clock == ClockKind.RESPONSE) {
            t.responseDeadline = deadline;
        } else if (clock == ClockKind.RESOLUTION) {
            t.resolutionDeadline = deadline;
        }
    }

    private static void outcome(TicketRecord t, ClockKind clock, String outcome, Duration elapsed) {
        long seconds = elapsed == null ? 0 : elapsed.toSeconds();
        // the follow-up clock (a reply to each customer message) is not a figure of the ticket's row or the report
        if (clock == ClockKind.RESPONSE) {
            t.responseOutcome = outcome;
            t.responseBusinessSeconds = seconds;
        } else if (clock == ClockKind.RESOLUTION) {
            t.resolutionOutcome = outcome;
            t.resolutionBusinessSeconds = seconds;
        }
    }
}
