package com.supportdesk.ticket.messaging;

import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Worker;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * How many stored events the relay has not published yet: the event store's last global index against the relay's
 * token, looked at every 15 s and measured as {@code support_relay_backlog_events}. Every instance reports the same
 * figure. Unlike the relay's delay, which only records what got published, this grows when the relay publishes
 * nothing at all (a stopped processor, a broker that takes nothing), which the {@code RelayStuck} alert pages on.
 */
@ApplicationScoped
public class RelayBacklog extends Worker {
    static final long EVERY_MS = 15_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    private volatile double backlog = Double.NaN;

    /** The first round only waits: on a new database Axon makes its tables as the service starts, not before. */
    private boolean waited;

    void start(@Observes StartupEvent started) {
        Gauge.builder("support.relay.backlog", this, b -> b.backlog)
                .description("Stored events the relay has not published yet (the store's head against its token)")
                .baseUnit("events")
                .register(meters);
        startWorker("relay-backlog");
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopWorker();
    }

    /** Looks now (tests, instead of waiting for the next round). */
    public long measure() {
        long found = Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = Jdbc.prepare(
                            c,
                            "SELECT (SELECT coalesce(max(globalindex), 0) FROM domainevententry),"
                                    + " (SELECT token FROM tokenentry WHERE processorname = ? AND segment = 0)",
                            EventRelay.PROCESSOR);
                    ResultSet r = ps.executeQuery()) {
                r.next();
                long head = r.getLong(1);
                byte[] token = r.getBytes(2);
                return Math.max(0, head - position(token));
            }
        });
        backlog = found;
        return found;
    }

    /** The relay's position: the token's {@code index} (Axon's gap-aware token, as JSON); none yet: 0. */
    static long position(byte[] token) {
        if (token == null) {
            return 0;
        }
        try {
            return CloudEventCodec.mapper().readTree(token).path("index").asLong(0);
        } catch (IOException e) {
            throw new IllegalStateException("the relay's token is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    protected long round() {
        if (waited) {
            measure();
        }
        waited = true;
        return EVERY_MS;
    }
}
