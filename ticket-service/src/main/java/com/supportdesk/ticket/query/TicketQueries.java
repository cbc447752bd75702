package com.supportdesk.ticket.query;

import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.wire.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads straight from the event store: a ticket has a handful of events, so folding them on read is cheap and
 * always consistent with the command side. Bulk queries belong to reporting-service's projections.
 */
@ApplicationScoped
public class TicketQueries {

    @Inject
    EventStore eventStore;

    public Optional<List<StoredEvent>> history(String aggregateId) {
        List<StoredEvent> out = new ArrayList<>();
        eventStore.readEvents(aggregateId).asStream().forEach(m -> out.add(toStored(m)));
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** The ticket with this id; empty when there is none (or the id belongs to an outage or an account). */
    public Optional<TicketView> ticket(String ticketId) {
        List<Object> payloads = new ArrayList<>();
        long[] version = {-1};
        eventStore.readEvents(ticketId).asStream().forEach(m -> {
            payloads.add(m.getPayload());
            version[0] = m.getSequenceNumber();
        });
        if (payloads.isEmpty() || !(payloads.get(0) instanceof TicketOpened)) {
            return Optional.empty();
        }
        return Optional.of(TicketFold.fold(payloads, version[0]));
    }

    /** The latest payload of an aggregate (outages and accounts carry their state in every event). */
    public Optional<Object> latest(String aggregateId, Class<?> aggregateFirstEvent) {
        List<Object> payloads = new ArrayList<>();
        eventStore.readEvents(aggregateId).asStream().forEach(m -> payloads.add(m.getPayload()));
        if (payloads.isEmpty() || !aggregateFirstEvent.isInstance(payloads.get(0))) {
            return Optional.empty();
        }
        return Optional.of(payloads.get(payloads.size() - 1));
    }

    private static StoredEvent toStored(DomainEventMessage<?> m) {
        return new StoredEvent(m.getIdentifier(), Catalog.of(m.getPayloadType()).type(), m.getSequenceNumber(),
                m.getTimestamp(), m.getPayload());
    }
}
