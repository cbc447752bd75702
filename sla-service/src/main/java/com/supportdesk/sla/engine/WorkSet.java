package com.supportdesk.sla.engine;

import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.sla.clock.SlaClock;
import com.supportdesk.sla.store.ParkedEvent;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.sla.store.TicketRow;
import com.supportdesk.support.Outbox;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state one transaction reads, changes and writes back: tickets, their clocks, parked events, accounts, and
 * the messages to publish. Filled by the caller from the store; {@link SlaEngine} only changes it in memory.
 */
public final class WorkSet {
    final Map<String, TicketRow> tickets;
    final Map<String, Map<ClockKind, SlaClock>> clocks;
    final Map<String, TreeMap<Long, ParkedEvent>> parked;
    final Map<String, SlaStore.AccountRow> accounts;
    final Map<String, TicketRow> changedTickets = new LinkedHashMap<>();
    final Map<String, SlaClock> changedClocks = new LinkedHashMap<>();
    final List<ParkedEvent> newlyParked = new ArrayList<>();
    final List<ParkedEvent> unparked = new ArrayList<>();
    final List<Outbox.Outgoing> outgoing = new ArrayList<>();
    /** Tickets whose opening now waits for the account (ticket -> account). */
    final Map<String, String> newlyWaiting = new LinkedHashMap<>();
    /** Tickets released from waiting (started with their account or the default contract). */
    final List<String> released = new ArrayList<>();

    final java.util.Set<String> releasing = new java.util.HashSet<>();

    public WorkSet(
            Map<String, TicketRow> tickets,
            Map<String, Map<ClockKind, SlaClock>> clocks,
            Map<String, TreeMap<Long, ParkedEvent>> parked,
            Map<String, SlaStore.AccountRow> accounts) {
        this.tickets = new HashMap<>(tickets);
        this.clocks = new HashMap<>();
        clocks.forEach((id, byKind) -> this.clocks.put(id, new EnumMap<>(byKind)));
        this.parked = new HashMap<>(parked);
        this.accounts = accounts;
    }

    public static WorkSet empty() {
        return new WorkSet(Map.of(), Map.of(), Map.of(), Map.of());
    }

    void put(TicketRow t) {
        tickets.put(t.ticketId(), t);
        changedTickets.put(t.ticketId(), t);
    }

    void put(SlaClock c) {
        clocks.computeIfAbsent(c.ticketId(), k -> new EnumMap<>(ClockKind.class))
                .put(c.kind(), c);
        changedClocks.put(c.ticketId() + "/" + c.kind(), c);
    }

    public Map<String, TicketRow> changedTickets() {
        return changedTickets;
    }

    public List<SlaClock> changedClocks() {
        return List.copyOf(changedClocks.values());
    }

    public List<ParkedEvent> newlyParked() {
        return newlyParked;
    }

    public List<ParkedEvent> unparked() {
        return unparked;
    }

    public Map<String, String> newlyWaiting() {
        return newlyWaiting;
    }

    public List<String> released() {
        return released;
    }

    public List<Outbox.Outgoing> outgoing() {
        return outgoing;
    }

    public void send(Outbox.Outgoing message) {
        outgoing.add(message);
    }
}
