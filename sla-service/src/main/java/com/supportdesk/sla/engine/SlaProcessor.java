package com.supportdesk.sla.engine;

import com.supportdesk.contract.event.AccountEvent;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.contract.wire.MalformedMessageException;
import com.supportdesk.contract.wire.MessageType;
import com.supportdesk.contract.wire.Validator;
import com.supportdesk.contract.wire.Violation;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.store.ExceptionalEvent;
import com.supportdesk.sla.store.ParkedEvent;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.sla.store.TicketRow;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Received;
import com.supportdesk.support.Tracing;
import io.opentelemetry.api.trace.Span;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Runs the engine inside PostgreSQL transactions: the state a message changes, the sequence number that marks it
 * applied and the messages that announce it are committed together (outbox), so a crash at any point either
 * loses nothing or repeats nothing.
 */
public final class SlaProcessor {
    private static final Logger LOG = Logger.getLogger(SlaProcessor.class);

    /** Counts of what a batch did. */
    public record BatchResult(int applied, int duplicates, int parked, int ignored, int deadLettered) {}

    private final DataSource dataSource;
    private final SlaEngine engine;
    private final SlaCatalog catalog;
    private final java.time.Clock clock;
    private Tracing tracing = Tracing.none();

    public SlaProcessor(DataSource dataSource, SlaEngine engine, SlaCatalog catalog, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Traces the timers' firing: each ticket's due warnings and breaches in a span of the trace its clocks joined. */
    public SlaProcessor tracedBy(Tracing tracing) {
        this.tracing = tracing;
        return this;
    }

    /** The types sla-service consumes from ticket-events (ticket events); outage events and the rest are skipped. */
    public static final Set<String> TICKET_TYPES = Catalog.events().stream()
            .filter(t -> com.supportdesk.contract.event.TicketEvent.class.isAssignableFrom(t.payloadClass()))
            .map(MessageType::type)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Decodes and validates a ticket event: an invalid one is refused (and dead-lettered by the consumer). */
    public static CloudEvent decodeValid(Received r) {
        CloudEvent e = CloudEventCodec.decode(r.headers(), r.body());
        List<Violation> violations = Validator.violations(e.data());
        if (!violations.isEmpty()) {
            throw new MalformedMessageException(
                    violations.get(0).field(), violations.get(0).reason());
        }
        return e;
    }

    /** Applies a poll's ticket events in the caller's transaction: the tickets they touch are loaded and locked once. */
    public BatchResult ticketEvents(Connection c, List<BatchConsumer.Item> items) throws SQLException {
        Set<String> ticketIds = new LinkedHashSet<>();
        Set<String> accountIds = new LinkedHashSet<>();
        for (BatchConsumer.Item item : items) {
            if (item.event().data() instanceof com.supportdesk.contract.event.TicketEvent t) {
                ticketIds.add(t.ticketId());
                if (t instanceof TicketOpened) {
                    accountIds.add(t.accountId());
                }
            }
        }
        refresh(c);
        SlaStore.lockWaiting(c, ticketIds);
        WorkSet ws = new WorkSet(
                SlaStore.lockTickets(c, ticketIds, false),
                SlaStore.clocks(c, ticketIds),
                SlaStore.parked(c, ticketIds),
                SlaStore.accounts(c, accountIds));
        int applied = 0;
        int duplicates = 0;
        int parked = 0;
        int ignored = 0;
        for (BatchConsumer.Item item : items) {
            Received r = item.record();
            SlaEngine.Outcome outcome;
            try (var traced = item.traced()) { // what the event changes and announces joins its trace
                outcome = engine.apply(ws, item.event(), r.headers(), r.body());
            }
            switch (outcome) {
                case APPLIED -> applied++;
                case DUPLICATE -> duplicates++;
                case PARKED, WAITING -> parked++;
                case IGNORED -> ignored++;
            }
        }
        write(c, ws);
        return new BatchResult(applied, duplicates, parked, ignored, 0);
    }

    /** Records an account's region and plan (in the caller's transaction); later tickets of the account are timed by it. */
    public void accountEvent(Connection c, CloudEvent e) throws SQLException {
        if (!(e.data() instanceof AccountEvent event)) {
            return;
        }
        AccountProfile profile = event.profile(); // registered or updated: the full, latest profile
        if (profile == null || profile.region() == null) {
            return;
        }
        SlaStore.saveAccount(
                c,
                new SlaStore.AccountRow(
                        event.accountId(),
                        profile.region(),
                        profile.supportPlan() == null ? "" : profile.supportPlan(),
                        event.at()));
    }

    /** Fires due timers of at most {@code limit} tickets; returns how many tickets it looked at. */
    public int fireDue(Instant now, int limit) {
        return inTransaction(c -> {
            List<String> due = SlaStore.ticketsDue(c, now, limit);
            if (due.isEmpty()) {
                return 0;
            }
            refresh(c);
            Map<String, TicketRow> locked = SlaStore.lockTickets(c, due, true);
            WorkSet ws = new WorkSet(locked, SlaStore.clocks(c, locked.keySet()), Map.of(), Map.of());
            List<Span> spans = new java.util.ArrayList<>();
            try {
                for (Map.Entry<String, TicketRow> t : locked.entrySet()) {
                    Span span = tracing.internal(
                            "sla deadline", Tracing.fromTraceparent(t.getValue().trace()));
                    Tracing.aboutTicket(span, t.getKey());
                    spans.add(span);
                    try (var traced = span.makeCurrent()) {
                        engine.fireDue(ws, t.getKey(), now);
                    }
                }
                write(c, ws);
            } finally {
                spans.forEach(Span::end);
            }
            return locked.size();
        });
    }

    /**
     * Starts the clocks of openings that waited for their account: those whose account arrived, and those that
     * waited since {@code cutoff} (with the default contract). Returns how many it released.
     */
    public int releaseWaiting(Instant cutoff, int limit) {
        return inTransaction(c -> {
            Map<String, String> waiting = SlaStore.releasable(c, cutoff, limit);
            if (waiting.isEmpty()) {
                return 0;
            }
            refresh(c);
            WorkSet ws = new WorkSet(
                    SlaStore.lockTickets(c, waiting.keySet(), false),
                    SlaStore.clocks(c, waiting.keySet()),
                    SlaStore.parked(c, waiting.keySet()),
                    SlaStore.accounts(c, Set.copyOf(waiting.values())));
            for (String ticket : waiting.keySet()) {
                engine.release(ws, ticket);
            }
            write(c, ws);
            return waiting.size();
        });
    }

    /** The timers armed and due now (a metric). */
    public SlaStore.TimerCounts timerCounts(Instant now) {
        return inTransaction(c -> SlaStore.timerCounts(c, now));
    }

    public java.util.Optional<Instant> nextDue() {
        return inTransaction(SlaStore::nextDue);
    }

    /** Declares an exceptional event and re-computes the running response clocks of its calendar. */
    /** Declares it, re-computes the response clocks it touches and records {@code audit} of it, in one transaction. */
    public long declare(
            ExceptionalEvent event,
            Instant now,
            java.util.function.LongFunction<com.supportdesk.support.Outbox.Outgoing> audit) {
        return inTransaction(c -> {
            refresh(c);
            long id = SlaStore.declare(c, event);
            SlaStore.enqueue(c, List.of(audit.apply(id)));
            catalog.exceptionalEvents(SlaStore.exceptionalEvents(c));
            List<String> tickets = SlaStore.ticketsWithRunningClocks(c, event.calendar(), ClockKind.RESPONSE);
            for (int i = 0; i < tickets.size(); i += 500) {
                List<String> slice = tickets.subList(i, Math.min(tickets.size(), i + 500));
                Map<String, TicketRow> locked = SlaStore.lockTickets(c, slice, false);
                WorkSet ws = new WorkSet(locked, SlaStore.clocks(c, locked.keySet()), Map.of(), Map.of());
                for (String t : locked.keySet()) {
                    engine.recompute(ws, t, ClockKind.RESPONSE, now);
                }
                writeRetargeted(c, ws);
            }
            LOG.infof(
                    "Exceptional event %d declared on %s from %s to %s (%s); %d response clocks re-computed",
                    id, event.calendar(), event.from(), event.to(), event.reason(), tickets.size());
            return id;
        });
    }

    /** Loads the declared exceptional events into the calendars (at start-up). */
    public void loadExceptionalEvents() {
        catalog.exceptionalEvents(inTransaction(SlaStore::exceptionalEvents));
    }

    public <T> T read(Jdbc.Work<T> work) {
        return inTransaction(work);
    }

    /** Runs {@code work} in a transaction of its own (configuration changes). */
    public <T> T write(Jdbc.Work<T> work) {
        return inTransaction(work);
    }

    /**
     * Brings the calendars up to the stored configuration (in the caller's transaction): one indexed look, rows only
     * when another instance, or this one, changed something since. Every transaction that computes deadlines starts
     * with it, so all instances count on the same versions.
     */
    public void refresh(Connection c) throws SQLException {
        long generation = catalog.generation();
        List<com.supportdesk.sla.store.ConfigRow> rows = ConfigStore.since(c, generation);
        if (!rows.isEmpty()) {
            catalog.apply(rows);
        }
    }

    public void refresh() {
        inTransaction(c -> {
            refresh(c);
            return null;
        });
    }

    /** A slice of a calendar change's re-targeting, taken off its cursor by {@link #claim} for {@link #retarget}. */
    public record Slice(long recalculation, String calendar, Instant requestedAt, List<String> tickets) {}

    /** What a slice's re-targeting did: clocks moved, and the id of its last message in the outbox (0: none). */
    public record Retargeted(int moved, long lastQueued) {
        static final Retargeted NONE = new Retargeted(0, 0);
    }

    /**
     * What {@link #claim} found: a slice to re-target, or work it did itself ({@code done}: the end of a pass, or a
     * policy change's slice), or neither: nothing to do, or ({@code busy}) a pass's end put off because every ticket
     * left is held by another transaction (a slice in flight, here or in another instance).
     */
    public record Claim(Retargeted done, Slice slice, boolean busy) {
        static final Claim NOTHING = new Claim(null, null, false);
        static final Claim BUSY = new Claim(null, null, true);

        Claim(Retargeted done, Slice slice) {
            this(done, slice, false);
        }
    }

    /**
     * Takes the next slice of the oldest unfinished re-targeting off its cursor, in a short transaction of its own.
     * A calendar change's slice is then re-targeted by {@link #retarget}, possibly beside the slices before it; a
     * policy change's slice is worked here, in this transaction. A pass that ends starts again from the first
     * ticket, and the re-targeting is done when a pass finds nothing: clocks a concurrent transaction wrote on the
     * old version are caught too, and so are the tickets of a slice whose transaction failed or skipped them (locked
     * by a consumer). The caller lets the slices it took finish before it claims again after a pass ended. A pass
     * does not end while the tickets still on the old version are all held by other transactions: those are slices
     * in flight, and a pass over them would only skip them, using up the passes while another instance's slices
     * finish.
     */
    public Claim claim(int slice) {
        return inTransaction(c -> {
            refresh(c);
            java.util.Optional<ConfigStore.Recalculation> next = ConfigStore.nextRecalculation(c);
            if (next.isEmpty()) {
                return Claim.NOTHING;
            }
            ConfigStore.Recalculation r = next.get();
            if (r.policy() != null) {
                return applyPolicy(c, r, slice);
            }
            int revision = Math.max(r.revision(), catalog.revision(r.calendar()));
            List<String> tickets = ConfigStore.staleTickets(c, r.calendar(), revision, r.afterTicket(), slice);
            if (tickets.isEmpty()) {
                if (!r.afterTicket().isEmpty() && heldElsewhere(c, r.calendar(), revision, slice)) {
                    return Claim.BUSY;
                }
                boolean done = r.afterTicket().isEmpty() || r.passes() >= 10;
                ConfigStore.Recalculation after = r.restarted();
                ConfigStore.progress(c, after, done ? clock.instant() : null);
                if (done) {
                    LOG.infof(
                            "Calendar %s v%d: %d running clocks re-targeted (%d looked at) in %d ms",
                            r.calendar(),
                            r.version(),
                            r.moved(),
                            r.looked(),
                            java.time.Duration.between(r.requestedAt(), clock.instant())
                                    .toMillis());
                }
                return new Claim(Retargeted.NONE, null);
            }
            ConfigStore.progress(c, r.advanced(tickets.get(tickets.size() - 1), 0, 0), null);
            return new Claim(null, new Slice(r.id(), r.calendar(), r.requestedAt(), tickets));
        });
    }

    /**
     * Whether tickets of the calendar are still on an older version (the first {@code limit} of them) and another
     * transaction holds every one of them. Those this transaction could lock stay locked until the claim commits.
     */
    private static boolean heldElsewhere(Connection c, String calendar, int revision, int limit) throws SQLException {
        List<String> left = ConfigStore.staleTickets(c, calendar, revision, "", limit);
        return !left.isEmpty() && SlaStore.lockTickets(c, left, true).isEmpty();
    }

    /**
     * Re-targets a claimed slice: the running clocks of its tickets on the calendar still counted on an older version
     * get their deadline and next alarm again, and a clock-retargeted when the deadline moved. A ticket another
     * transaction holds is skipped (a later pass finds it).
     */
    public Retargeted retarget(Slice s) {
        return inTransaction(c -> {
            Map<String, TicketRow> locked = SlaStore.lockTickets(c, s.tickets(), true);
            WorkSet ws = new WorkSet(locked, SlaStore.clocks(c, locked.keySet()), Map.of(), Map.of());
            int moved = 0;
            for (String t : locked.keySet()) {
                moved += engine.recalculate(ws, t, s.calendar(), s.requestedAt());
            }
            writeRetargeted(c, ws);
            ConfigStore.counted(c, s.recalculation(), locked.size(), moved);
            return new Retargeted(moved, lastQueued(c, ws));
        });
    }

    /** Whether the relay has published every message up to {@code id} of the outbox. */
    public boolean publishedUpTo(long id) {
        return inTransaction(c -> SlaStore.OUTBOX.publishedUpTo(c, id));
    }

    /** Downgrades a ticket's 24/7 follow-up to business hours (see {@link SlaEngine#downgradeFollowUp}). */
    public SlaEngine.Downgrade downgradeFollowUp(
            String ticketId, java.util.function.Supplier<com.supportdesk.support.Outbox.Outgoing> audit) {
        return inTransaction(c -> {
            refresh(c);
            Map<String, TicketRow> locked = SlaStore.lockTickets(c, List.of(ticketId), false);
            WorkSet ws = new WorkSet(locked, SlaStore.clocks(c, locked.keySet()), Map.of(), Map.of());
            SlaEngine.Downgrade outcome = engine.downgradeFollowUp(ws, ticketId, clock.instant());
            write(c, ws);
            if (outcome == SlaEngine.Downgrade.DOWNGRADED) {
                SlaStore.enqueue(c, List.of(audit.get())); // the audit record in the transaction of the change
            }
            return outcome;
        });
    }

    /** One slice of a policy change applied to running clocks: one pass in ticket order, the cursor kept. */
    private Claim applyPolicy(Connection c, ConfigStore.Recalculation r, int slice) throws SQLException {
        List<String> tickets = ConfigStore.openTicketsOnPolicy(c, r.policy(), r.afterTicket(), slice);
        if (tickets.isEmpty()) {
            ConfigStore.progress(c, r, clock.instant());
            LOG.infof(
                    "Policy %s v%d: %d clocks re-targeted (%d tickets looked at) in %d ms",
                    r.policy(),
                    r.version(),
                    r.moved(),
                    r.looked(),
                    java.time.Duration.between(r.requestedAt(), clock.instant()).toMillis());
            return new Claim(Retargeted.NONE, null);
        }
        // one pass: a ticket another transaction holds is waited for, not skipped (the cursor moves past it)
        Map<String, TicketRow> locked = SlaStore.lockTickets(c, tickets, false);
        WorkSet ws = new WorkSet(locked, SlaStore.clocks(c, locked.keySet()), Map.of(), Map.of());
        int moved = 0;
        java.time.Instant now = clock.instant(); // what was used until now is kept; the new target counts from now
        for (String t : locked.keySet()) {
            moved += engine.applyPolicy(ws, t, r.policy(), r.version(), now);
        }
        writeRetargeted(c, ws);
        ConfigStore.progress(c, r.advanced(tickets.get(tickets.size() - 1), locked.size(), moved), null);
        return new Claim(new Retargeted(moved, lastQueued(c, ws)), null);
    }

    /** The last message a re-targeting's slice queued, if it queued any (0: none). */
    private static long lastQueued(Connection c, WorkSet ws) throws SQLException {
        return ws.outgoing().isEmpty() ? 0 : SlaStore.OUTBOX.lastQueued(c);
    }

    /**
     * Writes back a re-targeting's work (running clocks re-computed or re-targeted, nothing parked, waiting or
     * started): the changed columns of existing rows, one statement per table for the whole slice, and the events.
     */
    private static void writeRetargeted(Connection c, WorkSet ws) throws SQLException {
        if (!ws.newlyParked().isEmpty()
                || !ws.unparked().isEmpty()
                || !ws.newlyWaiting().isEmpty()
                || !ws.released().isEmpty()) {
            throw new IllegalStateException("a re-targeting parked or released events");
        }
        SlaStore.updateSlaSequences(c, ws.changedTickets().values());
        SlaStore.updateClocks(c, ws.changedClocks());
        SlaStore.enqueue(c, ws.outgoing());
    }

    private void write(Connection c, WorkSet ws) throws SQLException {
        SlaStore.saveTickets(c, ws.changedTickets().values());
        SlaStore.saveClocks(c, ws.changedClocks());
        for (ParkedEvent p : ws.newlyParked()) {
            SlaStore.park(c, p);
        }
        for (ParkedEvent p : ws.unparked()) {
            SlaStore.unpark(c, p.ticketId(), p.sequence());
        }
        SlaStore.wait(c, ws.newlyWaiting(), clock.instant());
        SlaStore.stopWaiting(c, ws.released());
        SlaStore.enqueue(c, ws.outgoing());
    }

    <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, work);
    }
}
