package com.supportdesk.escalation.engine;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.event.AccountEvent;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.escalation.rules.AccountFacts;
import com.supportdesk.escalation.rules.Decision;
import com.supportdesk.escalation.rules.EscalationPolicies;
import com.supportdesk.escalation.rules.EscalationPolicy;
import com.supportdesk.escalation.rules.Evaluation;
import com.supportdesk.escalation.rules.PriorityRequestRule;
import com.supportdesk.escalation.rules.TicketFacts;
import com.supportdesk.escalation.rules.TicketFactsFold;
import com.supportdesk.escalation.store.EscalationStore;
import com.supportdesk.escalation.store.EscalationStore.Breach;
import com.supportdesk.escalation.store.EscalationStore.TicketRow;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * escalation-service's flow for each record, in the poll's transaction: fold the ticket, SLA and account events into
 * facts ({@link TicketFactsFold}), evaluate the rules on them ({@link Evaluation}, pure), act on each decision once
 * ({@link DecisionActions}: the decision by key, the command on {@code ticket-commands} and the
 * {@code escalation-events} record committed together through the outbox), and store the ticket with its next check.
 */
public final class EscalationProcessor {
    private static final Logger LOG = Logger.getLogger(EscalationProcessor.class);
    public static final String SOURCE = "escalation-service";

    private final DataSource dataSource;
    private final EscalationPolicies policies;
    private final Calendars calendars;
    private final com.supportdesk.support.Regions regions;
    private final Clock clock;

    public EscalationProcessor(
            DataSource dataSource,
            EscalationPolicies policies,
            Calendars calendars,
            com.supportdesk.support.Regions regions,
            Clock clock) {
        this.dataSource = dataSource;
        this.policies = policies;
        this.calendars = calendars;
        this.regions = regions;
        this.clock = clock;
    }

    // ---- a poll of ticket or SLA events ---------------------------------------------------------------------------

    /**
     * What a poll of ticket-events or sla-events works on: its tickets locked and read with their accounts' facts in
     * one statement, the breaches that waited for the tickets it opens taken in one, the tickets as its events leave
     * them, and those it changed, written back in one upsert at its end ({@link #endPoll}). Two statements an event
     * before (issue 32).
     */
    public static final class TicketPoll {
        private final Map<String, EscalationStore.LockedTicket> tickets;
        private final Map<String, Breach> early;
        private final Map<String, AccountFacts> accounts = new HashMap<>();
        private final Map<String, TicketRow> changed = new LinkedHashMap<>();

        private TicketPoll(Map<String, EscalationStore.LockedTicket> tickets, Map<String, Breach> early) {
            this.tickets = tickets;
            this.early = early;
        }

        private Optional<EscalationStore.LockedTicket> ticket(String ticketId) {
            return Optional.ofNullable(tickets.get(ticketId));
        }

        /** The account's facts: as read with one of its tickets, else read once for the poll. */
        private AccountFacts account(Connection c, String accountId) throws SQLException {
            if (accountId == null) {
                return null;
            }
            if (!accounts.containsKey(accountId)) {
                accounts.put(accountId, EscalationStore.account(c, accountId).orElse(null));
            }
            return accounts.get(accountId);
        }

        private void store(TicketRow row, AccountFacts account) {
            String id = row.facts().ticketId();
            tickets.put(id, new EscalationStore.LockedTicket(row, account));
            changed.put(id, row);
        }
    }

    /** Locks and reads what a poll's ticket and SLA events are about ({@link TicketPoll}). */
    public TicketPoll poll(Connection c, List<BatchConsumer.Item> items) throws SQLException {
        Set<String> ids = new TreeSet<>();
        Set<String> opened = new TreeSet<>();
        for (BatchConsumer.Item item : items) {
            Object data = item.event().data();
            if (data instanceof TicketEvent t && item.event().sequence() != null) {
                ids.add(t.ticketId());
                if (t instanceof TicketOpened) {
                    opened.add(t.ticketId());
                }
            } else if (data instanceof SlaBreached b) {
                ids.add(b.ticketId());
            }
        }
        Map<String, EscalationStore.LockedTicket> locked = EscalationStore.lockTicketsWithAccount(c, ids);
        opened.removeAll(locked.keySet());
        TicketPoll poll = new TicketPoll(locked, EscalationStore.takeEarlyBreaches(c, opened));
        locked.values().forEach(t -> {
            if (t.account() != null) {
                poll.accounts.put(t.account().accountId(), t.account());
            }
        });
        return poll;
    }

    /** Writes the tickets the poll's events changed. */
    public void endPoll(Connection c, TicketPoll poll) throws SQLException {
        EscalationStore.saveTickets(c, List.copyOf(poll.changed.values()));
    }

    // ---- ticket-events ------------------------------------------------------------------------------------------

    /** A record of ticket-events, in the poll's transaction. */
    public void ticketEvent(Connection c, CloudEvent e, TicketPoll poll) throws SQLException {
        if (!(e.data() instanceof TicketEvent event) || e.sequence() == null) {
            return;
        }
        Optional<EscalationStore.LockedTicket> locked = poll.ticket(event.ticketId());
        Optional<TicketRow> stored = locked.map(EscalationStore.LockedTicket::row);
        if (stored.isEmpty() && !(event instanceof TicketOpened)) {
            LOG.warnf("%s #%d of unknown ticket %s ignored", e.type(), e.sequence(), event.ticketId());
            return;
        }
        long last = stored.map(TicketRow::lastSequence).orElse(-1L);
        if (e.sequence() <= last) {
            return; // a duplicate: applied before
        }
        if (e.sequence() > last + 1) {
            LOG.warnf(
                    "Gap on %s: #%d after #%d (applied; escalation decisions depend only on the facts)",
                    event.ticketId(), e.sequence(), last);
        }
        TicketFacts facts = TicketFactsFold.fold(stored.map(TicketRow::facts).orElse(null), event);
        Breach breach = stored.map(TicketRow::breach).orElse(null);
        if (stored.isEmpty()) {
            breach = poll.early.remove(event.ticketId());
        }
        AccountFacts account = locked.isPresent()
                        && java.util.Objects.equals(
                                facts.accountId(), stored.get().facts().accountId())
                ? locked.get().account()
                : poll.account(c, facts.accountId());
        Instant now = clock.instant();
        if (event instanceof PriorityHandlingRequested request) {
            Optional<Decision> d = PriorityRequestRule.decide(facts, account, request, regionCalendar(account), e.id());
            if (d.isPresent()) {
                DecisionActions.act(c, facts, d.get(), e.id(), now);
            }
        }
        poll.store(evaluateAndAct(c, facts, e.sequence(), breach, account, now, e.id()), account);
    }

    // ---- sla-events ---------------------------------------------------------------------------------------------

    /** The SLA events escalation-service acts on; the others are skipped before they are decoded. */
    public static final Set<String> SLA_TYPES =
            Set.of(Catalog.of(SlaBreached.class).type());

    /** A record of sla-events, in the poll's transaction. */
    public void slaEvent(Connection c, CloudEvent e, TicketPoll poll) throws SQLException {
        if (!(e.data() instanceof SlaBreached breach)) {
            return;
        }
        Breach b = new Breach(breach.clock(), breach.target(), breach.deadline(), e.id());
        Optional<EscalationStore.LockedTicket> stored = poll.ticket(breach.ticketId());
        if (stored.isEmpty()) {
            // the breach overtook the ticket's opening (another topic): kept until the ticket arrives
            EscalationStore.saveEarlyBreach(c, breach.ticketId(), b);
            return;
        }
        TicketRow row = stored.get().row();
        if (row.breach() != null) {
            return; // the first breach decides; later ones change nothing
        }
        TicketFacts facts = row.facts();
        AccountFacts account = stored.get().account();
        poll.store(evaluateAndAct(c, facts, row.lastSequence(), b, account, clock.instant(), e.id()), account);
    }

    // ---- account-events -----------------------------------------------------------------------------------------

    /** A record of account-events, in the poll's transaction. */
    public void accountEvent(Connection c, CloudEvent e) throws SQLException {
        if (!(e.data() instanceof AccountEvent event)) {
            return;
        }
        AccountProfile p = event.profile(); // registered or updated: the full, latest profile
        if (p == null || p.region() == null) {
            return;
        }
        AccountFacts facts = new AccountFacts(
                event.accountId(),
                p.region(),
                p.supportPlan() == null ? "" : p.supportPlan(),
                Boolean.TRUE.equals(p.priorityHandlingRevoked()),
                p.primaryContact(),
                p.backupContact(),
                p.strategicAccountManager());
        EscalationStore.saveAccount(c, facts, event.at());
    }

    // ---- timed rules --------------------------------------------------------------------------------------------

    /** Evaluates the timed rules of tickets due at {@code now}; returns how many tickets it looked at. */
    public int fireDue(Instant now, int limit) {
        return inTransaction(c -> {
            List<String> due = EscalationStore.due(c, now, limit);
            for (String id : due) {
                Optional<TicketRow> row = EscalationStore.lockTicket(c, id);
                if (row.isPresent()) {
                    TicketFacts facts = row.get().facts();
                    AccountFacts account =
                            EscalationStore.account(c, facts.accountId()).orElse(null);
                    EscalationStore.saveTicket(
                            c,
                            evaluateAndAct(
                                    c,
                                    facts,
                                    row.get().lastSequence(),
                                    row.get().breach(),
                                    account,
                                    now,
                                    null));
                }
            }
            return due.size();
        });
    }

    public Optional<Instant> nextCheck() {
        return inTransaction(EscalationStore::nextCheck);
    }

    public <T> T read(Jdbc.Work<T> work) {
        return inTransaction(work);
    }

    public EscalationPolicy policyFor(AccountFacts account) {
        return policies.forPlan(account == null ? null : account.plan());
    }

    /**
     * Evaluates the rules on the facts as they are now (a breach on a priority ticket, timed rules that are due), acts
     * on each decision once, and returns the ticket to store, with its next check. Called whenever facts change, so
     * the order in which topics deliver does not matter.
     */
    private TicketRow evaluateAndAct(
            Connection c,
            TicketFacts facts,
            long sequence,
            Breach breach,
            AccountFacts account,
            Instant now,
            String triggerId)
            throws SQLException {
        EscalationPolicy policy = policyFor(account);
        BusinessCalendar hours = regionCalendar(account);
        TicketFacts current = facts;
        if (breach != null) {
            Optional<Decision> escalate =
                    Evaluation.onBreach(facts, account, breach.clock(), breach.target(), breach.deadline());
            if (escalate.isPresent()) {
                current = DecisionActions.act(c, current, escalate.get(), breach.eventId(), now);
            }
        }
        for (Decision d : Evaluation.due(current, account, policy, hours, now)) {
            current = DecisionActions.act(c, current, d, triggerId, now);
        }
        Instant next = Evaluation.nextCheck(current, policy, hours, now).orElse(null);
        return new TicketRow(current, sequence, next, breach);
    }

    private BusinessCalendar regionCalendar(AccountFacts account) {
        // the region's calendar as sla-service configures it (a region never heard of: Europe's)
        return calendars.get(regions.calendarOf(account == null ? null : account.region(), "EUROPE"));
    }

    <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, work);
    }
}
