package com.supportdesk.notification.engine;

import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.webhook.RetryPolicy;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.OutboxRelay;
import com.supportdesk.support.Received;
import com.supportdesk.support.Worker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The consumers of ticket-, sla-, escalation- and account-events; the timer (outage checks, events waiting for their
 * account); one delivery worker per channel; the outbox relay of {@code notification-events}. Offsets move only after
 * what an event caused is committed; a database outage is waited out, never skipped.
 */
@ApplicationScoped
public class NotificationWorkers extends Worker {
    private static final Logger LOG = Logger.getLogger(NotificationWorkers.class);
    private static final long LOCK_KEY = 0x0071_f1ca_7e5L;

    @Inject
    NotificationProcessor processor;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    Mailer mailer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "support.notification.timer.max-idle", defaultValue = "PT1S")
    Duration maxIdle;
    @ConfigProperty(name = "support.notification.outbox.max-idle", defaultValue = "PT0.5S")
    Duration outboxIdle;
    @ConfigProperty(name = "support.notification.mail.domain", defaultValue = "supportdesk.example")
    String mailDomain;
    @ConfigProperty(name = "support.notification.email.retry.first", defaultValue = "PT10S")
    Duration emailFirst;
    @ConfigProperty(name = "support.notification.email.retry.max", defaultValue = "PT30M")
    Duration emailMax;
    @ConfigProperty(name = "support.notification.email.retry.attempts", defaultValue = "10")
    int emailAttempts;
    @ConfigProperty(name = "support.notification.webhook.retry.first", defaultValue = "PT10S")
    Duration webhookFirst;
    @ConfigProperty(name = "support.notification.webhook.retry.max", defaultValue = "PT1H")
    Duration webhookMax;
    @ConfigProperty(name = "support.notification.webhook.retry.attempts", defaultValue = "8")
    int webhookAttempts;
    @ConfigProperty(name = "support.notification.webhook.timeout", defaultValue = "PT10S")
    Duration webhookTimeout;

    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;
    private DeliveryWorker email;
    private DeliveryWorker webhook;
    private Instant lastCleanup = Instant.EPOCH;

    void start(@Observes StartupEvent ev) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "notification-service-outbox"),
                new StringSerializer(), new ByteArraySerializer());
        relay = new OutboxRelay(dataSource, NotificationStore.OUTBOX, LOCK_KEY, producer, 500, outboxIdle, b -> { });
        relay.start("notification-outbox");
        email = new DeliveryWorker(dataSource, NotificationChannel.EMAIL, new EmailSender(mailer, mailDomain),
                new RetryPolicy(emailFirst, emailMax, emailAttempts), clock, maxIdle, relay::poke);
        webhook = new DeliveryWorker(dataSource, NotificationChannel.WEBHOOK,
                new WebhookSender(dataSource, clock, webhookTimeout),
                new RetryPolicy(webhookFirst, webhookMax, webhookAttempts), clock, maxIdle, relay::poke);
        email.start();
        webhook.start();
        startWorker("notification-timers");
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
        for (DeliveryWorker w : new DeliveryWorker[] {email, webhook}) {
            if (w != null) {
                w.stop();
            }
        }
        if (relay != null) {
            relay.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Wakes the senders (a replay through REST, for example); before start-up has made them, nothing to wake. */
    public void pokeSenders() {
        for (Worker w : new Worker[] {email, webhook, relay}) {
            if (w != null) {
                w.poke();
            }
        }
    }

    @Incoming("ticket-events-in")
    @Blocking(ordered = true)
    public void ticketEvents(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        handle(r, processor::event);
    }

    @Incoming("sla-events-in")
    @Blocking(ordered = true)
    public void slaEvents(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        handle(r, processor::event);
    }

    @Incoming("escalation-events-in")
    @Blocking(ordered = true)
    public void escalationEvents(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        handle(r, processor::event);
    }

    @Incoming("account-events-in")
    @Blocking(ordered = true)
    public void accountEvents(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        if (r.value() != null) {
            handle(r, processor::accountEvent);
        }
    }

    /**
     * A database failure is retried until it passes; anything else (a record this code cannot handle) is logged and
     * the record goes to the topic's dead-letter topic, so that one bad record never stops the consumer.
     */
    private void handle(ConsumerRecord<String, byte[]> r, Consumer<Received> work) throws InterruptedException {
        Received in = Received.of(r);
        try {
            Jdbc.retrying(r.topic(), () -> {
                work.accept(in);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Record %s-%d@%d (key %s) could not be handled: dead-lettered", r.topic(), r.partition(),
                    r.offset(), r.key());
            Jdbc.retrying(r.topic(), () -> {
                processor.deadLetter(in, e.getClass().getSimpleName() + ": " + e.getMessage());
                return null;
            });
        }
        poke();
        pokeSenders();
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
            lastCleanup = now;
        }
        Optional<Instant> next = processor.nextCheck();
        long wait = maxIdle.toMillis();
        if (next.isPresent()) {
            wait = Math.max(5, Math.min(wait, Duration.between(clock.instant(), next.get()).toMillis()));
        }
        return wait;
    }
}
