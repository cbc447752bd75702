package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.EventRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.reporting.queue.QueueKey;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies a poll of events to one set of read-model tables: the live ones (the {@link Projector}) or a rebuild's
 * shadow tables (the {@link Rebuilder}). The rules are {@link ReadModelFold}'s; this is their I/O.
 */
final class ReadModelWriter {
    private static final Logger LOG = Logger.getLogger(ReadModelWriter.class);

    /** The tables of a read model: four of rows, and the dashboard's counters ({@link DashboardFigures}). */
    record Tables(
            Rows<TicketRecord> tickets,
            Rows<OutageRecord> outages,
            Rows<AccountRecord> accounts,
            Rows<EventRecord> events,
            String figures,
            String search) {
        static final Tables LIVE = new Tables(
                Rows.of(TicketRecord.class),
                Rows.of(OutageRecord.class),
                Rows.of(AccountRecord.class),
                Rows.of(EventRecord.class),
                "reporting.rpt_figure",
                "reporting.rpt_search");

        Tables suffixed(String suffix) {
            return new Tables(
                    tickets.suffixed(suffix),
                    outages.suffixed(suffix),
                    accounts.suffixed(suffix),
                    events.suffixed(suffix),
                    figures + suffix,
                    search + suffix);
        }

        List<String> names() {
            return List.of(events.table(), tickets.table(), outages.table(), accounts.table(), figures, search);
        }
    }

    private ReadModelWriter() {}

    /**
     * One poll's events in the caller's transaction: rows locked in key order (kinds always in the same order, so
     * writers of overlapping rows take turns instead of deadlocking; several instances in one group may hold a
     * ticket's ticket-events and sla-events partitions), events already recorded skipped, the rest folded in order and
     * written back in batches. Two first events of one ticket racing to INSERT: the loser fails on the key, the
     * runtime tries that record again, and then it finds the row.
     */
    static int apply(Connection c, List<BatchConsumer.Item> items, Tables into) throws SQLException {
        return apply(c, items, into, null).size();
    }

    /**
     * The same for a rebuild's bulk load ({@code met}: the ids the rebuild has applied so far, instead of the events
     * table's key): events are copied in ({@code COPY}) into a table without indexes, the search documents grow
     * without their GIN index, and the dashboard's counters are not kept (the rebuild counts them at the end); an event
     * older than the event log keeps is folded but not logged. Returns the ids of the events applied (the caller adds
     * them to {@code met} once the transaction committed).
     */
    static List<String> apply(Connection c, List<BatchConsumer.Item> items, Tables into, IdSet met)
            throws SQLException {
        boolean bulk = met != null;
        Set<String> ticketIds = new LinkedHashSet<>();
        Set<String> outageIds = new LinkedHashSet<>();
        Set<String> accountIds = new LinkedHashSet<>();
        List<String> eventIds = new ArrayList<>(items.size());
        ReadModelFold.Target[] targets = new ReadModelFold.Target[items.size()]; // found once (a chain of type tests)
        int k = 0;
        for (BatchConsumer.Item item : items) {
            eventIds.add(item.event().id());
            ReadModelFold.Target t =
                    targets[k++] = ReadModelFold.target(item.event().data());
            switch (t.kind()) {
                case TICKET -> ticketIds.add(t.id());
                case OUTAGE -> outageIds.add(t.id());
                case ACCOUNT -> accountIds.add(t.id());
                case NONE -> {}
            }
        }
        // the log's months: each event's own time (or now, when it has none); a month past the retention is not logged
        EventLog.Policy log = EventLog.policy();
        java.time.Instant now = log.clock().instant();
        java.time.YearMonth firstKept = log.firstKept(now);
        java.time.Instant earliest = null;
        java.time.Instant latest = null;
        boolean untimed = false;
        Set<java.time.YearMonth> months = new HashSet<>();
        for (BatchConsumer.Item item : items) {
            java.time.Instant time = item.event().time();
            if (time == null) {
                untimed = true;
                time = now;
            }
            earliest = earliest == null || time.isBefore(earliest) ? time : earliest;
            latest = latest == null || time.isAfter(latest) ? time : latest;
            if (!EventLog.expired(firstKept, time)) {
                months.add(EventLog.month(time));
            }
        }
        EventLog.ensure(c, into.events().table(), months); // before any row lock: a new month is rare DDL
        // a rebuild writes alone: its rows are read without locks
        Touched<AccountRecord> accounts =
                new Touched<>(into.accounts(), into.accounts().read(c, accountIds, !bulk), !bulk);
        Map<String, String> plansBefore = new java.util.HashMap<>();
        accounts.rows.forEach((id, a) -> plansBefore.put(id, a.planLevel));
        Touched<OutageRecord> outages =
                new Touched<>(into.outages(), into.outages().read(c, outageIds, !bulk), !bulk);
        Touched<TicketRecord> tickets =
                new Touched<>(into.tickets(), into.tickets().read(c, ticketIds, !bulk), !bulk);
        // each locked ticket's figures before the poll's events: the counters move by after minus before
        DashboardFigures.Delta figures = new DashboardFigures.Delta();
        SearchIndex search = new SearchIndex();
        tickets.rows.values().forEach(t -> figures.remove(DashboardFigures.names(t)));
        // an event's copies share its time, so only the poll's months are looked in (unless one came without a time)
        Set<String> seen = bulk
                ? new HashSet<>()
                : new HashSet<>(
                        untimed || items.isEmpty()
                                ? Jdbc.strings(
                                        c,
                                        "select eventId from " + into.events().table() + " where eventId = any(?)",
                                        c.createArrayOf("varchar", eventIds.toArray()))
                                : Jdbc.strings(
                                        c,
                                        "select eventId from " + into.events().table()
                                                + " where eventId = any(?) and \"time\" between ? and ?",
                                        c.createArrayOf("varchar", eventIds.toArray()),
                                        earliest,
                                        latest));
        List<EventRecord> recorded = new ArrayList<>();
        List<Logged> logged = new ArrayList<>(); // a rebuild's: copied in as they arrived, no entity made
        List<String> applied = new ArrayList<>();
        int expired = 0;
        k = 0;
        for (BatchConsumer.Item item : items) {
            ReadModelFold.Target target = targets[k++];
            CloudEvent e = item.event();
            if ((bulk && met.contains(e.id())) || !seen.add(e.id())) {
                continue; // applied before (or earlier in this poll)
            }
            java.time.Instant time = e.time() == null ? now : e.time();
            boolean old = EventLog.expired(firstKept, time);
            if (old && !bulk) {
                expired++; // older than the log keeps: applied when it was young, and a copy can no longer be told
                continue;
            }
            if (target.kind() == ReadModelFold.Kind.TICKET && ReadModelFold.stale(e, tickets.rows.get(target.id()))) {
                continue; // an older copy of what the row already has: neither applied nor recorded
            }
            applied.add(e.id());
            if (!old && bulk) { // (an old one is folded, not logged)
                logged.add(new Logged(e, item.record().topic(), item.record().body(), time));
            } else if (!old) {
                recorded.add(ReadModelFold.record(
                        e, item.record().topic(), item.record().body(), time));
            }
            if (e.data() instanceof com.supportdesk.contract.event.SlaBreached && e.time() != null) {
                figures.add(DashboardFigures.breaches(e.time()), 1);
            } else if (e.data() instanceof com.supportdesk.contract.event.TicketOpened o) {
                search.opened(o);
            } else if (e.data() instanceof com.supportdesk.contract.event.MessageAdded m) {
                search.message(m);
            }
            switch (target.kind()) {
                case TICKET -> {
                    TicketRecord found = tickets.rows.get(target.id());
                    if (found != null
                            && e.sequence() != null
                            && e.data() instanceof TicketEvent
                            && e.sequence() > found.lastSequence + 1) {
                        LOG.warnf(
                                "Gap on ticket %s: #%d after #%d (applied)",
                                target.id(), e.sequence(), found.lastSequence);
                    }
                    ReadModelFold.ticket(tickets.row(target.id(), ReadModelFold::newTicket), e);
                }
                case OUTAGE -> ReadModelFold.outage(outages.row(target.id(), ReadModelFold::newOutage), e.data());
                case ACCOUNT -> ReadModelFold.account(accounts.row(target.id(), ReadModelFold::newAccount), e.data());
                case NONE -> {}
            }
        }
        plans(c, into, accounts, tickets);
        if (bulk) {
            copy(c, into.events().table(), logged);
        } else {
            into.events().insertAll(c, recorded);
        }
        accounts.write(c, into.accounts());
        for (String id : bulk ? Set.<String>of() : accounts.changed) { // a rebuild sets plans at the end
            String plan = accounts.rows.get(id).planLevel;
            if (!java.util.Objects.equals(plan, plansBefore.get(id))) {
                // the account's other tickets: their plan and the plan's digit of their place in the queue
                Jdbc.update(
                        c,
                        "update " + into.tickets().table() + " set planlevel = ?, queuekey = case when queuekey is null"
                                + " then null else overlay(queuekey placing ? from " + QueueKey.PLAN_POSITION
                                + " for 1) end where accountid = ? and planlevel is distinct from ?",
                        plan,
                        String.valueOf(QueueKey.plan(plan)),
                        id,
                        plan);
            }
        }
        outages.write(c, into.outages());
        if (bulk) {
            tickets.replace(c, into.tickets()); // alone on its table: deleted and copied in, not updated
        } else {
            tickets.write(c, into.tickets());
        }
        if (!bulk) {
            tickets.rows.values().forEach(t -> figures.add(DashboardFigures.names(t)));
            count(c, into.figures(), figures.changes());
        }
        search.write(c, into.search(), into.accounts().table()); // a rebuild's without their GIN index until the end
        if (LOG.isDebugEnabled()) {
            LOG.debugf(
                    "poll of %d: %d events recorded, %d tickets changed",
                    items.size(), recorded.size() + logged.size(), tickets.changed.size());
        }
        if (expired > 0) {
            LOG.warnf("%d event(s) older than the event log's first month kept (%s) skipped", expired, firstKept);
        }
        return applied;
    }

    /** An event for a rebuild's log: its body is copied in as the bytes it arrived as. */
    private record Logged(CloudEvent event, String topic, byte[] body, java.time.Instant time) {}

    /**
     * Events appended with {@code COPY} (the text format, streamed in chunks: {@link CopyText}): a rebuild's bulk
     * load.
     */
    private static void copy(Connection c, String table, List<Logged> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        CopyText.copyIn(
                c,
                "COPY " + table + " (eventid, data, sequence, source, subject, \"time\", topic, type) FROM STDIN",
                text -> {
                    for (Logged r : rows) {
                        CloudEvent e = r.event();
                        text.text(e.id())
                                .bytes(CopyText.wellFormed(r.body()))
                                .plain(
                                        e.sequence() == null
                                                ? null
                                                : e.sequence().toString())
                                .text(e.source())
                                .text(e.subject())
                                .plain(r.time() == null ? null : r.time().toString())
                                .text(r.topic())
                                .text(e.type())
                                .endRow();
                    }
                });
    }

    /**
     * Each ticket of the poll takes its account's plan level (for its place in the work queue): from this poll's account
     * rows when its account changed in it, else, for a ticket that has none yet, from the stored account (a ticket that
     * has one keeps it: a later plan change rewrites it set-based, below in {@link #apply}). A ticket whose plan moved
     * has its derived columns made again.
     */
    private static void plans(Connection c, Tables into, Touched<AccountRecord> accounts, Touched<TicketRecord> tickets)
            throws SQLException {
        Map<String, String> plans = new java.util.HashMap<>();
        accounts.rows.forEach((id, a) -> plans.put(id, a.planLevel));
        Set<String> unknown = new HashSet<>();
        for (TicketRecord t : tickets.rows.values()) {
            if (t.accountId != null && t.planLevel == null && !plans.containsKey(t.accountId)) {
                unknown.add(t.accountId);
            }
        }
        if (!unknown.isEmpty()) { // new tickets, mostly: one read for the poll
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "select accountid, planlevel from " + into.accounts().table() + " where accountid = any(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", unknown.toArray()));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plans.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        for (TicketRecord t : tickets.rows.values()) {
            if (plans.containsKey(t.accountId) && !java.util.Objects.equals(plans.get(t.accountId), t.planLevel)) {
                t.planLevel = plans.get(t.accountId);
                ReadModelFold.derive(t);
                tickets.changed.add(t.ticketId);
            }
        }
    }

    /** Moves the counters, in name order (two batches lock shared counters in the same order, after their rows). */
    private static void count(Connection c, String table, Map<String, Long> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("insert into " + table
                + " as f (name, n) values (?, ?) on conflict (name) do update set n = f.n + excluded.n")) {
            for (Map.Entry<String, Long> change : changes.entrySet()) {
                ps.setString(1, change.getKey());
                ps.setLong(2, change.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The rows of one kind a poll reads, creates and changes. */
    private static final class Touched<T> {
        final Map<String, T> rows;
        final Map<String, T> created = new LinkedHashMap<>();
        final Set<String> changed = new LinkedHashSet<>();
        /** The rows' values as read, when they are to be updated (only their changed columns are written). */
        private final Map<String, Object[]> before;

        Touched(Rows<T> table, Map<String, T> read, boolean updated) {
            rows = read;
            before = updated ? new java.util.HashMap<>() : null;
            if (updated) {
                read.forEach((id, row) -> before.put(id, table.snapshot(row)));
            }
        }

        /** The row to change (made new when there is none yet). */
        T row(String id, java.util.function.Function<String, T> fresh) {
            changed.add(id);
            return rows.computeIfAbsent(id, k -> {
                T row = fresh.apply(k);
                created.put(k, row);
                return row;
            });
        }

        /** New rows inserted, changed ones written back: the columns the poll changed. */
        void write(Connection c, Rows<T> table) throws SQLException {
            table.insertAll(c, created.values());
            List<T> updated = new ArrayList<>();
            for (String id : changed) {
                if (!created.containsKey(id)) {
                    updated.add(rows.get(id));
                }
            }
            table.updateChanged(c, updated, before);
        }

        /** The same for a writer alone on the table: changed rows deleted, then every new and changed row copied in. */
        void replace(Connection c, Rows<T> table) throws SQLException {
            List<String> existing = new ArrayList<>();
            List<T> all = new ArrayList<>(changed.size());
            for (String id : changed) {
                if (!created.containsKey(id)) {
                    existing.add(id);
                }
                all.add(rows.get(id));
            }
            table.replaceAll(c, existing, all);
        }
    }
}
