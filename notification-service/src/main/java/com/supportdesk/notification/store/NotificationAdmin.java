package com.supportdesk.notification.store;

import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.store.NotificationStore.OutageRow;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What notification-service's REST API reads and changes, each in one transaction: webhook subscriptions, deliveries,
 * the dead-letter store, outage verdicts. A change writes its audit entry into the outbox in its own transaction.
 */
@ApplicationScoped
public class NotificationAdmin {
    @Inject
    AgroalDataSource dataSource;

    public void subscribe(Subscription s, Outbox.Outgoing audit) {
        Jdbc.inTransaction(dataSource, c -> {
            NotificationStore.saveSubscription(c, s);
            NotificationStore.OUTBOX.enqueue(c, List.of(audit));
            return null;
        });
    }

    /**
     * Gives the subscription a new sealed secret, keeping {@code previousOf} its current one until {@code until};
     * empty when there is no such subscription that {@code visible} lets the caller see.
     */
    public Optional<Subscription> rotate(
            String id,
            Predicate<Subscription> visible,
            String sealed,
            Function<Subscription, String> previousOf,
            Instant until,
            Function<Subscription, Outbox.Outgoing> audit) {
        return Jdbc.inTransaction(dataSource, c -> {
            Optional<Subscription> s = NotificationStore.subscription(c, id).filter(visible);
            if (s.isEmpty()) {
                return Optional.<Subscription>empty();
            }
            NotificationStore.rotateSecret(c, id, sealed, previousOf.apply(s.get()), until);
            NotificationStore.OUTBOX.enqueue(c, List.of(audit.apply(s.get())));
            return NotificationStore.subscription(c, id);
        });
    }

    public List<Subscription> subscriptions() {
        return Jdbc.inTransaction(dataSource, NotificationStore::subscriptions);
    }

    public Optional<Subscription> subscription(String id) {
        return Jdbc.inTransaction(dataSource, c -> NotificationStore.subscription(c, id));
    }

    /** Ends the subscription; false when it was not active. */
    public boolean unsubscribe(String id, Outbox.Outgoing audit) {
        return Jdbc.inTransaction(dataSource, c -> {
            boolean done = NotificationStore.deactivate(c, id);
            if (done) {
                NotificationStore.OUTBOX.enqueue(c, List.of(audit));
            }
            return done;
        });
    }

    public List<Delivery> deliveriesOf(String subjectId) {
        return Jdbc.inTransaction(dataSource, c -> NotificationStore.deliveriesOf(c, subjectId));
    }

    public Optional<Delivery> delivery(String id) {
        return Jdbc.inTransaction(dataSource, c -> NotificationStore.delivery(c, id));
    }

    public List<Delivery> parked(int limit, String after) {
        return Jdbc.inTransaction(dataSource, c -> NotificationStore.parked(c, limit, after));
    }

    /** Sends a parked delivery again: empty when there is no such delivery, false when it is not parked. */
    public Optional<Boolean> replay(String id, Instant now, Function<Delivery, Outbox.Outgoing> audit) {
        return Jdbc.inTransaction(dataSource, c -> {
            Optional<Delivery> parked = NotificationStore.delivery(c, id);
            if (parked.isEmpty()) {
                return Optional.<Boolean>empty();
            }
            boolean done = NotificationStore.replay(c, id, now);
            if (done) {
                NotificationStore.OUTBOX.enqueue(c, List.of(audit.apply(parked.get())));
            }
            return Optional.of(done);
        });
    }

    public List<OutageRow> recentOutages(int limit) {
        return Jdbc.inTransaction(dataSource, c -> NotificationStore.recentOutages(c, limit));
    }
}
