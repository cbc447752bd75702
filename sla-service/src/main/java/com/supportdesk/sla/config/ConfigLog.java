package com.supportdesk.sla.config;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.sla.engine.SlaEngine;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.rest.Problem;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What every configuration change shares, whatever it changes (a calendar, a region, a policy): the optimistic
 * version check, the next version in {@code sla_config} (strictly after the previous one) and its record on
 * {@code sla-config}, written through the outbox in the same transaction.
 */
final class ConfigLog {

    private ConfigLog() {}

    /** 412 unless the caller read the version there is now ({@code expected} empty: any version). */
    static void checkVersion(String what, Optional<Integer> expected, int current) {
        if (expected.isPresent() && expected.get() != current) {
            throw new Problem.Failure(Problem.of(
                    412,
                    "version-mismatch",
                    "Version mismatch",
                    what + " is at version " + current + ", not " + expected.get()
                            + ": read it again and re-apply your change"));
        }
    }

    /**
     * Runs one configuration change in a transaction: serialised across instances (advisory lock), on the
     * configuration as it is now (what other instances changed is applied first), then applied here at once.
     */
    static <T> T change(com.supportdesk.sla.engine.SlaProcessor processor, com.supportdesk.support.Jdbc.Work<T> work) {
        T result = processor.write(c -> {
            ConfigStore.lock(c);
            processor.refresh(c);
            return work.run(c);
        });
        processor.refresh();
        return result;
    }

    /** The item's latest version, which must exist (404) and be the one the caller read (412). */
    static ConfigRow existing(Connection c, String kind, String what, String id, Optional<Integer> expected)
            throws SQLException {
        Optional<ConfigRow> latest = ConfigStore.latest(c, kind, id);
        if (latest.isEmpty() || latest.get().deleted()) {
            throw new Problem.Failure(Problem.of(404, "not-found", "Not found", "No " + what + " '" + id + "'"));
        }
        checkVersion(
                what.substring(0, 1).toUpperCase() + what.substring(1) + " '" + id + "'",
                expected,
                latest.get().version());
        return latest.get();
    }

    /** The item's latest version that is not deleted: its number, or 0 when there is none. */
    static int current(Optional<ConfigRow> latest) {
        return latest.filter(r -> !r.deleted()).map(ConfigRow::version).orElse(0);
    }

    /**
     * Stores the next version of an item, taking effect now (strictly after its previous change), and enqueues its
     * record, made by {@code event} from the stored row.
     */
    static ConfigRow append(
            Connection c,
            Clock clock,
            String kind,
            String id,
            Optional<ConfigRow> latest,
            String definition,
            List<String> changes,
            String by,
            java.util.function.Function<ConfigRow, Object> event)
            throws SQLException {
        Instant at = clock.instant();
        if (latest.isPresent() && !at.isAfter(latest.get().at())) {
            at = latest.get().at().plusMillis(1);
        }
        int version = latest.map(r -> r.version() + 1).orElse(1);
        ConfigRow row = ConfigStore.insert(
                c, new ConfigRow(0, kind, id, version, definition == null, definition, changes, by, at));
        SlaStore.enqueue(c, List.of(published(row, event.apply(row))));
        return row;
    }

    /** The {@code sla-config} record of a stored version: key {@code <kind>:<id>}, one id per version. */
    private static Outbox.Outgoing published(ConfigRow row, Object event) {
        String id = UUID.nameUUIDFromBytes((row.key() + "/" + row.version()).getBytes(StandardCharsets.UTF_8))
                .toString();
        CloudEvent envelope = new CloudEvent(
                id,
                Catalog.of(event.getClass()).type(),
                SlaEngine.SOURCE,
                row.key(),
                row.at(),
                (long) row.version(),
                null,
                event);
        return new Outbox.Outgoing(
                Topics.SLA_CONFIG,
                row.key(),
                com.supportdesk.support.Tracing.stamp(CloudEventCodec.headers(envelope)),
                CloudEventCodec.body(event));
    }
}
