package com.supportdesk.notification.engine;

import com.supportdesk.contract.event.ClockPaused;
import com.supportdesk.contract.event.ClockResumed;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.EscalationEvent;
import com.supportdesk.contract.event.InternalNoteAdded;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.PriorityHandlingRefused;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SeverityReviewRequested;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaEvent;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.SlaWarning;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.event.TicketResumed;
import com.supportdesk.contract.event.TicketScopeFlagged;
import com.supportdesk.contract.event.TicketTransferred;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.notification.mail.Labels;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The e-mail an event about a ticket causes: its kind, its recipients and the template's own fields, decided per
 * ticket, SLA and escalation event type. A new event type fails compilation here until someone decides whether the
 * customer hears of it.
 */
final class TicketNotices {
    /**
     * What an event tells. {@code sends} is false when it causes no e-mail (the kind is still what a failure to
     * tell would be reported as); {@code data} holds the fields the kind's template adds to the ticket's own.
     */
    record Notice(NotificationKind kind, boolean sends, Set<String> recipients, Map<String, String> data) {}

    /** A notice's data entry saying where its e-mail links to: {@link #WORKSPACE} (else the customer space). */
    static final String LINK_TO = "linkTo";

    static final String WORKSPACE = "workspace";

    private final Recipients recipients;
    private final AccountCalendars calendars;

    TicketNotices(Recipients recipients, AccountCalendars calendars) {
        this.recipients = recipients;
        this.calendars = calendars;
    }

    /** The notice of {@code data} to {@code account} (null when unknown: no recipients). */
    Notice of(Object data, AccountProfile account) {
        NoticeFor visitor = new NoticeFor(account);
        if (data instanceof TicketEvent e) {
            return e.accept(visitor);
        } else if (data instanceof SlaEvent e) {
            return e.accept(visitor);
        } else if (data instanceof EscalationEvent e) {
            return e.accept(visitor);
        }
        return silent(NotificationKind.EVENT); // outages have their own rules; the rest goes to webhooks only
    }

    /** The kind a notice of {@code data} has, whoever it would go to. */
    NotificationKind kindOf(Object data) {
        return of(data, null).kind();
    }

    private static Notice silent(NotificationKind kind) {
        return new Notice(kind, false, Set.of(), Map.of());
    }

    private final class NoticeFor
            implements TicketEvent.Visitor<Notice>, SlaEvent.Visitor<Notice>, EscalationEvent.Visitor<Notice> {
        private final AccountProfile account;
        private final SupportLanguage lang;

        NoticeFor(AccountProfile account) {
            this.account = account;
            this.lang = account == null ? SupportLanguage.EN : account.language();
        }

        private Notice notice(NotificationKind kind, Set<String> to, String... fields) {
            Map<String, String> d = new HashMap<>();
            for (int i = 0; i < fields.length; i += 2) {
                d.put(fields[i], fields[i + 1]);
            }
            return new Notice(kind, true, to, d);
        }

        /** A change of status, told to the designated contacts but the person who made it. */
        private Notice change(TicketEvent e, String change, String detail) {
            return notice(
                    NotificationKind.STATUS_CHANGE,
                    Recipients.contacts(account, e.by()),
                    "change",
                    Labels.word(lang, change),
                    "detail",
                    detail);
        }

        // ---- ticket events

        @Override
        public Notice on(TicketOpened o) {
            // the designated contacts, and whoever opened it when their identity gave an address
            Set<String> to = new LinkedHashSet<>(Recipients.contacts(account, null));
            String reporter = Recipients.address(o.reporterEmail());
            if (reporter != null) {
                to.add(reporter);
            }
            return notice(NotificationKind.RECEIPT, to);
        }

        @Override
        public Notice on(MessageAdded m) {
            if (m.fromCustomer()) {
                return silent(NotificationKind.MESSAGE); // the customer wrote it; nobody on their side needs telling
            }
            return notice(
                    NotificationKind.MESSAGE, Recipients.contacts(account, m.by()), "author", m.by(), "text", m.body());
        }

        @Override
        public Notice on(TicketEscalated x) {
            return notice(
                    NotificationKind.ESCALATION,
                    Recipients.contacts(account, x.by()),
                    "target",
                    Labels.word(lang, x.target().name()),
                    "reason",
                    nz(x.reason()));
        }

        @Override
        public Notice on(TicketAcknowledged a) {
            return change(a, "ACKNOWLEDGED", nz(a.note()));
        }

        @Override
        public Notice on(SeverityReclassified r) {
            return change(
                    r,
                    "RECLASSIFIED",
                    r.fromSeverity() + " -> " + r.toSeverity() + (r.reason() == null ? "" : ": " + r.reason()));
        }

        @Override
        public Notice on(PriorityHandlingGranted g) {
            return change(g, "PRIORITY_GRANTED", nz(g.reason()));
        }

        @Override
        public Notice on(PriorityHandlingRefused r) {
            return change(r, "PRIORITY_REFUSED", nz(r.reason()));
        }

        @Override
        public Notice on(TicketTransferred t) {
            return change(
                    t,
                    "TRANSFERRED",
                    t.fromLevel() + " -> " + t.toLevel() + (t.reason() == null ? "" : ": " + t.reason()));
        }

        @Override
        public Notice on(TicketPutOnHold h) {
            return change(h, "ON_HOLD", nz(h.reason()));
        }

        @Override
        public Notice on(TicketScopeFlagged f) {
            // the designated contacts are told either way, also the one who opened the ticket the rule flagged
            return notice(
                    NotificationKind.STATUS_CHANGE,
                    Recipients.contacts(account, f.automatic() ? null : f.by()),
                    "change",
                    Labels.word(lang, f.nonStandard() ? "NON_STANDARD" : "STANDARD"),
                    "detail",
                    nz(f.reason()));
        }

        @Override
        public Notice on(TicketResumed r) {
            return change(r, "RESUMED", "");
        }

        @Override
        public Notice on(TicketResolved r) {
            return change(r, "RESOLVED", r.resolution() + (r.summary() == null ? "" : ": " + r.summary()));
        }

        @Override
        public Notice on(ResolutionRejected r) {
            return change(r, "RESOLUTION_REJECTED", nz(r.reason()));
        }

        @Override
        public Notice on(TicketClosed t) {
            return change(t, "CLOSED", t.closure() == null ? "" : t.closure().name());
        }

        @Override
        public Notice on(InternalNoteAdded n) {
            // the vendor's own words: never e-mailed to anybody on the customer's side (webhooks only, by name)
            return silent(NotificationKind.EVENT);
        }

        @Override
        public Notice on(SeverityReviewRequested r) {
            return silent(NotificationKind.EVENT); // a request to the service desk: webhooks only
        }

        @Override
        public Notice on(PriorityHandlingRequested r) {
            return silent(NotificationKind.EVENT); // escalation-service answers it; the answer is told
        }

        // ---- SLA events: the breach is told; the clocks' other steps reach webhooks only

        @Override
        public Notice on(SlaBreached b) {
            return notice(
                    NotificationKind.BREACH,
                    Recipients.contacts(account, null),
                    "clock",
                    Labels.word(lang, b.clock().name()),
                    "deadline",
                    calendars.local(b.deadline(), account));
        }

        @Override
        public Notice on(ClockStarted e) {
            return silent(NotificationKind.EVENT);
        }

        @Override
        public Notice on(ClockPaused e) {
            return silent(NotificationKind.EVENT);
        }

        @Override
        public Notice on(ClockResumed e) {
            return silent(NotificationKind.EVENT);
        }

        @Override
        public Notice on(ClockRetargeted e) {
            return silent(NotificationKind.EVENT);
        }

        @Override
        public Notice on(SlaWarning e) {
            return silent(NotificationKind.EVENT);
        }

        @Override
        public Notice on(SlaMet e) {
            return silent(NotificationKind.EVENT);
        }

        @Override
        public Notice on(SlaMissed e) {
            return silent(NotificationKind.EVENT);
        }

        // ---- escalation events: an escalation point that is not a person of the account is told directly

        @Override
        public Notice on(EscalationDecided x) {
            if (x.action() != EscalationAction.ESCALATE || x.target() == null) {
                return silent(NotificationKind.ESCALATION);
            }
            String address = recipients.escalationPoint(x.target(), account);
            return notice(
                    NotificationKind.ESCALATION,
                    address == null ? Set.of() : Set.of(address),
                    "target",
                    Labels.word(lang, x.target().name()),
                    "reason",
                    nz(x.reason()),
                    LINK_TO,
                    WORKSPACE); // the vendor's escalation point works the ticket in the agent workspace
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
