package com.supportdesk.notification.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.event.AccountEvent;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.EscalationEvent;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.OutageEvent;
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
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.notification.mail.MailTemplates;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.OutageRow;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.notification.store.NotificationStore.TicketInfo;
import com.supportdesk.notification.store.NotificationStore.Waiting;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Received;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Turns events into deliveries. Each event is handled once (its id is remembered in the same transaction as what it
 * caused), and each delivery's id is derived from the event and the recipient ({@link DeliveryIds}), so neither a
 * redelivered event nor a restart can queue a second message to the same person. Deliveries are sent later by
 * {@link DeliveryWorker}.
 *
 * <p>This class keeps the order of things: an event waits for its account's profile or its ticket's opening, and is
 * released when they arrive. The jobs are elsewhere: {@link TicketNotices} decides what e-mail an event causes and to
 * whom ({@link Recipients}), {@link OutageCoordinator} applies the outage and maintenance notice rules,
 * {@link WebhookFanOut} queues the webhooks ({@link StructuredCloudEvent} encodes them), {@link EmailQueue} renders
 * and queues the e-mails, {@link Outcomes} publishes what happened.
 */
public final class NotificationProcessor {
    private static final Logger LOG = Logger.getLogger(NotificationProcessor.class);
    private static final ObjectMapper JSON = CloudEventCodec.mapper();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    public static final String SOURCE = Outcomes.SOURCE;

    /** Where escalation points that are not a person of the account are reached, and how long to wait for one. */
    /** @param portalUrl the customer space, whose ticket pages the e-mails link to */
    public record Settings(
            Map<EscalationTarget, String> escalationAddresses,
            Duration accountWait,
            Duration seenRetention,
            String portalUrl,
            Duration deliveryRetention) {}

    private final DataSource dataSource;
    private final Clock clock;
    private final Settings settings;
    private final EmailQueue emails;
    private final TicketNotices notices;
    private final OutageCoordinator outages;

    public NotificationProcessor(
            DataSource dataSource,
            MailTemplates templates,
            Calendars calendars,
            com.supportdesk.support.Regions regions,
            Clock clock,
            Settings settings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
        AccountCalendars accountCalendars = new AccountCalendars(calendars, regions);
        this.emails = new EmailQueue(templates);
        this.notices = new TicketNotices(new Recipients(settings.escalationAddresses()), accountCalendars);
        this.outages = new OutageCoordinator(emails, accountCalendars);
    }

    // ---- consumers ----------------------------------------------------------------------------------------------

    /**
     * The events that may cause an e-mail or keep state the e-mails need (the ticket's reference, its severity):
     * what {@link TicketNotices} sends, plus outages and maintenance. Keep in step with it ({@code ConcernsTest}). Any other
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
            com.supportdesk.contract.event.TicketScopeFlagged.class,
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

    /**
     * The active webhook subscriptions as a poll of events began (set by the consumers before each poll): the events
     * of the poll are fanned out to these without reading them again for each event. Null until a poll set it (the
     * events are then fanned out to the subscriptions read in their transaction).
     */
    private volatile List<Subscription> pollSubscriptions;

    /**
     * Reads the active webhook subscriptions for the poll about to be applied and returns their event-type patterns
     * (a subscription made since counts from the next poll on).
     */
    public List<List<String>> subscribedPatterns() {
        List<Subscription> active = Jdbc.inTransaction(dataSource, NotificationStore::subscriptions);
        pollSubscriptions = active;
        return active.stream().map(Subscription::eventTypes).toList();
    }

    /**
     * What a poll of events found before its events are handled, in four statements whatever its size: which of its
     * events are new (marked handled, as one insert), the accounts they concern locked (in id order) and their
     * profiles read, and the tickets they are about ({@code ticketsRead}: the ids asked for; {@code tickets}: those
     * stored, kept current by the poll's own openings and reclassifications). The lock is held to the end of the
     * poll's transaction, so the profiles cannot change meanwhile. {@code queued} and {@code changed}: the deliveries
     * its events caused and the tickets they opened or reclassified, written by one statement each at the poll's end
     * ({@link #written}) instead of one per event.
     */
    public record Poll(
            Instant now,
            Set<String> firstTime,
            Map<String, AccountProfile> accounts,
            Set<String> ticketsRead,
            Map<String, TicketInfo> tickets,
            List<NotificationStore.Delivery> queued,
            Map<String, TicketInfo> changed)
            implements DeliverySink {

        /** Keeps an event's deliveries for the poll's one insert. */
        @Override
        public void add(Connection c, List<NotificationStore.Delivery> deliveries) {
            queued.addAll(deliveries);
        }

        /**
         * Keeps a ticket an event opened or reclassified for the poll's one upsert. The poll's later events read it
         * from {@link #tickets} (every ticket they are about was asked for as the poll began); one that was not asked
         * for is written at once.
         */
        @Override
        public void ticketChanged(Connection c, TicketInfo ticket) throws SQLException {
            if (ticketsRead.contains(ticket.ticketId())) {
                tickets.put(ticket.ticketId(), ticket);
                changed.put(ticket.ticketId(), ticket);
            } else {
                NotificationStore.saveTicket(c, ticket);
            }
        }

        /** The stored ticket, from the poll's read when it asked for it, else from the database. */
        Optional<TicketInfo> ticket(Connection c, String ticketId) throws SQLException {
            return ticketsRead.contains(ticketId)
                    ? Optional.ofNullable(tickets.get(ticketId))
                    : NotificationStore.ticket(c, ticketId);
        }

        /** What an event left stored of its ticket, for the poll's later events. */
        void stored(Optional<TicketInfo> ticket) {
            ticket.ifPresent(t -> {
                if (ticketsRead.contains(t.ticketId())) {
                    tickets.put(t.ticketId(), t);
                }
            });
        }
    }

    /** Looks up what a poll's events need at once ({@link Poll}). */
    public Poll poll(Connection c, List<com.supportdesk.support.BatchConsumer.Item> items) throws SQLException {
        Instant now = clock.instant();
        Set<String> ids = new java.util.LinkedHashSet<>();
        items.forEach(i -> ids.add(i.event().id()));
        Set<String> first = NotificationStore.firstTimes(c, ids, now);
        java.util.SortedSet<String> accounts = new java.util.TreeSet<>();
        Set<String> tickets = new java.util.HashSet<>();
        for (com.supportdesk.support.BatchConsumer.Item i : items) {
            String account = first.contains(i.event().id()) && !(i.event().data() instanceof OutageEvent)
                    ? accountOf(i.event())
                    : null;
            if (account != null) {
                accounts.add(account);
                if (aboutATicket(i.event())) {
                    tickets.add(i.event().subject());
                }
            }
        }
        NotificationStore.shareAccounts(c, accounts); // against a profile arriving while these look
        return new Poll(
                now,
                first,
                NotificationStore.accounts(c, accounts),
                tickets,
                new HashMap<>(NotificationStore.tickets(c, tickets)),
                new java.util.ArrayList<>(),
                new java.util.LinkedHashMap<>());
    }

    /**
     * Writes what a poll's events left ({@link Poll#changed} tickets, {@link Poll#queued} deliveries), in its
     * transaction, once they are all handled: one statement per table.
     */
    public void written(Connection c, Poll poll) throws SQLException {
        NotificationStore.saveTickets(c, poll.changed().values());
        NotificationStore.addDeliveries(c, poll.queued());
    }

    /** A record of ticket-events, sla-events or escalation-events, with what its poll found ({@link #poll}). */
    public void event(Connection c, Received in, CloudEvent e, Poll poll) throws SQLException {
        Instant now = poll.now();
        if (!poll.firstTime().remove(e.id())) {
            return; // handled before (a redelivery), or a copy earlier in this poll
        }
        if (e.data() instanceof OutageEvent) {
            outages.handle(c, e, in, now);
            return;
        }
        String accountId = accountOf(e);
        if (accountId == null) {
            return;
        }
        Optional<AccountProfile> account = Optional.ofNullable(poll.accounts().get(accountId));
        if (account.isEmpty()) {
            LOG.infof("%s %s waits for account %s's profile", e.type(), e.id(), accountId);
            NotificationStore.putAside(c, new Waiting(e.id(), accountId, in.headers(), in.body(), now));
            return;
        }
        deliverOrWait(c, e, in, accountId, account.get(), now, poll);
    }

    /**
     * Topics are not ordered among themselves: an SLA or escalation event may overtake its ticket's opening. Such
     * an event waits for the opening (whose reference and title the notices quote); the opening releases it.
     */
    private void deliverOrWait(
            Connection c, CloudEvent e, Received in, String accountId, AccountProfile account, Instant now, Poll poll)
            throws SQLException {
        Optional<TicketInfo> ticket = Optional.empty();
        if (!(e.data() instanceof TicketOpened) && aboutATicket(e)) {
            // read once: the notices quote it too
            ticket = poll != null ? poll.ticket(c, e.subject()) : NotificationStore.ticket(c, e.subject());
            if (ticket.isEmpty()) {
                LOG.infof("%s %s waits for ticket %s to be opened", e.type(), e.id(), e.subject());
                NotificationStore.putAside(
                        c, new Waiting(e.id(), TICKET_WAIT + e.subject(), in.headers(), in.body(), now));
                return;
            }
        }
        DeliverySink sink = poll != null ? poll : DeliverySink.NOW;
        Optional<TicketInfo> after = fanOut(sink, c, e, in, accountId, account, now, ticket);
        if (poll != null) {
            poll.stored(after);
        }
        if (e.data() instanceof TicketOpened o) {
            for (Waiting w : NotificationStore.takeWaiting(c, TICKET_WAIT + o.ticketId())) {
                CloudEvent waited = CloudEventCodec.decode(w.headers(), w.body());
                after = fanOut(
                        sink,
                        c,
                        waited,
                        new Received(null, waited.subject(), w.headers(), w.body()),
                        accountId,
                        account,
                        now,
                        after.filter(t -> t.ticketId().equals(waited.subject())));
            }
            if (poll != null) {
                poll.stored(after); // a reclassification that waited for the opening
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
        if (!(e.data() instanceof AccountEvent event) || event.profile() == null) {
            return;
        }
        AccountProfile profile = event.profile(); // registered or updated: the full, latest profile
        String accountId = event.accountId();
        Instant now = clock.instant();
        NotificationStore.lockAccount(c, accountId);
        boolean firstSeen = NotificationStore.account(c, accountId).isEmpty();
        NotificationStore.saveAccount(c, accountId, profile);
        outages.accountArrived(c, accountId, profile, firstSeen, now);
        for (Waiting w : NotificationStore.takeWaiting(c, accountId)) {
            CloudEvent waited = CloudEventCodec.decode(w.headers(), w.body());
            deliverOrWait(
                    c,
                    waited,
                    new Received(null, waited.subject(), w.headers(), w.body()),
                    accountId,
                    profile,
                    now,
                    null);
        }
    }

    /** A record of report-events: a monthly report issued for delivery to the account's designated contacts. */
    public void reportEvent(Connection c, CloudEvent e) throws SQLException {
        if (!(e.data() instanceof com.supportdesk.contract.event.ReportIssued r)) {
            return;
        }
        Instant now = clock.instant();
        if (!NotificationStore.firstTime(c, e.id(), now)) {
            return; // handled before: a redelivery
        }
        NotificationStore.lockAccount(c, r.accountId());
        Optional<AccountProfile> account = NotificationStore.account(c, r.accountId());
        if (account.isEmpty()) {
            Outcomes.failed(
                    c,
                    e,
                    r.accountId(),
                    NotificationChannel.EMAIL,
                    com.supportdesk.contract.model.NotificationKind.MONTHLY_REPORT,
                    "account " + r.accountId() + " is unknown here: no recipient for its monthly report",
                    now);
            return;
        }
        int queued = ReportDeliveries.queue(c, e, r, account.get(), now);
        LOG.infof(
                "Monthly report %s of %s (issue %d): %d e-mail(s) queued", r.month(), r.accountId(), r.issue(), queued);
    }

    // ---- timers -------------------------------------------------------------------------------------------------

    /** Outage checks that are due, and events that waited too long for their account. Returns how many it did. */
    public int fireDue(Instant now, int limit) {
        return Jdbc.inTransaction(dataSource, c -> {
            int done = 0;
            for (OutageRow row : NotificationStore.dueOutages(c, now, limit)) {
                outages.judge(c, row, now);
                done++;
            }
            for (Waiting w : NotificationStore.takeExpired(c, now.minus(settings.accountWait()))) {
                CloudEvent e = CloudEventCodec.decode(w.headers(), w.body());
                // waited for its ticket's opening, which never came: told all the same, by ticket id
                String account = w.accountId().startsWith(TICKET_WAIT) ? accountOf(e) : w.accountId();
                Optional<AccountProfile> arrived = NotificationStore.account(c, account);
                if (arrived.isPresent()) { // it came after all
                    fanOut(
                            DeliverySink.NOW,
                            c,
                            e,
                            new Received(null, e.subject(), w.headers(), w.body()),
                            account,
                            arrived.get(),
                            now,
                            Optional.empty());
                    done++;
                    continue;
                }
                String reason = "account " + account + " is unknown (no profile on account-events after "
                        + settings.accountWait() + "): no recipient";
                LOG.warnf("%s %s: %s", e.type(), e.id(), reason);
                Outcomes.failed(c, e, account, NotificationChannel.EMAIL, notices.kindOf(e.data()), reason, now);
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

    /** Deliveries purged in one transaction: the purge never holds many rows at once, nor the table for long. */
    static final int PURGE_SLICE = 1000;

    /**
     * Purges the deliveries sent longer ago than their retention ({@code support.notification.delivery-retention}),
     * a slice per transaction, until none is left; returns how many went.
     */
    public long purgeSent(Instant now) {
        Instant before = now.minus(settings.deliveryRetention());
        long purged = 0;
        int slice;
        do {
            slice = Jdbc.inTransaction(dataSource, c -> NotificationStore.purgeSentBefore(c, before, PURGE_SLICE));
            purged += slice;
        } while (slice == PURGE_SLICE);
        return purged;
    }

    // ---- ticket, SLA and escalation events ----------------------------------------------------------------------

    /**
     * Queues the webhook deliveries and e-mails of one event. {@code known}: its ticket as read by the caller in this
     * transaction (empty: read here if a notice needs it); the deliveries and the ticket's new state go to
     * {@code sink}. Returns the ticket as it is after the event, when known.
     */
    private Optional<TicketInfo> fanOut(
            DeliverySink sink,
            Connection c,
            CloudEvent e,
            Received raw,
            String accountId,
            AccountProfile account,
            Instant now,
            Optional<TicketInfo> known)
            throws SQLException {
        List<Subscription> subscriptions = pollSubscriptions;
        WebhookFanOut.queue(
                sink,
                c,
                e,
                raw,
                List.of(accountId),
                now,
                subscriptions != null ? subscriptions : NotificationStore.subscriptions(c));
        Object data = e.data();
        Optional<TicketInfo> ticket = known;
        if (data instanceof TicketOpened o) {
            TicketInfo opened = new TicketInfo(
                    o.ticketId(),
                    o.accountId(),
                    o.reference(),
                    o.title(),
                    o.severity().name());
            sink.ticketChanged(c, opened);
            ticket = Optional.of(opened);
        } else if (data instanceof SeverityReclassified r) {
            ticket = known.map(t -> new TicketInfo(
                    t.ticketId(),
                    t.accountId(),
                    t.reference(),
                    t.title(),
                    r.toSeverity().name()));
            if (ticket.isPresent()) {
                sink.ticketChanged(c, ticket.get());
            } else {
                NotificationStore.updateSeverity(c, r.ticketId(), r.toSeverity().name());
            }
        }
        TicketNotices.Notice notice = notices.of(data, account);
        if (!notice.sends()) {
            return ticket;
        }
        if (notice.recipients().isEmpty()) {
            Outcomes.failed(
                    c,
                    e,
                    accountId,
                    NotificationChannel.EMAIL,
                    notice.kind(),
                    "account " + accountId + " has no e-mail address for a " + notice.kind() + " notice",
                    now);
            return ticket;
        }
        Map<String, String> d = ticketData(c, e.subject(), account, ticket);
        d.putAll(notice.data());
        if (TicketNotices.WORKSPACE.equals(d.remove(TicketNotices.LINK_TO)) && e.subject() != null) {
            // to the vendor's people: the ticket's page in the agent workspace, not the customer's
            d.put(
                    "link",
                    settings.portalUrl().replaceAll("/+$", "") + "/agent/tickets/"
                            + java.net.URLEncoder.encode(e.subject(), java.nio.charset.StandardCharsets.UTF_8));
        }
        emails.queue(
                sink, c, e.id(), e.type(), accountId, e.subject(), account, notice.kind(), d, notice.recipients(), now);
        return ticket;
    }

    private Map<String, String> ticketData(
            Connection c, String ticketId, AccountProfile account, Optional<TicketInfo> known) throws SQLException {
        Map<String, String> d = new HashMap<>();
        d.put("account", nz(account.name()));
        Optional<TicketInfo> t = ticketId == null
                ? Optional.empty()
                : known.filter(k -> ticketId.equals(k.ticketId())).isPresent()
                        ? known
                        : NotificationStore.ticket(c, ticketId);
        d.put("reference", t.map(TicketInfo::reference).orElse(nz(ticketId)));
        d.put("title", t.map(TicketInfo::title).orElse(""));
        d.put("severity", t.map(TicketInfo::severity).orElse(""));
        // the ticket's page in the customer space (for the vendor's people, the agent workspace's: see above)
        d.put(
                "link",
                ticketId == null
                        ? ""
                        : settings.portalUrl().replaceAll("/+$", "") + "/tickets/"
                                + java.net.URLEncoder.encode(ticketId, java.nio.charset.StandardCharsets.UTF_8));
        return d;
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

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
