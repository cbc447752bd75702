package com.supportdesk.ticket.query;

import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.wire.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads from the event store, always consistent with the command side, without reading and deserialising a whole
 * history per request: the histories read lately are kept in memory (least recently used go first), and a read asks the
 * store only for events after the last one known (one indexed query, usually answering nothing new). Events are
 * immutable and appended in sequence, so a known prefix never changes; another instance's appends are found by the
 * same query. Bulk queries belong to reporting-service's projections.
 */
@ApplicationScoped
public class TicketQueries {

    @Inject
    EventStore eventStore;

    @Inject
    com.supportdesk.ticket.config.TicketSettings.Queries settings;

    private Map<String, List<StoredEvent>> known;

    private synchronized Map<String, List<StoredEvent>> known() {
        if (known == null) {
            known = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<StoredEvent>> eldest) {
                    return size() > settings.cachedHistories();
                }
            });
        }
        return known;
    }

    /** The aggregate's events, oldest first: what was known plus what the store has after it. */
    public Optional<List<StoredEvent>> history(String aggregateId) {
        List<StoredEvent> before = known().get(aggregateId);
        long next = before == null ? 0 : before.get(before.size() - 1).sequence() + 1;
        List<StoredEvent> after = new ArrayList<>();
        eventStore.readEvents(aggregateId, next).asStream().forEach(m -> after.add(toStored(m)));
        if (after.isEmpty()) {
            return Optional.ofNullable(before);
        }
        List<StoredEvent> all = new ArrayList<>(before == null ? List.of() : before);
        all.addAll(after);
        List<StoredEvent> now = List.copyOf(all);
        known().merge(aggregateId, now, (old, fresh) -> old.size() >= fresh.size() ? old : fresh);
        return Optional.of(now);
    }

    /**
     * Adds the events a command just appended (and committed) to the known history, when they follow on from it (or
     * begin it); returns the sequence number of the last one, -1 when there were none.
     */
    public long learn(String aggregateId, List<org.axonframework.eventhandling.DomainEventMessage<?>> applied) {
        List<StoredEvent> fresh = applied.stream()
                .filter(m -> aggregateId.equals(m.getAggregateIdentifier()))
                .map(TicketQueries::toStored)
                .toList();
        if (fresh.isEmpty()) {
            return -1;
        }
        long first = fresh.get(0).sequence();
        known().compute(aggregateId, (id, before) -> {
            long last = before == null ? -1 : before.get(before.size() - 1).sequence();
            if (last + 1 != first) {
                return before; // not contiguous (another instance appended between): the next read fills the gap
            }
            List<StoredEvent> all = new ArrayList<>(before == null ? List.of() : before);
            all.addAll(fresh);
            return List.copyOf(all);
        });
        return fresh.get(fresh.size() - 1).sequence();
    }

    /**
     * The ticket as of {@code version} when the known history ends exactly there (a command's answer, right after
     * {@link #learn}): no read at all; otherwise as {@link #ticket}.
     */
    public Optional<TicketView> ticketAt(String ticketId, long version) {
        List<StoredEvent> h = known().get(ticketId);
        if (version >= 0
                && h != null
                && h.get(h.size() - 1).sequence() == version
                && h.get(0).data() instanceof TicketOpened) {
            return Optional.of(TicketFold.fold(h.stream().map(StoredEvent::data).toList(), version));
        }
        return ticket(ticketId);
    }

    /** The account a ticket belongs to, which never changes: from the known history when there is one. */
    public Optional<String> accountOf(String ticketId) {
        List<StoredEvent> h = known().get(ticketId);
        if (h != null && h.get(0).data() instanceof TicketOpened o) {
            return Optional.of(o.accountId());
        }
        return ticket(ticketId).map(TicketView::accountId);
    }

    /** The ticket with this id; empty when there is none (or the id belongs to an outage or an account). */
    public Optional<TicketView> ticket(String ticketId) {
        return history(ticketId)
                .filter(h -> h.get(0).data() instanceof TicketOpened)
                .map(h -> TicketFold.fold(
                        h.stream().map(StoredEvent::data).toList(),
                        h.get(h.size() - 1).sequence()));
    }

    /** The latest payload of an aggregate (outages and accounts carry their state in every event). */
    public Optional<Object> latest(String aggregateId, Class<?> aggregateFirstEvent) {
        return history(aggregateId)
                .filter(h -> aggregateFirstEvent.isInstance(h.get(0).data()))
                .map(h -> h.get(h.size() - 1).data());
    }

    private static StoredEvent toStored(DomainEventMessage<?> m) {
        return new StoredEvent(
                m.getIdentifier(),
                Catalog.of(m.getPayloadType()).type(),
                m.getSequenceNumber(),
                m.getTimestamp(),
                m.getPayload());
    }
}
