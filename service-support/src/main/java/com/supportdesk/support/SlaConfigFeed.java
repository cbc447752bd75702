package com.supportdesk.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.supportdesk.calendar.CalendarFile;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.calendar.InvalidCalendarException;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.CalendarChanged;
import com.supportdesk.contract.event.RegionChanged;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Keeps a service's {@link Calendars} and {@link Regions} as sla-service publishes them on {@code sla-config}: every instance reads the
 * whole compacted topic from its beginning (no consumer group: each needs every calendar), then follows it. Until a
 * calendar's first record arrives, the shipped version stands; each later version replaces it, and those taking their
 * holidays from it, at once. A record that cannot be read is logged and skipped (every instance reads every record,
 * so parking it once per instance would only repeat it), and a version older than the one applied is ignored.
 */
public final class SlaConfigFeed implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlaConfigFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String bootstrap;
    private final Calendars calendars;
    private final Regions regions;
    private final String service;
    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public SlaConfigFeed(String bootstrap, Calendars calendars, Regions regions, String service) {
        this.bootstrap = bootstrap;
        this.calendars = calendars;
        this.regions = regions;
        this.service = service;
    }

    /** Starts following the topic on a thread of its own; returns this. */
    public SlaConfigFeed start() {
        if (running.compareAndSet(false, true)) {
            thread = new Thread(this::run, "sla-config-feed");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** The version of a calendar taken from the topic (0: none yet, the shipped one stands). */
    public int version(String calendarId) {
        return applied.getOrDefault(calendarId, 0);
    }

    @Override
    public void close() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-sla-config");
        while (running.get()) {
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = partitions(consumer);
                if (partitions.isEmpty()) {
                    Thread.sleep(5_000); // sla-service has not created the topic yet: the shipped calendars stand
                    continue;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                        take(r);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Following sla-config failed (%s); starting again in 5 s", e.toString());
                try {
                    Thread.sleep(5_000); // a broker outage: the calendars applied so far stand meanwhile
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        var infos = consumer.listTopics(Duration.ofSeconds(10)).get(Topics.SLA_CONFIG);
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
    }

    /** Applies one record of sla-config (a calendar's or a region's version; policies are sla-service's own). */
    void take(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return; // a compaction tombstone
        }
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        CloudEvent envelope;
        try {
            envelope = CloudEventCodec.decode(headers, r.value());
        } catch (RuntimeException e) {
            LOG.warnf("sla-config record %s@%d (key %s) skipped: %s", r.topic(), r.offset(), r.key(), e.getMessage());
            return;
        }
        if (envelope.data() instanceof CalendarChanged c) {
            apply(c);
        } else if (envelope.data() instanceof RegionChanged region && regions.apply(region)) {
            LOG.infof(
                    "Region %s v%d from sla-config%s",
                    region.regionId(),
                    region.version(),
                    region.deleted() ? " (deleted)" : ": calendar " + region.calendar());
        }
    }

    /** Applies one calendar version, unless a later one was applied already. */
    public void apply(CalendarChanged c) {
        if (c.version() <= applied.getOrDefault(c.calendarId(), 0)) {
            return;
        }
        try {
            CalendarFile definition = c.deleted() || c.calendar() == null
                    ? null
                    : Calendars.definition(JSON.writeValueAsString(c.calendar()));
            calendars.apply(c.calendarId(), definition);
            applied.put(c.calendarId(), c.version());
            LOG.infof(
                    "Calendar %s v%d from sla-config%s", c.calendarId(), c.version(), c.deleted() ? " (deleted)" : "");
        } catch (InvalidCalendarException e) {
            LOG.errorf(
                    "Calendar %s v%d from sla-config cannot be built (%s: %s); the previous version stands",
                    c.calendarId(), c.version(), e.field(), e.reason());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
