package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.EventRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a poll of events to one set of read-model tables: the live ones (the {@link Projector}) or a rebuild's
 * shadow tables (the {@link Rebuilder}). The rules are {@link ReadModelFold}'s; this is their I/O.
 */
final class ReadModelWriter {
    private static final Logger LOG = Logger.getLogger(ReadModelWriter.class);

    /** The four tables of a read model. */
    record Tables(Rows<TicketRecord> tickets, Rows<OutageRecord> outages, Rows<AccountRecord> accounts,
                  Rows<EventRecord> events) {
        static final Tables LIVE = new Tables(Rows.of(TicketRecord.class), Rows.of(OutageRecord.class),
                Rows.of(AccountRecord.class), Rows.of(EventRecord.class));

        Tables suffixed(String suffix) {
            return new Tables(tickets.suffixed(suffix), outages.suffixed(suffix), accounts.suffixed(suffix),
                    events.suffixed(suffix));
        }

        List<String> names() {
            return List.of(events.table(), tickets.table(), outages.table(), accounts.table());
        }
    }

    private ReadModelWriter() {
    }

    /**
     * One poll's events in the caller's transaction: rows locked in key order (kinds always in the same order, so
     * writers of overlapping rows take turns instead of deadlocking; several instances in one group may hold a
     * ticket's ticket-events and sla-events partitions), events already recorded skipped, the rest folded in order and
     * written back in batches. Two first events of one ticket racing to INSERT: the loser fails on the key, the
     * runtime tries that record again, and then it finds the row.
     */
    static int apply(Connection c, List<BatchConsumer.Item> items, Tables into) throws SQLException {
        Set<String> ticketIds = new LinkedHashSet<>();
        Set<String> outageIds = new LinkedHashSet<>();
        Set<String> accountIds = new LinkedHashSet<>();
        List<String> eventIds = new ArrayList<>(items.size());
        for (BatchConsumer.Item item : items) {
            eventIds.add(item.event().id());
            ReadModelFold.Target t = ReadModelFold.target(item.event().data());
            switch (t.kind()) {
                case TICKET -> ticketIds.add(t.id());
                case OUTAGE -> outageIds.add(t.id());
                case ACCOUNT -> accountIds.add(t.id());
                case NONE -> {
                }
            }
        }
        Map<String, AccountRecord> accounts = into.accounts().lock(c, accountIds);
        Map<String, OutageRecord> outages = into.outages().lock(c, outageIds);
        Map<String, TicketRecord> tickets = into.tickets().lock(c, ticketIds);
        Set<String> seen = new HashSet<>(Jdbc.strings(c, "select eventId from " + into.events().table()
                + " where eventId = any(?)", c.createArrayOf("varchar", eventIds.toArray())));
        Map<String, TicketRecord> newTickets = new LinkedHashMap<>();
        Map<String, OutageRecord> newOutages = new LinkedHashMap<>();
        Map<String, AccountRecord> newAccounts = new LinkedHashMap<>();
        Set<String> changedTickets = new LinkedHashSet<>();
        Set<String> changedOutages = new LinkedHashSet<>();
        Set<String> changedAccounts = new LinkedHashSet<>();
        List<EventRecord> recorded = new ArrayList<>();
        for (BatchConsumer.Item item : items) {
            CloudEvent e = item.event();
            if (!seen.add(e.id())) {
                continue; // applied before (or earlier in this poll)
            }
            ReadModelFold.Target target = ReadModelFold.target(e.data());
            if (target.kind() != ReadModelFold.Kind.TICKET || !ReadModelFold.stale(e, tickets.get(target.id()))) {
                recorded.add(ReadModelFold.record(e, item.record().topic(), item.record().body()));
            }
            switch (target.kind()) {
                case TICKET -> {
                    TicketRecord found = tickets.get(target.id());
                    if (ReadModelFold.stale(e, found)) {
                        continue; // an older copy of what the row already has: neither applied nor recorded
                    }
                    if (found != null && e.sequence() != null && e.data() instanceof TicketEvent
                            && e.sequence() > found.lastSequence + 1) {
                        LOG.warnf("Gap on ticket %s: #%d after #%d (applied)", target.id(), e.sequence(),
                                found.lastSequence);
                    }
                    TicketRecord t = found;
                    if (t == null) {
                        t = ReadModelFold.newTicket(target.id());
                        tickets.put(target.id(), t);
                        newTickets.put(target.id(), t);
                    }
                    ReadModelFold.ticket(t, e);
                    changedTickets.add(target.id());
                }
                case OUTAGE -> {
                    OutageRecord o = outages.computeIfAbsent(target.id(), id -> {
                        OutageRecord fresh = ReadModelFold.newOutage(id);
                        newOutages.put(id, fresh);
                        return fresh;
                    });
                    ReadModelFold.outage(o, e.data());
                    changedOutages.add(target.id());
                }
                case ACCOUNT -> {
                    AccountRecord a = accounts.computeIfAbsent(target.id(), id -> {
                        AccountRecord fresh = ReadModelFold.newAccount(id);
                        newAccounts.put(id, fresh);
                        return fresh;
                    });
                    ReadModelFold.account(a, e.data());
                    changedAccounts.add(target.id());
                }
                case NONE -> {
                }
            }
        }
        into.events().insertAll(c, recorded);
        write(c, into.accounts(), accounts, newAccounts, changedAccounts);
        write(c, into.outages(), outages, newOutages, changedOutages);
        write(c, into.tickets(), tickets, newTickets, changedTickets);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("poll of %d: %d events recorded, %d tickets changed", items.size(), recorded.size(),
                    changedTickets.size());
        }
        return recorded.size();
    }

    private static <T> void write(Connection c, Rows<T> rows, Map<String, T> all, Map<String, T> created,
                                  Set<String> changed) throws SQLException {
        rows.insertAll(c, created.values());
        List<T> updated = new ArrayList<>();
        for (String id : changed) {
            if (!created.containsKey(id)) {
                updated.add(all.get(id));
            }
        }
        rows.updateAll(c, updated);
    }
}
