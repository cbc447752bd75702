package com.supportdesk.notification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.AccountUpdated;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.EscalationEvent;
import com.supportdesk.contract.event.MaintenanceNoticeJudged;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.NotificationFailed;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.OutageEvent;
import com.supportdesk.contract.event.OutageNoticeDecided;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.PriorityHandlingRefused;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaEvent;
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
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.OutageNoticeVerdict;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.notification.mail.Labels;
import com.supportdesk.notification.mail.MailTemplates;
import com.supportdesk.notification.rules.MaintenanceNoticeRule;
import com.supportdesk.notification.rules.OutageNoticeRule;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.store.NotificationStore.OutageRow;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.notification.store.NotificationStore.TicketInfo;
import com.supportdesk.notification.store.NotificationStore.Waiting;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Turns events into deliveries. Each event is handled once (its id is remembered in the same transaction as what it
 * caused), and each delivery's id is derived from the event and the recipient, so neither a redelivered event nor a
 * restart can queue a second message to the same person. Deliveries are sent later by {@link DeliveryWorker}.
 */
public final class NotificationProcessor {
    private static final Logger LOG = Logger.getLogger(NotificationProcessor.class);
    private static final ObjectMapper JSON = CloudEventCodec.mapper();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    public static final String SOURCE = "notification-service";

    /** Where escalation points that are not a person of the account are reached, and how long to wait for one. */
    public record Settings(
            Map<EscalationTarget, String> escalationAddresses, Duration accountWait, Duration seenRetention) {}

    private final DataSource dataSource;
    private final MailTemplates templates;
    private final Calendars calendars;
    private final Clock clock;
    private final Settings settings;

    public NotificationProcessor(
            DataSource dataSource, MailTemplates templates, Calendars calendars, Clock clock, Settings settings) {
        this.dataSource = dataSource;
        this.templates = templates;
        this.calendars = calendars;
        this.clock = clock;
        this.settings = settings;
    }

    // ---- consumers ----------------------------------------------------------------------------------------------

    /**
     * The events that may cause an e-mail or keep state the e-mails need (the ticket's reference, its severity):
     * what {@code email} and {@code changeOf} handle, plus outages and maintenance. Keep in step with them. Any other
     * event concerns notification-service only when a webhook subscription wants its type ({@link #concerns}).
     */
    static final Set<Class<?>> TOLD = Set.of(
            TicketOpened.class,
            MessageAdded.class,
            TicketEscalated.class,
            SlaBreached.class,
            EscalationDecided.class,
            TicketAcknowledged.class,
            SeverityReclassified.class,
            PriorityHandlingGranted.class,
            PriorityHandlingRefused.class,
            TicketTransferred.class,
            TicketPutOnHold.class,
            TicketResumed.class,
            TicketResolved.class,
            ResolutionRejected.class,
            TicketClosed.class,
            OutageDeclared.class,
            OutageEnded.class,
            MaintenanceScheduled.class,
            com.supportdesk.contract.event.MaintenanceCancelled.class);

    private static final Set<String> TOLD_TYPES =
            TOLD.stream().map(t -> Catalog.of(t).type()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Whether an event of this type can concern anybody, judged before it is decoded or the database is touched: it
     * is one that e-mails (or their state) need, or a webhook subscription's patterns match it.
     */
    public static boolean concerns(String type, List<List<String>> subscribedPatterns) {
        if (type == null || TOLD_TYPES.contains(type)) {
            return true; // no type: let the decoder refuse it (dead letter)
        }
        for (List<String> patterns : subscribedPatterns) {
            if (Subscriptions.typeMatches(patterns, type)) {
                return true;
            }
        }
        return false;
    }

    /** The event-type patterns of the active webhook subscriptions (read once per poll). */
    public List<List<String>> subscribedPatterns() {
        return Jdbc.inTransaction(
                dataSource,
                c -> NotificationStore.subscriptions(c).stream()
                        .map(Subscription::eventTypes)
                        .toList());
    }

    /** A record of ticket-events, sla-events or escalation-events. */
    public void event(Connection c, Received in, CloudEvent e) throws SQLException {
        Instant now = clock.instant();
        if (!NotificationStore.firstTime(c, e.id(), now)) {
            return; // handled before: a redelivery
        }
        if (e.data() instanceof OutageEvent) {
            outage(c, e, in, now);
            return;
        }
        String accountId = accountOf(e);
        if (accountId == null) {
            return;
        }
        NotificationStore.lockAccount(c, accountId); // against the profile arriving while this one looks
        Optional<AccountProfile> account = NotificationStore.account(c, accountId);
        if (account.isEmpty()) {
            LOG.infof("%s %s waits for account %s's profile", e.type(), e.id(), accountId);
            NotificationStore.putAside(c, new Waiting(e.id(), accountId, in.headers(), in.body(), now));
            return;
        }
        deliverOrWait(c, e, in, accountId, account.get(), now);
    }

    /**
     * Topics are not ordered among themselves: an SLA or escalation event may overtake its ticket's opening. Such
     * an event waits for the opening (whose reference and title the notices quote); the opening releases it.
     */
    private void deliverOrWait(
            Connection c, CloudEvent e, Received in, String accountId, AccountProfile account, Instant now)
            throws SQLException {
        if (!(e.data() instanceof TicketOpened)
                && aboutATicket(e)
                && NotificationStore.ticket(c, e.subject()).isEmpty()) {
            LOG.infof("%s %s waits for ticket %s to be opened", e.type(), e.id(), e.subject());
            NotificationStore.putAside(c, new Waiting(e.id(), TICKET_WAIT + e.subject(), in.headers(), in.body(), now));
            return;
        }
        fanOut(c, e, in, accountId, account, now);
        if (e.data() instanceof TicketOpened o) {
            for (Waiting w : NotificationStore.takeWaiting(c, TICKET_WAIT + o.ticketId())) {
                CloudEvent waited = CloudEventCodec.decode(w.headers(), w.body());
                fanOut(c, waited, new Received(null, waited.subject(), w.headers(), w.body()), accountId, account, now);
            }
        }
    }

    /** Events put aside for a ticket not seen yet wait under this prefix + ticket id (accounts under their id). */
    static final String TICKET_WAIT = "ticket:";

    private static boolean aboutATicket(CloudEvent e) {
        return e.subject() != null
                && (e.data() instanceof TicketEvent
                        || e.data() instanceof SlaEvent
                        || e.data() instanceof EscalationEvent);
    }

    /** A record of account-events: the profile, and the events that waited for it. */
    public void accountEvent(Connection c, CloudEvent e) throws SQLException {
        AccountProfile profile = e.data() instanceof AccountRegistered r
                ? r.profile()
                : e.data() instanceof AccountUpdated u ? u.profile() : null;
        if (profile == null) {
            return;
        }
        String accountId =
                e.data() instanceof AccountRegistered r ? r.accountId() : ((AccountUpdated) e.data()).accountId();
        Instant now = clock.instant();
        NotificationStore.lockAccount(c, accountId);
        boolean firstSeen = NotificationStore.account(c, accountId).isEmpty();
        NotificationStore.saveAccount(c, accountId, profile);
        // outages declared for every account using an application this account uses, before it was known
        List<String> apps = profile.applications() == null
                ? List.of()
                : profile.applications().stream().sorted().distinct().toList();
        for (String app : apps) {
            NotificationStore.lockAccount(c, "application:" + app);
        }
        for (OutageRow missed : NotificationStore.scopesMissing(c, accountId, profile.applications())) {
            OutageRow row = new OutageRow(
                    missed.outageId(),
                    accountId,
                    missed.application(),
                    missed.startedAt(),
                    missed.endedAt(),
                    OutageNoticeRule.checkAt(missed.startedAt(), missed.endedAt())
                            .orElse(missed.endedAt()),
                    null,
                    null,
                    null);
            NotificationStore.saveOutage(c, row);
            judgeOutage(c, row, now);
        }
        if (firstSeen) { // maintenance announced to every user of an application before this account was known
            for (Waiting w : NotificationStore.maintenanceScopes(c, accountId, apps)) {
                CloudEvent announced = CloudEventCodec.decode(w.headers(), w.body());
                maintenance(c, announced, (MaintenanceScheduled) announced.data(), accountId, now);
            }
        }
        for (Waiting w : NotificationStore.takeWaiting(c, accountId)) {
            CloudEvent waited = CloudEventCodec.decode(w.headers(), w.body());
            deliverOrWait(
                    c, waited, new Received(null, waited.subject(), w.headers(), w.body()), accountId, profile, now);
        }
    }

    // ---- timers -------------------------------------------------------------------------------------------------

    /** Outage checks that are due, and events that waited too long for their account. Returns how many it did. */
    public int fireDue(Instant now, int limit) {
        return Jdbc.inTransaction(dataSource, c -> {
            int done = 0;
            for (OutageRow row : NotificationStore.dueOutages(c, now, limit)) {
                judgeOutage(c, row, now);
                done++;
            }
            for (Waiting w : NotificationStore.takeExpired(c, now.minus(settings.accountWait()))) {
                CloudEvent e = CloudEventCodec.decode(w.headers(), w.body());
                // waited for its ticket's opening, which never came: told all the same, by ticket id
                String account = w.accountId().startsWith(TICKET_WAIT) ? accountOf(e) : w.accountId();
                Optional<AccountProfile> arrived = NotificationStore.account(c, account);
                if (arrived.isPresent()) { // it came after all
                    fanOut(c, e, new Received(null, e.subject(), w.headers(), w.body()), account, arrived.get(), now);
                    done++;
                    continue;
                }
                String reason = "account " + account + " is unknown (no profile on account-events after "
                        + settings.accountWait() + "): no recipient";
                LOG.warnf("%s %s: %s", e.type(), e.id(), reason);
                failed(c, e, account, NotificationChannel.EMAIL, kindOf(e), reason, now);
                done++;
            }
            return done;
        });
    }

    public Optional<Instant> nextCheck() {
        return Jdbc.inTransaction(dataSource, c -> {
            Optional<Instant> outage = NotificationStore.nextOutageCheck(c);
            Optional<Instant> waiting = NotificationStore.oldestWaiting(c).map(t -> t.plus(settings.accountWait()));
            return outage.isPresent() && waiting.isPresent()
                    ? Optional.of(outage.get().isBefore(waiting.get()) ? outage.get() : waiting.get())
                    : outage.isPresent() ? outage : waiting;
        });
    }

    /** Forgets the ids of events handled longer ago than the retention (far beyond any redelivery). */
    public int forgetOld(Instant now) {
        return Jdbc.inTransaction(
                dataSource, c -> NotificationStore.forgetSeenBefore(c, now.minus(settings.seenRetention())));
    }

    // ---- ticket, SLA and escalation events ----------------------------------------------------------------------

    private void fanOut(Connection c, CloudEvent e, Received raw, String accountId, AccountProfile account, Instant now)
            throws SQLException {
        webhooks(c, e, raw, List.of(accountId), now);
        Object data = e.data();
        if (data instanceof TicketOpened o) {
            NotificationStore.saveTicket(
                    c,
                    new TicketInfo(
                            o.ticketId(),
                            o.accountId(),
                            o.reference(),
                            o.title(),
                            o.severity().name()));
        } else if (data instanceof SeverityReclassified r) {
            NotificationStore.updateSeverity(c, r.ticketId(), r.toSeverity().name());
        }
        Email mail = email(c, e, account);
        if (mail == null) {
            return;
        }
        if (mail.recipients().isEmpty()) {
            failed(
                    c,
                    e,
                    accountId,
                    NotificationChannel.EMAIL,
                    mail.kind(),
                    "account " + accountId + " has no e-mail address for a " + mail.kind() + " notice",
                    now);
            return;
        }
        queueEmails(
                c, e.id(), e.type(), accountId, e.subject(), account, mail.kind(), mail.data(), mail.recipients(), now);
    }

    private record Email(NotificationKind kind, Set<String> recipients, Map<String, String> data) {}

    /** The e-mail an event causes (kind, recipients, template data), or null when it causes none. */
    private Email email(Connection c, CloudEvent e, AccountProfile account) throws SQLException {
        Object data = e.data();
        SupportLanguage lang = account.language();
        String by = byOf(data);
        Map<String, String> d = ticketData(c, e.subject(), account);
        NotificationKind kind;
        Set<String> to;
        if (data instanceof TicketOpened o) {
            kind = NotificationKind.RECEIPT;
            // the designated contacts, and whoever opened it when their identity gave an address
            to = new java.util.LinkedHashSet<>(contacts(account, null));
            String reporter = address(o.reporterEmail());
            if (reporter != null) {
                to.add(reporter);
            }
        } else if (data instanceof MessageAdded m) {
            if (m.fromCustomer()) {
                return null; // the customer wrote it; nobody on their side needs telling
            }
            kind = NotificationKind.MESSAGE;
            to = contacts(account, by);
            d.put("author", m.by());
            d.put("text", m.body());
        } else if (data instanceof TicketEscalated x) {
            kind = NotificationKind.ESCALATION;
            to = contacts(account, by);
            d.put("target", Labels.word(lang, x.target().name()));
            d.put("reason", nz(x.reason()));
        } else if (data instanceof SlaBreached b) {
            kind = NotificationKind.BREACH;
            to = contacts(account, null);
            d.put("clock", Labels.word(lang, b.clock().name()));
            d.put("deadline", local(b.deadline(), account));
        } else if (data instanceof EscalationDecided x) {
            if (x.action() != EscalationAction.ESCALATE || x.target() == null) {
                return null;
            }
            String address = escalationPoint(x.target(), account);
            kind = NotificationKind.ESCALATION;
            to = address == null ? Set.of() : Set.of(address);
            d.put("target", Labels.word(lang, x.target().name()));
            d.put("reason", nz(x.reason()));
        } else {
            String change = changeOf(data);
            if (change == null) {
                return null; // forwarded to webhooks only
            }
            kind = NotificationKind.STATUS_CHANGE;
            to = contacts(account, by);
            d.put("change", Labels.word(lang, change));
            d.put("detail", detailOf(data));
        }
        return new Email(kind, to, d);
    }

    private static String changeOf(Object data) {
        if (data instanceof TicketAcknowledged) {
            return "ACKNOWLEDGED";
        } else if (data instanceof SeverityReclassified) {
            return "RECLASSIFIED";
        } else if (data instanceof PriorityHandlingGranted) {
            return "PRIORITY_GRANTED";
        } else if (data instanceof PriorityHandlingRefused) {
            return "PRIORITY_REFUSED";
        } else if (data instanceof TicketTransferred) {
            return "TRANSFERRED";
        } else if (data instanceof TicketPutOnHold) {
            return "ON_HOLD";
        } else if (data instanceof TicketResumed) {
            return "RESUMED";
        } else if (data instanceof TicketResolved) {
            return "RESOLVED";
        } else if (data instanceof ResolutionRejected) {
            return "RESOLUTION_REJECTED";
        } else if (data instanceof TicketClosed) {
            return "CLOSED";
        }
        return null;
    }

    private static String detailOf(Object data) {
        if (data instanceof TicketAcknowledged a) {
            return nz(a.note());
        } else if (data instanceof SeverityReclassified r) {
            return r.fromSeverity() + " -> " + r.toSeverity() + (r.reason() == null ? "" : ": " + r.reason());
        } else if (data instanceof PriorityHandlingGranted g) {
            return nz(g.reason());
        } else if (data instanceof PriorityHandlingRefused r) {
            return nz(r.reason());
        } else if (data instanceof TicketTransferred t) {
            return t.fromLevel() + " -> " + t.toLevel() + (t.reason() == null ? "" : ": " + t.reason());
        } else if (data instanceof TicketPutOnHold h) {
            return nz(h.reason());
        } else if (data instanceof TicketResolved r) {
            return r.resolution() + (r.summary() == null ? "" : ": " + r.summary());
        } else if (data instanceof ResolutionRejected r) {
            return nz(r.reason());
        } else if (data instanceof TicketClosed t) {
            return t.closure() == null ? "" : t.closure().name();
        }
        return "";
    }

    private static NotificationKind kindOf(CloudEvent e) {
        Object d = e.data();
        if (d instanceof TicketOpened) {
            return NotificationKind.RECEIPT;
        } else if (d instanceof MessageAdded) {
            return NotificationKind.MESSAGE;
        } else if (d instanceof TicketEscalated || d instanceof EscalationDecided) {
            return NotificationKind.ESCALATION;
        } else if (d instanceof SlaBreached) {
            return NotificationKind.BREACH;
        }
        return changeOf(d) != null ? NotificationKind.STATUS_CHANGE : NotificationKind.EVENT;
    }

    private String escalationPoint(EscalationTarget target, AccountProfile account) {
        if (target == EscalationTarget.STRATEGIC_ACCOUNT_MANAGER) {
            Contact sam = account.strategicAccountManager();
            return sam == null ? null : address(sam.email());
        }
        return address(settings.escalationAddresses().get(target));
    }

    /** The designated contacts' addresses, without the person who caused the change. */
    static Set<String> contacts(AccountProfile account, String exceptUser) {
        Set<String> out = new LinkedHashSet<>();
        for (Contact contact : new Contact[] {account.primaryContact(), account.backupContact()}) {
            if (contact != null && (exceptUser == null || !exceptUser.equals(contact.userId()))) {
                String a = address(contact.email());
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static String address(String email) {
        if (email == null || email.isBlank() || !email.contains("@")) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private Map<String, String> ticketData(Connection c, String ticketId, AccountProfile account) throws SQLException {
        Map<String, String> d = new HashMap<>();
        d.put("account", nz(account.name()));
        Optional<TicketInfo> t = ticketId == null ? Optional.empty() : NotificationStore.ticket(c, ticketId);
        d.put("reference", t.map(TicketInfo::reference).orElse(nz(ticketId)));
        d.put("title", t.map(TicketInfo::title).orElse(""));
        d.put("severity", t.map(TicketInfo::severity).orElse(""));
        return d;
    }

    // ---- outages and maintenance --------------------------------------------------------------------------------

    private void outage(Connection c, CloudEvent e, Received raw, Instant now) throws SQLException {
        Object data = e.data();
        if (data instanceof OutageDeclared d) {
            NotificationStore.lockAccount(c, "application:" + d.application()); // against a user of it arriving now
            if (d.affectedAccounts() == null || d.affectedAccounts().isEmpty()) {
                NotificationStore.saveScope(c, d.outageId(), d.application(), d.startedAt(), null);
            }
            List<String> accounts = affected(c, d.affectedAccounts(), d.application());
            webhooks(c, e, raw, accounts, now);
            for (String accountId : accounts) {
                OutageRow row = new OutageRow(
                        d.outageId(),
                        accountId,
                        d.application(),
                        d.startedAt(),
                        null,
                        OutageNoticeRule.checkAt(d.startedAt(), null).orElse(null),
                        null,
                        null,
                        null);
                NotificationStore.saveOutage(c, row);
                judgeOutage(c, row, now);
            }
        } else if (data instanceof OutageEnded end) {
            if (end.affectedAccounts() == null || end.affectedAccounts().isEmpty()) {
                NotificationStore.saveScope(c, end.outageId(), end.application(), end.startedAt(), end.endedAt());
            }
            List<OutageRow> rows = NotificationStore.outages(c, end.outageId());
            List<String> accounts = rows.isEmpty()
                    ? affected(c, end.affectedAccounts(), end.application())
                    : rows.stream().map(OutageRow::accountId).toList();
            webhooks(c, e, raw, accounts, now);
            if (rows.isEmpty()) {
                rows = accounts.stream()
                        .map(a -> new OutageRow(
                                end.outageId(), a, end.application(), end.startedAt(), null, null, null, null, null))
                        .toList();
            }
            for (OutageRow row : rows) {
                OutageRow ended = new OutageRow(
                        row.outageId(),
                        row.accountId(),
                        row.application(),
                        row.startedAt(),
                        end.endedAt(),
                        row.verdict() == null ? end.endedAt() : null,
                        row.verdict(),
                        row.reason(),
                        row.decidedAt());
                NotificationStore.saveOutage(c, ended);
                if (ended.verdict() == null) {
                    judgeOutage(c, ended, now);
                }
            }
        } else if (data instanceof MaintenanceScheduled m) {
            NotificationStore.lockAccount(c, "application:" + m.application()); // against a user of it arriving now
            if (m.affectedAccounts() == null || m.affectedAccounts().isEmpty()) {
                NotificationStore.saveMaintenanceScope(c, e.id(), m.application(), raw.headers(), raw.body());
            }
            List<String> accounts = affected(c, m.affectedAccounts(), m.application());
            webhooks(c, e, raw, accounts, now);
            for (String accountId : accounts) {
                maintenance(c, e, m, accountId, now);
            }
        } else {
            OutageEvent o = (OutageEvent) data;
            webhooks(
                    c,
                    e,
                    raw,
                    NotificationStore.outages(c, o.outageId()).stream()
                            .map(OutageRow::accountId)
                            .toList(),
                    now);
        }
    }

    private List<String> affected(Connection c, List<String> listed, String application) throws SQLException {
        return listed != null && !listed.isEmpty() ? listed : NotificationStore.accountsUsing(c, application);
    }

    /** The unplanned-outage rule for one account: wait, notify, record only, or nothing (too short). */
    private void judgeOutage(Connection c, OutageRow row, Instant now) throws SQLException {
        Optional<AccountProfile> account = NotificationStore.account(c, row.accountId());
        BusinessCalendar hours = calendar(account.orElse(null));
        OutageNoticeRule.Verdict verdict = OutageNoticeRule.judge(row.startedAt(), row.endedAt(), now, hours);
        if (verdict == OutageNoticeRule.Verdict.NOT_YET) {
            NotificationStore.saveOutage(
                    c,
                    new OutageRow(
                            row.outageId(),
                            row.accountId(),
                            row.application(),
                            row.startedAt(),
                            row.endedAt(),
                            OutageNoticeRule.checkAt(row.startedAt(), row.endedAt())
                                    .orElse(null),
                            null,
                            null,
                            null));
            return;
        }
        OutageNoticeVerdict decided;
        String reason;
        int recipients = 0;
        switch (verdict) {
            case NOTIFY -> {
                decided = OutageNoticeVerdict.NOTIFIED;
                Duration late = Duration.between(row.startedAt().plus(OutageNoticeRule.DEADLINE), now);
                reason = "more than 30 minutes, started in support hours (" + hours.id() + ")"
                        + (late.isNegative()
                                ? ""
                                : "; notice sent " + late.toMinutes() + " min after the 1-hour limit");
                if (account.isPresent()) {
                    Set<String> to = contacts(account.get(), null);
                    if (account.get().outageNotificationList() != null) {
                        for (String a : account.get().outageNotificationList()) {
                            Optional.ofNullable(address(a)).ifPresent(to::add);
                        }
                    }
                    SupportLanguage lang = account.get().language();
                    Map<String, String> d = new HashMap<>();
                    d.put("account", nz(account.get().name()));
                    d.put("application", row.application());
                    d.put("start", local(row.startedAt(), account.get()));
                    d.put(
                            "detail",
                            row.endedAt() == null
                                    ? Labels.word(lang, "ONGOING")
                                    : Labels.word(lang, "ENDED", local(row.endedAt(), account.get())));
                    recipients = queueEmails(
                            c,
                            "outage-notice/" + row.outageId(),
                            Catalog.of(OutageDeclared.class).type(),
                            row.accountId(),
                            row.outageId(),
                            account.get(),
                            NotificationKind.OUTAGE,
                            d,
                            to,
                            now);
                } else {
                    reason += "; but account " + row.accountId() + " is unknown: nobody to tell";
                }
            }
            case RECORD_ONLY_OUTSIDE_HOURS -> {
                decided = OutageNoticeVerdict.RECORDED_OUTSIDE_SUPPORT_HOURS;
                reason = "more than 30 minutes, but started outside support hours (" + hours.id()
                        + "): recorded for the monthly report, nothing sent";
            }
            default -> {
                decided = OutageNoticeVerdict.TOO_SHORT;
                reason = "ended within 30 minutes: nothing to send";
            }
        }
        LOG.infof("Outage %s for %s: %s (%s)", row.outageId(), row.accountId(), decided, reason);
        NotificationStore.saveOutage(
                c,
                new OutageRow(
                        row.outageId(),
                        row.accountId(),
                        row.application(),
                        row.startedAt(),
                        row.endedAt(),
                        null,
                        decided,
                        reason,
                        now));
        publish(
                c,
                "outage-notice/" + row.outageId() + "/" + row.accountId(),
                row.outageId(),
                row.accountId(),
                new OutageNoticeDecided(
                        row.outageId(),
                        row.accountId(),
                        row.application(),
                        row.startedAt(),
                        row.endedAt(),
                        decided,
                        recipients,
                        reason,
                        now),
                now);
    }

    private void maintenance(Connection c, CloudEvent e, MaintenanceScheduled m, String accountId, Instant now)
            throws SQLException {
        Optional<AccountProfile> account = NotificationStore.account(c, accountId);
        if (account.isEmpty()) {
            failed(
                    c,
                    e,
                    accountId,
                    NotificationChannel.EMAIL,
                    NotificationKind.MAINTENANCE,
                    "account " + accountId + " is unknown: no maintenance notice",
                    now);
            return;
        }
        AccountProfile a = account.get();
        MaintenanceNoticeRule.Notice notice =
                MaintenanceNoticeRule.judge(m.at(), m.windowStart(), m.emergency(), calendar(a));
        if (!notice.sufficient()) {
            LOG.warnf(
                    "Maintenance %s announced to %s with %d business days of notice (%d required): flagged",
                    m.outageId(), accountId, notice.businessDays(), MaintenanceNoticeRule.NOTICE_BUSINESS_DAYS);
        }
        Set<String> to = contacts(a, null);
        if (a.outageNotificationList() != null) {
            for (String address : a.outageNotificationList()) {
                Optional.ofNullable(address(address)).ifPresent(to::add);
            }
        }
        Map<String, String> d = new HashMap<>();
        d.put("account", nz(a.name()));
        d.put("application", m.application());
        d.put("start", local(m.windowStart(), a));
        d.put("end", local(m.windowEnd(), a));
        d.put(
                "detail",
                notice.emergency()
                        ? Labels.word(a.language(), "EMERGENCY")
                        : notice.sufficient() ? "" : Labels.word(a.language(), "SHORT_NOTICE"));
        int recipients =
                queueEmails(c, e.id(), e.type(), accountId, m.outageId(), a, NotificationKind.MAINTENANCE, d, to, now);
        publish(
                c,
                "maintenance-notice/" + e.id() + "/" + accountId,
                m.outageId(),
                accountId,
                new MaintenanceNoticeJudged(
                        m.outageId(),
                        accountId,
                        m.application(),
                        m.windowStart(),
                        m.windowEnd(),
                        notice.businessDays(),
                        MaintenanceNoticeRule.NOTICE_BUSINESS_DAYS,
                        notice.sufficient(),
                        notice.emergency(),
                        recipients,
                        now),
                now);
    }

    // ---- deliveries ---------------------------------------------------------------------------------------------

    /** Renders and queues one e-mail per distinct address; returns how many addresses there were. */
    private int queueEmails(
            Connection c,
            String triggerId,
            String triggerType,
            String accountId,
            String subjectId,
            AccountProfile account,
            NotificationKind kind,
            Map<String, String> data,
            Set<String> recipients,
            Instant now)
            throws SQLException {
        Optional<MailTemplates.Rendered> rendered = templates.render(kind, account.language(), data);
        if (rendered.isEmpty()) {
            publish(
                    c,
                    "failed/" + triggerId + "/EMAIL",
                    subjectId,
                    accountId,
                    new NotificationFailed(
                            null,
                            subjectId,
                            accountId,
                            NotificationChannel.EMAIL,
                            kind,
                            null,
                            triggerId,
                            triggerType,
                            "no " + kind + " template, not even English",
                            false,
                            0,
                            now),
                    now);
            return 0;
        }
        MailTemplates.Rendered r = rendered.get();
        for (String to : recipients) {
            NotificationStore.addDelivery(
                    c,
                    new Delivery(
                            deliveryId(triggerId, NotificationChannel.EMAIL, to),
                            triggerId,
                            triggerType,
                            NotificationChannel.EMAIL,
                            kind,
                            to,
                            accountId,
                            subjectId,
                            r.language(),
                            r.fallback(),
                            r.subject(),
                            r.body().getBytes(StandardCharsets.UTF_8),
                            null,
                            NotificationStore.State.PENDING,
                            0,
                            now,
                            null,
                            now,
                            null,
                            null));
        }
        return recipients.size();
    }

    /** Queues the event, as a structured CloudEvent, for each subscription that wants it and may see it. */
    private void webhooks(Connection c, CloudEvent e, Received raw, List<String> accounts, Instant now)
            throws SQLException {
        List<Subscription> subscriptions = NotificationStore.subscriptions(c);
        if (subscriptions.isEmpty()) {
            return;
        }
        byte[] body = null;
        for (Subscription s : subscriptions) {
            if (!Subscriptions.wants(s, e.type(), accounts)) {
                continue;
            }
            if (body == null) {
                body = structured(raw);
            }
            String account =
                    accounts.stream().filter(s.accounts()::contains).findFirst().orElse(null);
            NotificationStore.addDelivery(
                    c,
                    new Delivery(
                            deliveryId(e.id(), NotificationChannel.WEBHOOK, s.id()),
                            e.id(),
                            e.type(),
                            NotificationChannel.WEBHOOK,
                            NotificationKind.EVENT,
                            s.id(),
                            account,
                            e.subject(),
                            null,
                            false,
                            null,
                            body,
                            s.url(),
                            NotificationStore.State.PENDING,
                            0,
                            now,
                            null,
                            now,
                            null,
                            null));
        }
    }

    /** The Kafka record as a CloudEvents 1.0 structured-mode JSON document. */
    static byte[] structured(Received raw) {
        Map<String, String> h = raw.headers();
        ObjectNode n = JSON.createObjectNode();
        n.put("specversion", h.getOrDefault(CloudEventCodec.SPEC_VERSION, "1.0"));
        n.put("id", h.get(CloudEventCodec.ID));
        n.put("type", h.get(CloudEventCodec.TYPE));
        n.put("source", h.get(CloudEventCodec.SOURCE));
        n.put("subject", h.get(CloudEventCodec.SUBJECT));
        n.put("time", h.get(CloudEventCodec.TIME));
        n.put("datacontenttype", CloudEventCodec.JSON);
        if (h.containsKey(CloudEventCodec.DATA_SCHEMA)) {
            n.put("dataschema", h.get(CloudEventCodec.DATA_SCHEMA));
        }
        if (h.containsKey(CloudEventCodec.SEQUENCE)) {
            n.put("sequence", h.get(CloudEventCodec.SEQUENCE));
        }
        if (h.containsKey(CloudEventCodec.ACCOUNT_ID)) {
            n.put("accountid", h.get(CloudEventCodec.ACCOUNT_ID));
        }
        try {
            JsonNode data = JSON.readTree(raw.body());
            n.set("data", data);
            return JSON.writeValueAsBytes(n);
        } catch (IOException ex) {
            throw new IllegalStateException("A decoded event's body is not JSON", ex);
        }
    }

    public static String deliveryId(String triggerId, NotificationChannel channel, String recipient) {
        return UUID.nameUUIDFromBytes((triggerId + "\n" + channel + "\n" + recipient).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    // ---- outcomes -----------------------------------------------------------------------------------------------

    private void failed(
            Connection c,
            CloudEvent e,
            String accountId,
            NotificationChannel channel,
            NotificationKind kind,
            String reason,
            Instant now)
            throws SQLException {
        String subject = e.subject() == null ? "-" : e.subject();
        publish(
                c,
                "failed/" + e.id() + "/" + channel,
                subject,
                accountId,
                new NotificationFailed(
                        null, subject, accountId, channel, kind, null, e.id(), e.type(), reason, false, 0, now),
                now);
    }

    /** Writes an outcome to the outbox; its id derives from {@code key}, so a repeat is recognisable. */
    static void publish(Connection c, String key, String subjectId, String accountId, Object data, Instant now)
            throws SQLException {
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        CloudEvent envelope =
                new CloudEvent(id, Catalog.of(data.getClass()).type(), SOURCE, subjectId, now, null, accountId, data);
        NotificationStore.OUTBOX.enqueue(
                c,
                List.of(new Outbox.Outgoing(
                        Topics.NOTIFICATION_EVENTS,
                        subjectId,
                        CloudEventCodec.headers(envelope),
                        CloudEventCodec.body(data))));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String accountOf(CloudEvent e) {
        if (e.accountId() != null) {
            return e.accountId();
        }
        Object d = e.data();
        return d instanceof TicketEvent t
                ? t.accountId()
                : d instanceof SlaEvent s ? s.accountId() : d instanceof EscalationEvent x ? x.accountId() : null;
    }

    private static String byOf(Object data) {
        try {
            return (String) data.getClass().getMethod("by").invoke(data);
        } catch (ReflectiveOperationException ex) {
            return null;
        }
    }

    private BusinessCalendar calendar(AccountProfile account) {
        String region = account == null || account.region() == null
                ? "europe"
                : account.region().name().toLowerCase(Locale.ROOT);
        return calendars.get(region);
    }

    private String local(Instant t, AccountProfile account) {
        if (t == null) {
            return "";
        }
        ZoneId zone = calendar(account).zone();
        return WHEN.format(t.atZone(zone)) + " (" + zone.getId() + ")";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
