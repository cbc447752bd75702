package com.supportdesk.notification.engine;

import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.notification.mail.MailTemplates;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.webhook.RetryPolicy;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.OutboxRelay;
import com.supportdesk.support.Worker;
import com.supportdesk.support.config.KafkaSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.Engine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumers of ticket-, sla-, escalation- and account-events; the timer (outage checks, events waiting for their
 * account); one delivery worker per channel; the outbox relay of {@code notification-events}. Offsets move only after
 * what an event caused is committed; a database outage is waited out, never skipped.
 */
@ApplicationScoped
public class NotificationWorkers extends Worker {
    private static final long LOCK_KEY = 0x0071_f1ca_7e5L;

    @Inject
    io.opentelemetry.api.OpenTelemetry otel;

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    NotificationProcessor processor;

    @Inject
    AgroalDataSource dataSource;

    /**
     * The senders' connections: PostgreSQL never scans a whole table on them, so that the key statements' cached
     * plans stay on their indexes (application.properties, {@code quarkus.datasource.queue}).
     */
    @Inject
    @io.quarkus.agroal.DataSource("queue")
    AgroalDataSource queue;

    @Inject
    Clock clock;

    @Inject
    Engine engine;

    @Inject
    KafkaSettings kafka;

    @Inject
    com.supportdesk.notification.config.NotificationSettings settings;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    /** The consumers of ticket-, sla- and escalation-events: the same handling, each watched on its own. */
    private BatchConsumer ticketEvents;

    private BatchConsumer slaEvents;
    private BatchConsumer escalationEvents;
    /** The webhook subscriptions' type patterns, read at the start of each poll of the event topics. */
    private volatile java.util.List<java.util.List<String>> subscribedPatterns = java.util.List.of();

    private BatchConsumer accountEvents;
    private BatchConsumer reportEvents;
    private OutboxRelay relay;
    /** Several e-mail senders (SMTP is the slow part), each for the recipients that hash to it, most urgent first. */
    private final java.util.List<DeliveryWorker> email = new java.util.ArrayList<>();
    /** Their senders, each with its own SMTP connection, closed at shutdown. */
    private final java.util.List<EmailSender> emailSenders = new java.util.ArrayList<>();

    @Inject
    com.supportdesk.notification.webhook.WebhookTargets webhookTargets;

    @Inject
    io.vertx.core.Vertx vertx;

    @Inject
    com.supportdesk.notification.webhook.WebhookSecrets webhookSecrets;

    private DeliveryWorker webhook;
    private Instant lastCleanup = Instant.EPOCH;

    /** Everything is built when the bean is (a consumer may call it before start-up has finished), started below. */
    @PostConstruct
    void build() {
        String me = NotificationProcessor.SOURCE;
        ticketEvents = events(me, "ticket-events");
        slaEvents = events(me, "sla-events");
        escalationEvents = events(me, "escalation-events");
        accountEvents = BatchConsumer.of(
                        dataSource,
                        NotificationStore.OUTBOX,
                        me,
                        in -> true,
                        BatchConsumer.each((c, item) -> processor.accountEvent(c, item.event())))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "account-events consumer");
        reportEvents = BatchConsumer.of(
                        dataSource,
                        NotificationStore.OUTBOX,
                        me,
                        in -> true,
                        BatchConsumer.each((c, item) -> processor.reportEvent(c, item.event())))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, "report-events consumer");
        // a fresh producer after a round the broker did not acknowledge keeps each key in order (OutboxRelay)
        java.util.function.Supplier<org.apache.kafka.clients.producer.Producer<String, byte[]>> producers =
                () -> new KafkaProducer<>(
                        KafkaClients.config(
                                kafka.bootstrapServers(),
                                Map.of(
                                        ProducerConfig.ACKS_CONFIG,
                                        "all",
                                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                        true,
                                        ProducerConfig.CLIENT_ID_CONFIG,
                                        "notification-service-outbox")),
                        new StringSerializer(),
                        new ByteArraySerializer());
        relay = new OutboxRelay(
                        dataSource,
                        NotificationStore.OUTBOX,
                        LOCK_KEY,
                        producers,
                        500,
                        settings.outbox().maxIdle(),
                        b -> {})
                .measuredBy(meters, me);
        com.supportdesk.notification.mail.SmtpClient.Settings smtp =
                new com.supportdesk.notification.mail.SmtpClient.Settings(
                        settings.smtp().host(),
                        settings.smtp().port(),
                        settings.smtp().startTls(),
                        settings.smtp().username(),
                        settings.smtp().password(),
                        settings.email().timeout(),
                        settings.mail().domain());
        com.supportdesk.notification.mail.Mime.Address from = com.supportdesk.notification.mail.Mime.Address.parse(
                settings.mail().from());
        for (int i = 0; i < settings.email().senders(); i++) {
            EmailSender sender = new EmailSender(
                    new com.supportdesk.notification.mail.SmtpClient(smtp),
                    from,
                    MailTemplates.of(engine),
                    settings.mail().domain(),
                    clock);
            emailSenders.add(sender);
            email.add(new DeliveryWorker(
                            queue,
                            NotificationChannel.EMAIL,
                            sender,
                            new RetryPolicy(
                                    settings.email().retry().first(),
                                    settings.email().retry().max(),
                                    settings.email().retry().attempts()),
                            clock,
                            settings.timer().maxIdle(),
                            relay::poke,
                            1,
                            i,
                            settings.email().senders(),
                            settings.email().digest().min() > 1
                                    ? new DeliveryWorker.Digest(
                                            settings.email().digest().min(),
                                            settings.email().digest().max())
                                    : null)
                    .measuredBy(meters)
                    .tracedBy(com.supportdesk.support.Tracing.of(otel, me)));
        }
        webhook = new DeliveryWorker(
                        queue,
                        NotificationChannel.WEBHOOK,
                        new WebhookSender(
                                dataSource, clock, settings.webhook().timeout(), webhookTargets, webhookSecrets, vertx),
                        new RetryPolicy(
                                settings.webhook().retry().first(),
                                settings.webhook().retry().max(),
                                settings.webhook().retry().attempts()),
                        clock,
                        settings.timer().maxIdle(),
                        relay::poke,
                        1,
                        0,
                        1,
                        null)
                .measuredBy(meters)
                .tracedBy(com.supportdesk.support.Tracing.of(otel, me));
    }

    /** A consumer of {@code topic}: events that e-mail nobody and that no webhook wants never reach the database. */
    private BatchConsumer events(String me, String topic) {
        return BatchConsumer.of(
                        dataSource,
                        NotificationStore.OUTBOX,
                        me,
                        in -> NotificationProcessor.concerns(in.headers().get("ce_type"), subscribedPatterns),
                        BatchConsumer.eachWith(
                                processor::poll,
                                (c, item, poll) -> processor.event(c, item.record(), item.event(), poll),
                                processor::written))
                .measuredBy(meters, clock)
                .tracedBy(otel)
                .watchedBy(health, topic + " consumer");
    }

    void start(@Observes StartupEvent ev) {
        relay.start("notification-outbox", health);
        email.forEach(w -> w.start(health));
        webhook.start(health);
        startWorker("notification-timers", health.watch("notification-timers"));
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
        email.forEach(DeliveryWorker::stop);
        emailSenders.forEach(EmailSender::close);
        webhook.stop();
        relay.stop();
        relay.closeProducer();
    }

    /** Wakes the senders and the relay (a replay through REST, for example). */
    public void pokeSenders() {
        email.forEach(DeliveryWorker::poke);
        webhook.poke();
        relay.poke();
    }

    /** Wakes the relay only (an audit entry written by a REST call). */
    public void pokeOutbox() {
        relay.poke();
    }

    @Incoming("ticket-events-in")
    @Blocking(ordered = true)
    public void ticketEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(ticketEvents.accept(fresh(records, ticketEvents)));
    }

    @Incoming("sla-events-in")
    @Blocking(ordered = true)
    public void slaEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(slaEvents.accept(fresh(records, slaEvents)));
    }

    @Incoming("escalation-events-in")
    @Blocking(ordered = true)
    public void escalationEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(escalationEvents.accept(fresh(records, escalationEvents)));
    }

    @Incoming("report-events-in")
    @Blocking(ordered = true)
    public void reportEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(reportEvents.accept(records));
    }

    @Incoming("account-events-in")
    @Blocking(ordered = true)
    public void accountEvents(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        handled(accountEvents.accept(records));
    }

    /** Reads the subscriptions' patterns for this poll (a subscription made since counts from this poll on). */
    private ConsumerRecords<String, byte[]> fresh(ConsumerRecords<String, byte[]> records, BatchConsumer consumer)
            throws InterruptedException {
        if (!records.isEmpty()) {
            subscribedPatterns =
                    Jdbc.retrying("webhook subscriptions", processor::subscribedPatterns, consumer.watch());
        }
        return records;
    }

    private void handled(BatchConsumer.Outcome outcome) {
        if (outcome.applied() + outcome.deadLettered() > 0) {
            poke();
            pokeSenders();
        }
    }

    @Override
    protected long round() {
        Instant now = clock.instant();
        int done = processor.fireDue(now, 200);
        if (done > 0) {
            pokeSenders();
            if (done >= 200) {
                return 0;
            }
        }
        if (Duration.between(lastCleanup, now).toHours() >= 1) {
            processor.forgetOld(now);
            processor.purgeSent(now);
            lastCleanup = now;
        }
        Optional<Instant> next = processor.nextCheck();
        long wait = settings.timer().maxIdle().toMillis();
        if (next.isPresent()) {
            wait = Math.max(
                    5,
                    Math.min(wait, Duration.between(clock.instant(), next.get()).toMillis()));
        }
        return wait;
    }
}
