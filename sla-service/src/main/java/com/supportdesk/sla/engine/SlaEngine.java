package com.supportdesk.sla.engine;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.InternalNoteAdded;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.PriorityHandlingRefused;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SeverityReviewRequested;
import com.supportdesk.contract.event.SlaEvent;
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
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.RetargetReason;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.sla.clock.ClockRules;
import com.supportdesk.sla.clock.ClockStatus;
import com.supportdesk.sla.clock.SlaClock;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.policy.SlaPolicy;
import com.supportdesk.sla.store.ParkedEvent;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.sla.store.TicketRow;
import com.supportdesk.support.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies ticket events to the clocks of their tickets and fires due timers, in memory on a {@link WorkSet}.
 * Ticket events are applied strictly in their per-ticket sequence: a number already applied is a duplicate and
 * changes nothing; a number beyond the next expected one is logged and held back (parked) until the missing ones
 * arrive, never applied out of order.
 */
public final class SlaEngine {
    private static final Logger LOG = Logger.getLogger(SlaEngine.class);
    public static final String SOURCE = "sla-service";

    /** What became of one ticket event. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        PARKED,
        WAITING,
        IGNORED
    }

    private final SlaCatalog catalog;
    private final ClockRules rules;
    private final String defaultRegion;

    public SlaEngine(SlaCatalog catalog, String defaultRegion) {
        this.catalog = catalog;
        this.rules = new ClockRules(catalog, catalog::warningPercents);
        this.defaultRegion = defaultRegion;
    }

    public ClockRules rules() {
        return rules;
    }

    /** Applies one ticket event (and any parked successors it unblocks). */
    public Outcome apply(WorkSet ws, CloudEvent envelope, Map<String, String> headers, byte[] body) {
        if (!(envelope.data() instanceof TicketEvent event) || envelope.sequence() == null) {
            return Outcome.IGNORED; // outage events, command rejections: no clock concerned
        }
        String ticketId = event.ticketId();
        TicketRow ticket = ws.tickets.get(ticketId);
        long expected = ticket == null ? 0 : ticket.lastSequence() + 1;
        long sequence = envelope.sequence();
        if (sequence < expected) {
            LOG.debugf("Duplicate %s #%d of %s ignored", envelope.type(), sequence, ticketId);
            return Outcome.DUPLICATE;
        }
        boolean openingHeld = ticket == null
                && ws.parked.getOrDefault(ticketId, new TreeMap<>()).containsKey(0L);
        if (sequence > expected) {
            if (openingHeld) {
                LOG.debugf(
                        "%s #%d of %s held with its opening, which waits for the account",
                        envelope.type(), sequence, ticketId);
            } else {
                LOG.warnf(
                        "Out of order: %s #%d of %s arrived while #%d is expected; held back until the gap is "
                                + "filled",
                        envelope.type(), sequence, ticketId, expected);
            }
            park(ws, new ParkedEvent(ticketId, sequence, headers, body));
            return Outcome.PARKED;
        }
        if (event instanceof TicketOpened opened
                && !ws.accounts.containsKey(opened.accountId())
                && !ws.releasing.contains(ticketId)) {
            // the contract decides the targets: wait (briefly) for the account to arrive on account-events
            if (!openingHeld) {
                LOG.infof(
                        "Ticket %s opened for account %s, which sla-service has not seen yet: its clocks start when "
                                + "the account arrives (or with the default contract after a while)",
                        ticketId, opened.accountId());
                ws.newlyWaiting.put(ticketId, opened.accountId());
            }
            park(ws, new ParkedEvent(ticketId, sequence, headers, body));
            return Outcome.WAITING;
        }
        applyInOrder(ws, event, sequence);
        drain(ws, ticketId);
        return Outcome.APPLIED;
    }

    /**
     * Starts the clocks of a ticket whose opening waited for its account: with the account if it is known now
     * (it is in the work set), else with the default contract. Then applies what arrived after the opening.
     */
    public void release(WorkSet ws, String ticketId) {
        TreeMap<Long, ParkedEvent> held = ws.parked.get(ticketId);
        ws.released.add(ticketId);
        if (ws.tickets.containsKey(ticketId) || held == null || !held.containsKey(0L)) {
            return;
        }
        ParkedEvent opening = held.remove(0L);
        ws.unparked.add(opening);
        ws.releasing.add(ticketId);
        TicketOpened opened = (TicketOpened)
                CloudEventCodec.decode(opening.headers(), opening.body()).data();
        applyInOrder(ws, opened, 0);
        drain(ws, ticketId);
    }

    private static void park(WorkSet ws, ParkedEvent parked) {
        if (ws.parked.computeIfAbsent(parked.ticketId(), k -> new TreeMap<>()).putIfAbsent(parked.sequence(), parked)
                == null) {
            ws.newlyParked.add(parked);
        }
    }

    private void drain(WorkSet ws, String ticketId) {
        TreeMap<Long, ParkedEvent> waiting = ws.parked.get(ticketId);
        while (waiting != null && waiting.containsKey(ws.tickets.get(ticketId).lastSequence() + 1)) {
            ParkedEvent next = waiting.remove(ws.tickets.get(ticketId).lastSequence() + 1);
            ws.unparked.add(next);
            CloudEvent decoded = CloudEventCodec.decode(next.headers(), next.body());
            LOG.infof("Gap of %s filled: applying held %s #%d", ticketId, decoded.type(), next.sequence());
            applyInOrder(ws, (TicketEvent) decoded.data(), next.sequence());
        }
    }

    private void applyInOrder(WorkSet ws, TicketEvent event, long sequence) {
        String id = event.ticketId();
        if (event instanceof TicketOpened opened) {
            open(ws, opened, sequence);
            return;
        }
        TicketRow ticket = ws.tickets.get(id);
        if (ticket == null) {
            // sequence 0 is always the opening; anything else at 0 means the ticket is not ours to time
            ws.put(new TicketRow(
                    id,
                    event.accountId(),
                    sequence,
                    0,
                    "none",
                    defaultRegion,
                    com.supportdesk.contract.model.Severity.SEV4,
                    Impact.STANDARD,
                    "UNTRACKED",
                    event.at(),
                    null,
                    false));
            return;
        }
        ticket = ticket.withSequence(sequence);
        ws.put(ticket);
        if ("UNTRACKED".equals(ticket.state())) {
            return;
        }
        Map<ClockKind, SlaClock> clocks = new EnumMap<>(ClockKind.class);
        clocks.putAll(ws.clocks.getOrDefault(id, Map.of()));
        event.accept(new ClockChange(ws, ticket, clocks, event.at()));
    }

    /** What one ticket event after its opening does to the ticket's clocks. */
    private final class ClockChange implements TicketEvent.Visitor<Void> {
        private final WorkSet ws;
        private final Map<ClockKind, SlaClock> clocks;
        private final Instant at;
        private TicketRow ticket;

        ClockChange(WorkSet ws, TicketRow ticket, Map<ClockKind, SlaClock> clocks, Instant at) {
            this.ws = ws;
            this.ticket = ticket;
            this.clocks = clocks;
            this.at = at;
        }

        private Void state(String state) {
            ticket = ticket.withState(state);
            ws.put(ticket);
            return null;
        }

        @Override
        public Void on(TicketOpened e) {
            return null; // started by open(), before any other event of the ticket
        }

        @Override
        public Void on(TicketAcknowledged e) {
            step(ws, ticket, clocks.get(ClockKind.RESPONSE), c -> rules.stop(c, at));
            return null;
        }

        @Override
        public Void on(TicketPutOnHold e) {
            state("ON_HOLD");
            for (SlaClock c : clocks.values()) {
                ticket = step(ws, ticket, c, k -> rules.pause(k, at));
            }
            return null;
        }

        @Override
        public Void on(TicketResumed e) {
            state("OPEN");
            for (SlaClock c : clocks.values()) {
                if (c.status() == ClockStatus.PAUSED) {
                    ticket = step(ws, ticket, c, k -> rules.resume(k, at));
                }
            }
            return null;
        }

        @Override
        public Void on(TicketResolved e) {
            state("RESOLVED");
            // a resolution is also an answer: a response clock still running stops with it
            for (SlaClock c : clocks.values()) {
                ticket = step(ws, ticket, c, k -> rules.stop(k, at));
            }
            return null;
        }

        @Override
        public Void on(ResolutionRejected e) {
            state("OPEN");
            // back in progress: the resolution clock runs on from where it stopped
            step(ws, ticket, clocks.get(ClockKind.RESOLUTION), k -> rules.resume(k, at));
            return null;
        }

        @Override
        public Void on(TicketClosed e) {
            state("CLOSED");
            for (SlaClock k : clocks.values()) {
                ticket = step(ws, ticket, k, x -> rules.stop(x, at));
            }
            return null;
        }

        @Override
        public Void on(SeverityReclassified s) {
            ticket = ticket.withSeverity(s.toSeverity());
            ws.put(ticket);
            SlaPolicy policy = catalog.policyFor(ticket.policy());
            String region = ticket.region();
            Optional<SlaPolicy.Target> target = policy.targetFor(s.toSeverity(), ticket.impact());
            for (SlaClock c : clocks.values()) {
                String calendar = target.map(t -> catalog.calendarFor(t, region, defaultRegion))
                        .orElse(c.calendar());
                Duration duration = target.flatMap(t -> t.duration(c.kind())).orElse(null);
                // the new severity's target comes with its warnings; a clock of the policy's percents keeps them
                List<Integer> warnings = c.warnings() == null
                        ? null
                        : target.map(t -> policy.alarms(t)).orElse(c.warnings());
                ticket = step(
                        ws,
                        ticket,
                        c,
                        k -> rules.retarget(
                                k,
                                calendar,
                                s.toSeverity(),
                                duration,
                                warnings,
                                at,
                                RetargetReason.SEVERITY_RECLASSIFIED,
                                null));
            }
            return null;
        }

        // messages, transfers, escalations, severity reviews, priority handling: no clock changes

        @Override
        public Void on(MessageAdded e) {
            SlaClock followUp = clocks.get(ClockKind.FOLLOW_UP);
            boolean waiting = followUp != null && !followUp.status().isStopped();
            if (!e.fromCustomer()) {
                // the support side answered: the customer's oldest unanswered message is followed up
                return waiting ? with(step(ws, ticket, followUp, k -> rules.stop(k, at))) : null;
            }
            SlaClock response = clocks.get(ClockKind.RESPONSE);
            boolean acknowledged = response == null || response.status().isStopped();
            if (waiting || !acknowledged || !"OPEN".equals(ticket.state())) {
                return null; // one clock per unanswered stretch; before acknowledgement the response clock runs
            }
            SlaPolicy policy = catalog.policyFor(ticket.policy());
            Optional<SlaPolicy.Target> target = policy.targetFor(ticket.severity(), ticket.impact());
            Duration duration =
                    target.flatMap(t -> t.duration(ClockKind.FOLLOW_UP)).orElse(null);
            if (duration == null) {
                return null; // the policy sets no follow-up target for this ticket
            }
            String calendar = ticket.followUpDowngraded()
                    ? businessHours(policy, ticket)
                    : catalog.calendarFor(target.get(), ticket.region(), defaultRegion);
            return with(emit(
                    ws,
                    ticket,
                    rules.start(
                            ticket.ticketId(),
                            ticket.accountId(),
                            ClockKind.FOLLOW_UP,
                            policy.id(),
                            calendar,
                            ticket.severity(),
                            duration,
                            policy.alarms(target.get()),
                            at)));
        }

        private Void with(TicketRow changed) {
            ticket = changed;
            return null;
        }

        @Override
        public Void on(TicketTransferred e) {
            return null;
        }

        @Override
        public Void on(TicketScopeFlagged e) {
            return null; // billing, not service levels: a non-standard ticket keeps its clocks
        }

        @Override
        public Void on(TicketEscalated e) {
            return null;
        }

        @Override
        public Void on(SeverityReviewRequested e) {
            return null;
        }

        @Override
        public Void on(InternalNoteAdded e) {
            return null; // no answer to the customer: no clock moves
        }

        @Override
        public Void on(PriorityHandlingRequested e) {
            return null;
        }

        @Override
        public Void on(PriorityHandlingGranted e) {
            return null;
        }

        @Override
        public Void on(PriorityHandlingRefused e) {
            return null;
        }
    }

    private void open(WorkSet ws, TicketOpened opened, long sequence) {
        SlaStore.AccountRow account = ws.accounts.get(opened.accountId());
        SlaPolicy policy = catalog.policyFor(account == null ? null : account.plan());
        String region = account == null ? defaultRegion : account.region();
        if (account == null) {
            LOG.warnf(
                    "Ticket %s: account %s did not arrive on account-events in time; default policy %s and region "
                            + "%s apply",
                    opened.ticketId(), opened.accountId(), policy.id(), region);
        } else if (!policy.id().equals(account.plan())) {
            LOG.warnf(
                    "Account %s has plan '%s', which is not a configured SLA policy: %s applies",
                    account.accountId(), account.plan(), policy.id());
        }
        Impact impact = opened.impact() == null ? Impact.STANDARD : opened.impact();
        TicketRow ticket = new TicketRow(
                opened.ticketId(),
                opened.accountId(),
                sequence,
                0,
                policy.id(),
                region,
                opened.severity(),
                impact,
                "OPEN",
                opened.at(),
                null, // the trace is the clocks' business: emit() stamps it when they start
                false);
        ws.put(ticket);
        Optional<SlaPolicy.Target> target = policy.targetFor(opened.severity(), impact);
        String calendar = target.map(t -> catalog.calendarFor(t, region, defaultRegion))
                .orElseGet(() -> catalog.regions().calendarOf(region, defaultRegion));
        // the follow-up clock starts later, with a customer's message on the acknowledged ticket
        for (ClockKind kind : List.of(ClockKind.RESPONSE, ClockKind.RESOLUTION)) {
            Duration duration = target.flatMap(t -> t.duration(kind)).orElse(null);
            ClockRules.Step step = rules.start(
                    opened.ticketId(),
                    opened.accountId(),
                    kind,
                    policy.id(),
                    calendar,
                    opened.severity(),
                    duration,
                    policy.alarms(target.orElse(null)),
                    opened.at());
            ticket = emit(ws, ticket, step);
        }
    }

    private TicketRow step(
            WorkSet ws,
            TicketRow ticket,
            SlaClock clock,
            java.util.function.Function<SlaClock, ClockRules.Step> change) {
        if (clock == null) {
            return ticket;
        }
        return emit(ws, ticket, change.apply(clock));
    }

    /** Records a clock change and queues its events on sla-events with the ticket's next sequence numbers. */
    public TicketRow emit(WorkSet ws, TicketRow ticket, ClockRules.Step step) {
        ws.put(step.clock());
        // the clock changed in the current context (an event's handling, a timer's firing): its later warnings and
        // breaches join that trace
        String traceparent = com.supportdesk.support.Tracing.traceparent();
        TicketRow t = traceparent == null ? ticket : ticket.withTrace(traceparent);
        for (SlaEvent e : step.events()) {
            t = t.withSlaSequence(t.slaSequence() + 1);
            String type = Catalog.of(e.getClass()).type();
            // the id is derived from what it announces, so a re-publication after a crash carries the same id
            String id = UUID.nameUUIDFromBytes(
                            (t.ticketId() + "/sla/" + t.slaSequence()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            CloudEvent envelope =
                    new CloudEvent(id, type, SOURCE, t.ticketId(), e.at(), t.slaSequence(), t.accountId(), e);
            ws.send(new Outbox.Outgoing(
                    Topics.SLA_EVENTS,
                    t.ticketId(),
                    com.supportdesk.support.Tracing.stamp(CloudEventCodec.headers(envelope)),
                    CloudEventCodec.body(e)));
        }
        ws.put(t);
        return t;
    }

    /** Fires what is due at {@code now} on the clocks of one ticket. */
    public void fireDue(WorkSet ws, String ticketId, Instant now) {
        TicketRow ticket = ws.tickets.get(ticketId);
        if (ticket == null) {
            return;
        }
        Map<ClockKind, SlaClock> clocks = new EnumMap<>(ClockKind.class);
        clocks.putAll(ws.clocks.getOrDefault(ticketId, Map.of()));
        for (SlaClock clock : clocks.values()) {
            SlaClock c = clock;
            if (rules.stale(c)) {
                // its calendar changed and the re-targeting has not reached it yet: the alarm may have moved
                ClockRules.Step step = rules.recompute(c, now, RetargetReason.CALENDAR_CHANGED);
                ticket = emit(ws, ticket, step);
                c = step.clock();
            }
            // several alarms may be due at once (after downtime): each fires, in order, with its own instant
            while (c.nextDue() != null && !c.nextDue().isAfter(now)) {
                ClockRules.Step step = rules.fire(c, now);
                if (step.events().isEmpty()) {
                    break;
                }
                ticket = emit(ws, ticket, step);
                c = step.clock();
            }
        }
    }

    /**
     * Re-targets the ticket's running clocks on {@code calendar} counted on an older version of it; returns how
     * many moved (announced with a clock-retargeted).
     */
    public int recalculate(WorkSet ws, String ticketId, String calendar, Instant at) {
        TicketRow ticket = ws.tickets.get(ticketId);
        if (ticket == null) {
            return 0;
        }
        int moved = 0;
        for (SlaClock c :
                java.util.List.copyOf(ws.clocks.getOrDefault(ticketId, Map.of()).values())) {
            if (calendar.equals(c.calendar()) && rules.stale(c)) {
                ClockRules.Step step = rules.recompute(c, at, RetargetReason.CALENDAR_CHANGED);
                ticket = emit(ws, ticket, step);
                moved += step.events().size();
            }
        }
        return moved;
    }

    /**
     * Re-targets the ticket's clocks on {@code policy} (running or paused) to the policy as it is now (version
     * {@code version}, applied to running clocks): the target, calendar and warnings of the ticket's severity and
     * impact. Returns how many changed; a clock already on them is left as it is.
     */
    public int applyPolicy(WorkSet ws, String ticketId, String policyId, int version, Instant at) {
        TicketRow ticket = ws.tickets.get(ticketId);
        java.util.Optional<SlaPolicy> current = catalog.policies().byId(policyId);
        if (ticket == null || current.isEmpty() || !policyId.equals(ticket.policy())) {
            return 0;
        }
        SlaPolicy policy = current.get();
        Optional<SlaPolicy.Target> target = policy.targetFor(ticket.severity(), ticket.impact());
        String region = ticket.region();
        int moved = 0;
        for (SlaClock c :
                java.util.List.copyOf(ws.clocks.getOrDefault(ticketId, Map.of()).values())) {
            if (c.status().isStopped()) {
                continue;
            }
            String calendar = target.map(t -> catalog.calendarFor(t, region, defaultRegion))
                    .orElse(c.calendar());
            Duration duration = target.flatMap(t -> t.duration(c.kind())).orElse(null);
            List<Integer> warnings = policy.alarms(target.orElse(null));
            if (calendar.equals(c.calendar())
                    && java.util.Objects.equals(duration, c.target())
                    && warnings.equals(c.warnings())) {
                continue;
            }
            ClockRules.Step step = rules.retarget(
                    c, calendar, c.severity(), duration, warnings, at, RetargetReason.POLICY_CHANGED, version);
            ticket = emit(ws, ticket, step);
            moved += step.events().size();
        }
        return moved;
    }

    /** What asking to downgrade a ticket's 24/7 follow-up did. */
    public enum Downgrade {
        NOT_FOUND,
        NO_FOLLOW_UP,
        ALREADY,
        DOWNGRADED
    }

    /**
     * Downgrades the ticket's follow-up to business hours (the customer cannot provide resources round the clock):
     * its follow-up clock now, and any later one, counts on the business-hours calendar of its policy, the one of
     * the ticket's severity at standard impact; the target stays. A running clock is re-targeted
     * ({@code FOLLOW_UP_DOWNGRADED}), keeping the business time it has used.
     */
    public Downgrade downgradeFollowUp(WorkSet ws, String ticketId, Instant at) {
        TicketRow ticket = ws.tickets.get(ticketId);
        if (ticket == null) {
            return Downgrade.NOT_FOUND;
        }
        SlaPolicy policy = catalog.policyFor(ticket.policy());
        boolean followsUp = policy.targetFor(ticket.severity(), ticket.impact())
                .flatMap(t -> t.duration(ClockKind.FOLLOW_UP))
                .isPresent();
        if (!followsUp) {
            return Downgrade.NO_FOLLOW_UP;
        }
        if (ticket.followUpDowngraded()) {
            return Downgrade.ALREADY;
        }
        ticket = ticket.withFollowUpDowngraded();
        ws.put(ticket);
        String calendar = businessHours(policy, ticket);
        SlaClock followUp = ws.clocks.getOrDefault(ticketId, Map.of()).get(ClockKind.FOLLOW_UP);
        if (followUp != null && !followUp.status().isStopped() && !calendar.equals(followUp.calendar())) {
            emit(
                    ws,
                    ticket,
                    rules.retarget(
                            followUp,
                            calendar,
                            followUp.severity(),
                            followUp.target(),
                            followUp.warnings(),
                            at,
                            RetargetReason.FOLLOW_UP_DOWNGRADED,
                            null));
        }
        return Downgrade.DOWNGRADED;
    }

    /** The business-hours calendar of a ticket: its policy's target for its severity at standard impact. */
    private String businessHours(SlaPolicy policy, TicketRow ticket) {
        return policy.targetFor(ticket.severity(), Impact.STANDARD)
                .map(t -> catalog.calendarFor(t, ticket.region(), defaultRegion))
                .orElseGet(() -> catalog.regions().calendarOf(ticket.region(), defaultRegion));
    }

    /** Re-computes running response clocks of a ticket after a calendar change (an exceptional event). */
    public void recompute(WorkSet ws, String ticketId, ClockKind kind, Instant at) {
        TicketRow ticket = ws.tickets.get(ticketId);
        SlaClock clock = ws.clocks.getOrDefault(ticketId, Map.of()).get(kind);
        if (ticket != null && clock != null) {
            emit(ws, ticket, rules.recompute(clock, at));
        }
    }
}
