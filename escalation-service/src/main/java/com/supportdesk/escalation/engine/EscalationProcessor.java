package com.supportdesk.escalation.engine;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.command.EscalateTicket;
import com.supportdesk.contract.command.GrantPriorityHandling;
import com.supportdesk.contract.command.RefusePriorityHandling;
import com.supportdesk.contract.command.TransferTicket;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.AccountUpdated;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SeverityReviewRequested;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.event.TicketTransferred;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.escalation.rules.AccountFacts;
import com.supportdesk.escalation.rules.CriticalSituationRule;
import com.supportdesk.escalation.rules.Decision;
import com.supportdesk.escalation.rules.EscalationPolicies;
import com.supportdesk.escalation.rules.EscalationPolicy;
import com.supportdesk.escalation.rules.FunctionalEscalationRule;
import com.supportdesk.escalation.rules.PriorityRequestRule;
import com.supportdesk.escalation.rules.StrategicAccountManagerRule;
import com.supportdesk.escalation.rules.TicketFacts;
import com.supportdesk.escalation.store.EscalationStore;
import com.supportdesk.escalation.store.EscalationStore.Breach;
import com.supportdesk.escalation.store.EscalationStore.DecisionRow;
import com.supportdesk.escalation.store.EscalationStore.TicketRow;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Folds ticket, SLA and account events into what the rules need, asks the rules, and acts on each decision once:
 * the decision (by key), the command on {@code ticket-commands} and the {@code escalation-events} record are
 * committed in one transaction (outbox). Command ids derive from the decision key, so even a re-sent command is
 * recognised by ticket-service.
 */
public final class EscalationProcessor {
    private static final Logger LOG = Logger.getLogger(EscalationProcessor.class);
    public static final String SOURCE = "escalation-service";

    private final DataSource dataSource;
    private final EscalationPolicies policies;
    private final Calendars calendars;
    private final Clock clock;

    public EscalationProcessor(DataSource dataSource, EscalationPolicies policies, Calendars calendars, Clock clock) {
        this.dataSource = dataSource;
        this.policies = policies;
        this.calendars = calendars;
        this.clock = clock;
    }

    // ---- ticket-events ------------------------------------------------------------------------------------------

    /** A record of ticket-events, in the poll's transaction. */
    public void ticketEvent(Connection c, CloudEvent e) throws SQLException {
        if (!(e.data() instanceof TicketEvent event) || e.sequence() == null) {
            return;
        }
        Optional<TicketRow> stored = EscalationStore.lockTicket(c, event.ticketId());
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
        TicketFacts facts = fold(stored.map(TicketRow::facts).orElse(null), event);
        Breach breach = stored.map(TicketRow::breach).orElse(null);
        if (stored.isEmpty()) {
            breach = EscalationStore.takeEarlyBreach(c, event.ticketId()).orElse(null);
        }
        AccountFacts account = EscalationStore.account(c, facts.accountId()).orElse(null);
        Instant now = clock.instant();
        if (event instanceof PriorityHandlingRequested request) {
            Optional<Decision> d = PriorityRequestRule.decide(facts, account, request, regionCalendar(account), e.id());
            if (d.isPresent()) {
                act(c, facts, account, d.get(), e.id(), now);
            }
        }
        save(c, facts, e.sequence(), breach, account, now, e.id());
    }

    static TicketFacts fold(TicketFacts f, TicketEvent event) {
        Instant at = event.at();
        if (event instanceof TicketOpened o) {
            return new TicketFacts(
                    o.ticketId(),
                    o.accountId(),
                    o.severity(),
                    o.impact() == null ? Impact.STANDARD : o.impact(),
                    o.priority(),
                    o.level(),
                    false,
                    false,
                    false,
                    at,
                    at,
                    at,
                    Set.of());
        }
        boolean progress = !(event instanceof PriorityHandlingRequested || event instanceof SeverityReviewRequested);
        Instant lastProgress = progress ? at : f.lastProgressAt();
        var severity = f.severity();
        boolean priority = f.priority();
        var level = f.level();
        Instant levelSince = f.levelSince();
        boolean acknowledged = f.acknowledged();
        boolean resolved = f.resolved();
        boolean closed = f.closed();
        Set<EscalationTarget> escalated =
                f.escalatedTo().isEmpty() ? EnumSet.noneOf(EscalationTarget.class) : EnumSet.copyOf(f.escalatedTo());
        if (event instanceof TicketAcknowledged) {
            acknowledged = true;
        } else if (event instanceof SeverityReclassified s) {
            severity = s.toSeverity();
            priority = s.priority();
        } else if (event instanceof PriorityHandlingGranted) {
            priority = true;
        } else if (event instanceof TicketTransferred t) {
            level = t.toLevel();
            levelSince = at;
        } else if (event instanceof TicketEscalated x) {
            escalated.add(x.target());
        } else if (event instanceof TicketResolved) {
            resolved = true;
        } else if (event instanceof ResolutionRejected) {
            resolved = false;
        } else if (event instanceof TicketClosed) {
            closed = true;
        }
        return new TicketFacts(
                f.ticketId(),
                f.accountId(),
                severity,
                f.impact(),
                priority,
                level,
                acknowledged,
                resolved,
                closed,
                f.openedAt(),
                lastProgress,
                levelSince,
                escalated);
    }

    // ---- sla-events ---------------------------------------------------------------------------------------------

    /** The SLA events escalation-service acts on; the others are skipped before they are decoded. */
    public static final Set<String> SLA_TYPES =
            Set.of(Catalog.of(SlaBreached.class).type());

    /** A record of sla-events, in the poll's transaction. */
    public void slaEvent(Connection c, CloudEvent e) throws SQLException {
        if (!(e.data() instanceof SlaBreached breach)) {
            return;
        }
        Breach b = new Breach(breach.clock(), breach.target(), breach.deadline(), e.id());
        Optional<TicketRow> stored = EscalationStore.lockTicket(c, breach.ticketId());
        if (stored.isEmpty()) {
            // the breach overtook the ticket's opening (another topic): kept until the ticket arrives
            EscalationStore.saveEarlyBreach(c, breach.ticketId(), b);
            return;
        }
        TicketRow row = stored.get();
        if (row.breach() != null) {
            return; // the first breach decides; later ones change nothing
        }
        TicketFacts facts = row.facts();
        AccountFacts account = EscalationStore.account(c, facts.accountId()).orElse(null);
        save(c, facts, row.lastSequence(), b, account, clock.instant(), e.id());
    }

    // ---- account-events -----------------------------------------------------------------------------------------

    /** A record of account-events, in the poll's transaction. */
    public void accountEvent(Connection c, CloudEvent e) throws SQLException {
        AccountProfile p = e.data() instanceof AccountRegistered r
                ? r.profile()
                : e.data() instanceof AccountUpdated u ? u.profile() : null;
        if (p == null || p.region() == null) {
            return;
        }
        String accountId =
                e.data() instanceof AccountRegistered r ? r.accountId() : ((AccountUpdated) e.data()).accountId();
        Instant at = e.data() instanceof AccountRegistered r ? r.at() : ((AccountUpdated) e.data()).at();
        AccountFacts facts = new AccountFacts(
                accountId,
                p.region(),
                p.supportPlan() == null ? "" : p.supportPlan(),
                Boolean.TRUE.equals(p.priorityHandlingRevoked()),
                p.primaryContact(),
                p.backupContact(),
                p.strategicAccountManager());
        EscalationStore.saveAccount(c, facts, at);
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
                    save(c, facts, row.get().lastSequence(), row.get().breach(), account, now, null);
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
     * Acts on what the facts call for now (a breach on a priority ticket, timed rules that are due) and stores the
     * ticket with its next check. Called whenever facts change, so the order in which topics deliver does not matter.
     */
    private void save(
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
        List<Decision> decisions = new ArrayList<>();
        TicketFacts current = facts;
        if (breach != null) {
            Optional<Decision> escalate = StrategicAccountManagerRule.onBreach(
                    facts,
                    account,
                    new SlaBreached(
                            facts.ticketId(),
                            facts.accountId(),
                            breach.clock(),
                            null,
                            null,
                            facts.severity(),
                            breach.target(),
                            breach.target(),
                            breach.deadline(),
                            breach.deadline()));
            if (escalate.isPresent()) {
                current = act(c, current, account, escalate.get(), breach.eventId(), now);
            }
        }
        StrategicAccountManagerRule.onStall(current, account, policy, hours, now)
                .ifPresent(decisions::add);
        decisions.addAll(CriticalSituationRule.decide(current, policy, now));
        FunctionalEscalationRule.decide(current, policy, hours, now).ifPresent(decisions::add);
        for (Decision d : decisions) {
            current = act(c, current, account, d, triggerId, now);
        }
        TicketFacts f = current;
        Instant next = Stream.of(
                        StrategicAccountManagerRule.stallDue(f, policy, hours),
                        CriticalSituationRule.due(f, policy),
                        FunctionalEscalationRule.due(f, policy, hours))
                .flatMap(Optional::stream)
                .filter(t -> t.isAfter(now))
                .min(Instant::compareTo)
                .orElse(null);
        EscalationStore.saveTicket(c, new TicketRow(f, sequence, next, breach));
    }

    /** Acts on a decision once: records it, sends the command, announces it. Returns the facts as they will be. */
    private TicketFacts act(
            Connection c, TicketFacts facts, AccountFacts account, Decision d, String triggerId, Instant now) {
        String commandId = UUID.nameUUIDFromBytes(("escalation/" + d.key()).getBytes(StandardCharsets.UTF_8))
                .toString();
        try {
            boolean first = EscalationStore.record(
                    c,
                    new DecisionRow(
                            d.key(),
                            facts.ticketId(),
                            d.rule(),
                            d.action(),
                            d.target(),
                            d.toLevel(),
                            d.reason(),
                            d.notifies(),
                            triggerId,
                            commandId,
                            now));
            if (!first) {
                return facts;
            }
            Command command = switch (d.action()) {
                case GRANT_PRIORITY -> new GrantPriorityHandling(facts.ticketId(), d.reason());
                case REFUSE_PRIORITY -> new RefusePriorityHandling(facts.ticketId(), d.reason());
                case ESCALATE -> new EscalateTicket(facts.ticketId(), d.target(), d.reason(), d.rule());
                case TRANSFER -> new TransferTicket(facts.ticketId(), d.toLevel(), d.reason());
            };
            EscalationDecided decided = new EscalationDecided(
                    facts.ticketId(),
                    facts.accountId(),
                    d.rule(),
                    d.action(),
                    d.target(),
                    d.toLevel(),
                    d.reason(),
                    d.notifies(),
                    triggerId,
                    commandId,
                    now);
            String decidedId = UUID.nameUUIDFromBytes(
                            ("escalation-decided/" + d.key()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            EscalationStore.OUTBOX.enqueue(
                    c,
                    List.of(
                            message(Topics.TICKET_COMMANDS, commandId, facts, command, now),
                            message(Topics.ESCALATION_EVENTS, decidedId, facts, decided, now)));
            LOG.infof(
                    "Ticket %s: %s %s (%s): %s",
                    facts.ticketId(), d.rule(), d.action(), d.target() != null ? d.target() : d.toLevel(), d.reason());
        } catch (SQLException e) {
            throw new Jdbc.StoreException(e);
        }
        if (d.target() != null) {
            Set<EscalationTarget> escalated = EnumSet.noneOf(EscalationTarget.class);
            escalated.addAll(facts.escalatedTo());
            escalated.add(d.target());
            return new TicketFacts(
                    facts.ticketId(),
                    facts.accountId(),
                    facts.severity(),
                    facts.impact(),
                    facts.priority(),
                    facts.level(),
                    facts.acknowledged(),
                    facts.resolved(),
                    facts.closed(),
                    facts.openedAt(),
                    facts.lastProgressAt(),
                    facts.levelSince(),
                    escalated);
        }
        return facts;
    }

    private static Outbox.Outgoing message(String topic, String id, TicketFacts facts, Object data, Instant now) {
        CloudEvent envelope = new CloudEvent(
                id, Catalog.of(data.getClass()).type(), SOURCE, facts.ticketId(), now, null, facts.accountId(), data);
        return new Outbox.Outgoing(
                topic, facts.ticketId(), CloudEventCodec.headers(envelope), CloudEventCodec.body(data));
    }

    private BusinessCalendar regionCalendar(AccountFacts account) {
        String region = account == null ? "europe" : account.region().name().toLowerCase();
        return calendars.get(region);
    }

    <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, work);
    }
}
