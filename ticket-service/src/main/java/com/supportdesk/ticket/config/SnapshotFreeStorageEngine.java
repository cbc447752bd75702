package com.supportdesk.ticket.config;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * The JDBC event store without the snapshot lookup: no snapshots are taken (a ticket has a handful of events, and
 * aggregates are cached), so loading an aggregate does not ask the snapshot table first. Taking snapshots later means
 * removing this override together with configuring a snapshotter.
 */
final class SnapshotFreeStorageEngine extends JdbcEventStorageEngine {
    SnapshotFreeStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }
}
