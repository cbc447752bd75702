package com.supportdesk.reporting.projection;

import com.supportdesk.support.KafkaClients;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.reporting.model.AccountRecord;
import com.supportdesk.reporting.model.EventRecord;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.support.Received;
import com.supportdesk.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Rebuilds the whole read model from the start of the topics. The topics are read (a consumer of its own, no group)
 * and folded in memory with the live rules ({@link ReadModelFold}) up to their current end; then the live projector is
 * held, the few events that came meanwhile are folded too, and the tables' contents are replaced in one transaction:
 * queries keep answering from the old rows until the commit. The live projector then goes on where it was; every
 * event it meets again is recognised by id and skipped.
 */
@ApplicationScoped
public class Rebuilder {
    private static final Logger LOG = Logger.getLogger(Rebuilder.class);
    private static final List<String> TOPICS = List.of("ticket-events", "sla-events", "escalation-events",
            "notification-events", "account-events");

    @Inject
    ProjectorDataSource dataSource;
    @Inject
    Projector projector;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** What the last (or current) rebuild did. */
    public record Status(String state, Instant startedAt, Instant finishedAt, long events, long tickets,
                         long eventsPerSecond, Long readMillis, Long heldMillis, String error) {
    }

    private volatile Status status = new Status("NEVER", null, null, 0, 0, 0, null, null, null);

    public Status status() {
        return status;
    }

    /** Starts a rebuild in the background; false if one is running. */
    public synchronized boolean start() {
        if ("RUNNING".equals(status.state())) {
            return false;
        }
        Instant started = Instant.now();
        status = new Status("RUNNING", started, null, 0, 0, 0, null, null, null);
        Thread t = new Thread(() -> run(started), "read-model-rebuild");
        t.setDaemon(true);
        t.start();
        return true;
    }

    /** The read model folded in memory. */
    static final class Model {
        final Set<String> seen = new HashSet<>();
        final List<EventRecord> events = new ArrayList<>();
        final Map<String, TicketRecord> tickets = new LinkedHashMap<>();
        final Map<String, OutageRecord> outages = new LinkedHashMap<>();
        final Map<String, AccountRecord> accounts = new LinkedHashMap<>();

        void apply(ConsumerRecord<String, byte[]> r) {
            if (r.value() == null) {
                return;
            }
            Received in = Received.of(r);
            CloudEvent e;
            try {
                e = CloudEventCodec.decode(in.headers(), in.body());
            } catch (RuntimeException unreadable) {
                return; // the live consumer dead-lettered it
            }
            if (!seen.add(e.id())) {
                return;
            }
            ReadModelFold.Target target = ReadModelFold.target(e.data());
            switch (target.kind()) {
                case TICKET -> {
                    TicketRecord t = tickets.get(target.id());
                    if (ReadModelFold.stale(e, t)) {
                        return;
                    }
                    ReadModelFold.ticket(tickets.computeIfAbsent(target.id(), ReadModelFold::newTicket), e);
                }
                case OUTAGE -> ReadModelFold.outage(outages.computeIfAbsent(target.id(), ReadModelFold::newOutage),
                        e.data());
                case ACCOUNT -> ReadModelFold.account(accounts.computeIfAbsent(target.id(),
                        ReadModelFold::newAccount), e.data());
                case NONE -> {
                }
            }
            events.add(ReadModelFold.record(e, r.topic(), in.body()));
        }
    }

    private void run(Instant started) {
        Model model = new Model();
        boolean held = false;
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> reader = reader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                reader.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            readTo(reader, reader.endOffsets(partitions), model);
            // switch-over: hold the live projector, take what came meanwhile, replace the tables
            Instant read = Instant.now();
            projector.hold(); // returns once the live projector's current poll has committed
            held = true;
            readTo(reader, reader.endOffsets(partitions), model);
            replace(model);
            Instant finished = Instant.now();
            long ms = Math.max(1, Duration.between(started, finished).toMillis());
            status = new Status("DONE", started, finished, model.events.size(), model.tickets.size(),
                    model.events.size() * 1000L / ms, Duration.between(started, read).toMillis(),
                    Duration.between(read, finished).toMillis(), null);
            LOG.infof("Read model rebuilt: %d events, %d tickets in %d ms (%d events/s; reading and folding %d ms, "
                    + "projector held for the swap %d ms)", model.events.size(), model.tickets.size(), ms,
                    status.eventsPerSecond(), status.readMillis(), status.heldMillis());
        } catch (Throwable e) {
            LOG.errorf(e, "Rebuild failed; the read model is unchanged");
            status = new Status("FAILED", started, Instant.now(), model.events.size(), model.tickets.size(), 0,
                    null, null, e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            if (held) {
                projector.release(); // held events go on; each one already in the new tables is skipped by id
            }
        }
    }

    private static void readTo(org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> reader,
                               Map<TopicPartition, Long> end, Model model) {
        Map<TopicPartition, Long> left = new HashMap<>(end);
        left.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        while (!left.isEmpty()) {
            for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                Long limit = end.get(p);
                if (limit != null && r.offset() < limit) {
                    model.apply(r);
                }
            }
            left.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
        }
    }

    private void replace(Model model) {
        // on the projector's data source, in one transaction: readers see the old rows until the commit
        Jdbc.inTransaction(dataSource, c -> {
            for (String table : List.of("rpt_event", "rpt_ticket", "rpt_outage", "rpt_account")) {
                Jdbc.update(c, "delete from reporting." + table);
            }
            Projector.ACCOUNT_ROWS.insertAll(c, model.accounts.values());
            Projector.OUTAGE_ROWS.insertAll(c, model.outages.values());
            Projector.TICKET_ROWS.insertAll(c, model.tickets.values());
            Projector.EVENTS.insertAll(c, model.events);
            return null;
        });
    }

    private org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> reader() {
        Properties p = new Properties();
        p.putAll(KafkaClients.config(bootstrapServers, Map.of()));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service-rebuild");
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
