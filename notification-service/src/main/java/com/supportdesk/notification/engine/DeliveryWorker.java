package com.supportdesk.notification.engine;

import com.supportdesk.contract.event.NotificationFailed;
import com.supportdesk.contract.event.NotificationSent;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.webhook.RetryPolicy;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends the due deliveries of one channel, most urgent first ({@link NotificationStore#urgency}), a few per
 * transaction ({@code perTransaction}; e-mail reuses the mailer's pooled SMTP connections): the rows are locked while
 * they are sent and marked sent (with their outcomes on {@code notification-events}) in the same transaction. A crash after the
 * server accepted the message and before the commit sends it once more on restart, with the same Message-ID /
 * delivery id, which receivers can use to drop the repeat (ADR 0007). Failures back off per the retry policy and end
 * in the dead-letter store.
 * <p>
 * With a {@link Digest} (e-mail), a burst of routine notices to one person is coalesced: when the next delivery is a
 * routine one and at least {@code min} routine deliveries to the same recipient (same language) are due, up to
 * {@code max} of them are made one digest, and that composition is committed before anything is sent; the digest is
 * then sent, retried and parked as one message, with the digest id as its Message-ID, so a crash in the middle
 * resends the same digest, never its notices in another one. Escalations, outage notices, breaches and maintenance
 * announcements are never part of a digest.
 */
public final class DeliveryWorker extends Worker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** Coalescing of routine e-mail bursts: at least {@code min} due notices to one person, at most {@code max}. */
    public record Digest(int min, int max) {
        public Digest {
            if (min < 2 || max < min) {
                throw new IllegalArgumentException("a digest needs 2 <= min <= max, got " + min + ", " + max);
            }
        }
    }

    private final DataSource dataSource;
    private final NotificationChannel channel;
    private final Sender sender;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration maxIdle;
    private final Runnable published;
    private final int perTransaction;
    private final int shard;
    private final int shards;
    private final Digest digest;
    /**
     * How many due deliveries one look at the queue finds. They are then taken in turn, each locked and sent in a
     * transaction of its own: the look costs as much as the send's own statements with a queue of hundreds of
     * thousands (0.8 ms), and was made for every delivery.
     */
    static final int PROBED = 16;
    /**
     * How long the deliveries found are taken in turn before the queue is looked at again: an urgent one queued
     * meanwhile waits at most this long, and one send.
     */
    static final Duration PROBE_FRESH = Duration.ofMillis(250);

    /**
     * How long a sender's transaction may sit idle between two statements, i.e. how long one send may take: far more
     * than a live send can (an e-mail is at most a dozen reads of 30 s: a new connection with STARTTLS and a login, the
     * envelope, the content's answer; a webhook a connect and a read of 10 s each). A sender frozen mid-send holds its
     * deliveries that long at most; then PostgreSQL ends its session and another sender sends them, with the same
     * Message-ID or delivery id, as after a crash (ADR 0007).
     */
    static final Duration SENDING_IDLE_BOUND = Duration.ofMinutes(10);

    private final java.util.ArrayDeque<String> probed = new java.util.ArrayDeque<>();
    private long probedUntil;
    private io.micrometer.core.instrument.MeterRegistry meters;
    private com.supportdesk.support.Tracing tracing = com.supportdesk.support.Tracing.none();

    /**
     * Sender {@code shard} of {@code shards} for the channel: it sends to the recipients that hash to it; with a
     * {@code digest} (null: none) it coalesces bursts of routine notices.
     */
    public DeliveryWorker(
            DataSource dataSource,
            NotificationChannel channel,
            Sender sender,
            RetryPolicy retry,
            Clock clock,
            Duration maxIdle,
            Runnable published,
            int perTransaction,
            int shard,
            int shards,
            Digest digest) {
        this.digest = digest;
        this.perTransaction = perTransaction;
        this.shard = shard;
        this.shards = shards;
        this.dataSource = dataSource;
        this.channel = channel;
        this.sender = sender;
        this.retry = retry;
        this.clock = clock;
        this.maxIdle = maxIdle;
        this.published = published;
    }

    public void start(com.supportdesk.support.health.WorkHealth health) {
        String name = "deliver-" + channel.name().toLowerCase() + (shards > 1 ? "-" + shard : "");
        startWorker(name, health.watch(name));
    }

    public void stop() {
        stopWorker();
    }

    @Override
    protected long round() {
        int sent = 0;
        int round;
        while (sent < 100 && (round = deliverSome()) > 0) {
            sent += round;
        }
        if (sent > 0) {
            published.run();
            return 0;
        }
        Optional<Instant> next =
                Jdbc.inTransaction(dataSource, c -> NotificationStore.nextAttempt(c, channel, shard, shards));
        long wait = maxIdle.toMillis();
        if (next.isPresent()) {
            wait = Math.max(
                    5,
                    Math.min(wait, Duration.between(clock.instant(), next.get()).toMillis()));
        }
        return wait;
    }

    /**
     * Sends the next due deliveries (the most urgent first), up to {@code perTransaction} in one transaction; an
     * urgent delivery queued meanwhile leads the next claim. Returns how many it handled.
     */
    int deliverSome() {
        return Jdbc.inTransaction(dataSource, c -> {
            int handled = 0;
            Instant now = clock.instant();
            List<Delivery> due = claim(c, now);
            for (Delivery d : due) {
                if (d.digestId() != null) {
                    List<Delivery> members = NotificationStore.claimDigest(c, d.digestId());
                    if (members.isEmpty()) {
                        continue; // another sender holds part of it and sends it
                    }
                    deliverDigest(c, d.digestId(), members);
                } else if (!compose(c, d, now)) {
                    deliver(c, d);
                } else {
                    probed.addFirst(d.id()); // its digest goes next, once this composition is committed
                }
                handled++;
            }
            return handled;
        });
    }

    /**
     * The next due deliveries, up to {@code perTransaction}, locked: taken from those the last look at the queue found
     * while it is fresh, else from a new look (one found gone meanwhile is skipped).
     */
    private List<Delivery> claim(java.sql.Connection c, Instant now) throws java.sql.SQLException {
        for (int look = 0; look < 2; look++) {
            if (probed.isEmpty() || System.nanoTime() - probedUntil > 0) {
                probed.clear();
                probed.addAll(
                        NotificationStore.dueIds(c, channel, now, Math.max(PROBED, perTransaction), shard, shards));
                probedUntil = System.nanoTime() + PROBE_FRESH.toNanos();
                if (probed.isEmpty()) {
                    return List.of();
                }
            }
            while (!probed.isEmpty()) {
                List<String> ids = new java.util.ArrayList<>(perTransaction);
                while (ids.size() < perTransaction && !probed.isEmpty()) {
                    ids.add(probed.poll());
                }
                List<Delivery> locked = NotificationStore.lockDue(c, ids, now, SENDING_IDLE_BOUND);
                if (!locked.isEmpty()) {
                    return locked;
                }
            }
        }
        return List.of();
    }

    /**
     * Makes {@code lead} and the routine e-mails due to its recipient one digest, if they are enough: true when it did
     * (the digest goes out on a later claim, once this composition is committed).
     */
    private boolean compose(java.sql.Connection c, Delivery lead, Instant now) throws java.sql.SQLException {
        if (digest == null || NotificationStore.urgency(lead.kind()) != NotificationStore.ROUTINE) {
            return false;
        }
        List<Delivery> burst = NotificationStore.claimBurst(c, lead, now, digest.max() - 1);
        if (burst.size() + 1 < digest.min()) {
            return false;
        }
        List<String> ids = new java.util.ArrayList<>();
        ids.add(lead.id());
        burst.forEach(d -> ids.add(d.id()));
        String digestId = "digest-" + java.util.UUID.randomUUID();
        NotificationStore.joinDigest(c, digestId, ids);
        LOG.debugf("%d routine e-mails to %s coalesced into %s", ids.size(), lead.recipient(), digestId);
        return true;
    }

    private void deliver(java.sql.Connection c, Delivery d) throws java.sql.SQLException {
        int attempt = d.attempts() + 1;
        String error = null;
        // a span of the trace of the event that caused it; the message carries the span's context on
        io.opentelemetry.api.trace.Span span = tracing.sending(
                "send " + channel.name().toLowerCase(),
                channel.name().toLowerCase(),
                com.supportdesk.support.Tracing.fromTraceparent(d.trace()));
        span.setAttribute("support.delivery_id", d.id());
        span.setAttribute("support.subject_id", d.subjectId());
        span.setAttribute("support.notification_kind", d.kind().name());
        span.setAttribute("support.attempt", attempt);
        try (var traced = span.makeCurrent()) {
            try {
                sender.send(d, attempt);
            } catch (Exception e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                com.supportdesk.support.Tracing.failed(span, e);
            }
            // the outcome's event (notification-events) joins the trace too
            outcome(c, d, attempt, error, clock.instant(), null);
        } finally {
            span.end();
        }
    }

    /** Traces every send: one {@code send <channel>} span, child of the context its delivery was queued in. */
    public DeliveryWorker tracedBy(com.supportdesk.support.Tracing tracing) {
        this.tracing = tracing;
        return this;
    }

    /**
     * Sends a digest's members as one e-mail; each member's outcome is recorded (and published) as its own. Once sent,
     * the members are marked and their outcomes written in one statement (a digest has up to 50).
     */
    private void deliverDigest(java.sql.Connection c, String digestId, List<Delivery> members)
            throws java.sql.SQLException {
        int attempt = members.stream().mapToInt(Delivery::attempts).max().orElse(0) + 1;
        String error = null;
        try {
            sender.sendDigest(digestId, members, attempt);
        } catch (Exception e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        Instant now = clock.instant();
        if (error != null) {
            for (Delivery d : members) {
                outcome(c, d, attempt, error, now, digestId);
            }
            return;
        }
        List<com.supportdesk.support.Outbox.Outgoing> outcomes = new java.util.ArrayList<>(members.size());
        for (Delivery d : members) {
            count("sent", attempt);
            outcomes.add(Outcomes.message(
                    "sent/" + d.id(), d.subjectId(), d.accountId(), sent(d, attempt, now, digestId), now));
        }
        NotificationStore.markSent(c, members.stream().map(Delivery::id).toList(), attempt, now, outcomes);
        for (Delivery d : members) {
            if (d.kind()
                    == NotificationKind.MONTHLY_REPORT) { // never in a digest today (not routine); as outcome() does
                ReportDeliveries.delivered(c, d, attempt, now);
            }
        }
    }

    private static NotificationSent sent(Delivery d, int attempt, Instant now, String digestId) {
        return new NotificationSent(
                d.id(),
                d.subjectId(),
                d.accountId(),
                d.channel(),
                d.kind(),
                d.recipient(),
                d.language(),
                d.languageFallback() ? Boolean.TRUE : null,
                d.triggerId(),
                d.triggerType(),
                attempt,
                now,
                digestId);
    }

    /**
     * Counts every attempt's outcome on {@code registry}: {@code notification_deliveries_total{channel,outcome}} with
     * outcome {@code sent}, {@code retry} (failed, tried again later) or {@code parked} (failed for good), and the
     * attempts a sent delivery took ({@code notification_delivery_attempts}).
     */
    public DeliveryWorker measuredBy(io.micrometer.core.instrument.MeterRegistry registry) {
        this.meters = registry;
        return this;
    }

    private void count(String outcome, int attempt) {
        if (meters == null) {
            return;
        }
        meters.counter("notification.deliveries", "channel", channel.name(), "outcome", outcome)
                .increment();
        if (outcome.equals("sent")) {
            io.micrometer.core.instrument.DistributionSummary.builder("notification.delivery.attempts")
                    .description("Attempts a delivery took until it was sent")
                    .tag("channel", channel.name())
                    .register(meters)
                    .record(attempt);
        }
    }

    private void outcome(java.sql.Connection c, Delivery d, int attempt, String error, Instant now, String digestId)
            throws java.sql.SQLException {
        if (error == null) {
            count("sent", attempt);
            NotificationStore.markSent(
                    c,
                    d.id(),
                    attempt,
                    now,
                    List.of(Outcomes.message(
                            "sent/" + d.id(), d.subjectId(), d.accountId(), sent(d, attempt, now, digestId), now)));
            if (d.kind() == NotificationKind.MONTHLY_REPORT) {
                ReportDeliveries.delivered(c, d, attempt, now);
            }
            return;
        }
        Optional<Instant> next = retry.next(attempt, now);
        if (next.isPresent()) {
            count("retry", attempt);
            LOG.infof(
                    "%s delivery %s to %s failed (attempt %d: %s); next at %s",
                    channel, d.id(), d.recipient(), attempt, error, next.get());
            NotificationStore.markRetry(c, d.id(), attempt, next.get(), error);
        } else {
            count("parked", attempt);
            LOG.warnf(
                    "%s delivery %s to %s parked in the dead-letter store after %d attempts: %s",
                    channel, d.id(), d.recipient(), attempt, error);
            NotificationStore.markParked(c, d.id(), attempt, now, error);
            Outcomes.publish(
                    c,
                    "parked/" + d.id() + "/" + now.toEpochMilli(),
                    d.subjectId(),
                    d.accountId(),
                    new NotificationFailed(
                            d.id(),
                            d.subjectId(),
                            d.accountId(),
                            d.channel(),
                            d.kind(),
                            d.recipient(),
                            d.triggerId(),
                            d.triggerType(),
                            error,
                            true,
                            attempt,
                            now),
                    now);
        }
    }
}
