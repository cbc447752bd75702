package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.AccountUpdated;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.MaintenanceCancelled;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.event.TicketResumed;
import com.supportdesk.contract.event.TicketTransferred;
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
        if (d instanceof AccountRegistered a) {
            return new Target(Kind.ACCOUNT, a.accountId());
        } else if (d instanceof AccountUpdated a) {
            return new Target(Kind.ACCOUNT, a.accountId());
        } else if (d instanceof OutageDeclared o) {
            return new Target(Kind.OUTAGE, o.outageId());
        } else if (d instanceof OutageEnded o) {
            return new Target(Kind.OUTAGE, o.outageId());
        } else if (d instanceof MaintenanceScheduled m) {
            return new Target(Kind.OUTAGE, m.outageId());
        } else if (d instanceof MaintenanceCancelled m) {
            return new Target(Kind.OUTAGE, m.outageId());
        } else if (d instanceof TicketEvent t) {
            return new Target(Kind.TICKET, t.ticketId());
        } else if (d instanceof ClockStarted c) {
            return new Target(Kind.TICKET, c.ticketId());
        } else if (d instanceof ClockRetargeted c) {
            return new Target(Kind.TICKET, c.ticketId());
        } else if (d instanceof SlaBreached b) {
            return new Target(Kind.TICKET, b.ticketId());
        } else if (d instanceof SlaMet m) {
            return new Target(Kind.TICKET, m.ticketId());
        } else if (d instanceof SlaMissed m) {
            return new Target(Kind.TICKET, m.ticketId());
        }
        return new Target(Kind.NONE, null); // escalation and notification outcomes: in the timeline only
    }

    /** A ticket event whose place in the ticket's sequence is taken already: a duplicate, whatever its id. */
    public static boolean stale(CloudEvent e, TicketRecord t) {
        return e.data() instanceof TicketEvent && e.sequence() != null && t != null && e.sequence() <= t.lastSequence;
    }

    public static EventRecord record(CloudEvent e, String topic, byte[] body) {
        EventRecord record = new EventRecord();
        record.eventId = e.id();
        record.subject = e.subject();
        record.topic = topic;
        record.type = e.type();
        record.source = e.source();
        record.time = e.time();
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
        } else if (d instanceof ClockStarted c) {
            deadline(t, c.clock(), c.deadline());
        } else if (d instanceof ClockRetargeted c) {
            deadline(t, c.clock(), c.deadline());
        } else if (d instanceof SlaBreached) {
            t.breached = true;
        } else if (d instanceof SlaMet m) {
            outcome(t, m.clock(), "MET", m.elapsed());
        } else if (d instanceof SlaMissed m) {
            t.breached = true;
            outcome(t, m.clock(), "MISSED", m.elapsed());
        }
    }

    /** What a ticket event says about the ticket. */
    static void apply(TicketRecord t, TicketEvent event) {
        if (event instanceof TicketOpened o) {
            t.accountId = o.accountId();
            t.reference = o.reference();
            t.title = o.title();
            t.kind = o.kind().name();
            t.severity = o.severity().name();
            t.impact = o.impact() == null ? null : o.impact().name();
            t.priority = o.priority();
            t.level = o.level().name();
            t.application = o.application();
            t.status = "OPEN";
            t.openedAt = o.at();
        } else if (event instanceof TicketAcknowledged a) {
            t.status = "ACKNOWLEDGED";
            t.acknowledgedAt = a.at();
        } else if (event instanceof SeverityReclassified r) {
            t.severity = r.toSeverity().name();
            t.priority = r.priority();
        } else if (event instanceof PriorityHandlingGranted) {
            t.priority = true;
        } else if (event instanceof TicketTransferred x) {
            t.level = x.toLevel().name();
        } else if (event instanceof TicketEscalated x) {
            t.escalated = true;
            t.escalatedTo = t.escalatedTo == null
                    ? x.target().name()
                    : t.escalatedTo.contains(x.target().name()) ? t.escalatedTo : t.escalatedTo + "," + x.target();
        } else if (event instanceof TicketPutOnHold) {
            t.status = "ON_HOLD";
        } else if (event instanceof TicketResumed || event instanceof ResolutionRejected) {
            t.status = t.acknowledgedAt == null ? "OPEN" : "ACKNOWLEDGED";
            t.resolvedAt = event instanceof ResolutionRejected ? null : t.resolvedAt;
        } else if (event instanceof TicketResolved r) {
            t.status = "RESOLVED";
            t.resolvedAt = r.at();
        } else if (event instanceof TicketClosed c) {
            t.status = "CLOSED";
            t.closedAt = c.at();
        }
    }

    public static void outage(OutageRecord r, Object d) {
        if (d instanceof OutageDeclared o) {
            r.application = o.application();
            r.affectedAccounts = String.join(",", o.affectedAccounts());
            r.startedAt = o.startedAt();
        } else if (d instanceof OutageEnded o) {
            r.application = o.application();
            r.affectedAccounts = String.join(",", o.affectedAccounts());
            r.startedAt = o.startedAt();
            r.endedAt = o.endedAt();
        } else if (d instanceof MaintenanceScheduled m) {
            r.planned = true;
            r.application = m.application();
            r.affectedAccounts = String.join(",", m.affectedAccounts());
            r.startedAt = m.windowStart();
            r.endedAt = m.windowEnd();
        } else if (d instanceof MaintenanceCancelled) {
            r.cancelled = true;
        }
    }

    public static void account(AccountRecord a, Object d) {
        AccountProfile p = d instanceof AccountRegistered r ? r.profile() : ((AccountUpdated) d).profile();
        a.name = p.name();
        a.region = p.region() == null ? null : p.region().name();
        a.supportPlan = p.supportPlan();
        a.applications = p.applications() == null ? "" : String.join(",", p.applications());
    }

    private static void deadline(TicketRecord t, ClockKind clock, Instant deadline) {
        if (clock == ClockKind.RESPONSE) {
            t.responseDeadline = deadline;
        } else {
            t.resolutionDeadline = deadline;
        }
    }

    private static void outcome(TicketRecord t, ClockKind clock, String outcome, Duration elapsed) {
        long seconds = elapsed == null ? 0 : elapsed.toSeconds();
        if (clock == ClockKind.RESPONSE) {
            t.responseOutcome = outcome;
            t.responseBusinessSeconds = seconds;
        } else {
            t.resolutionOutcome = outcome;
            t.resolutionBusinessSeconds = seconds;
        }
    }
}
