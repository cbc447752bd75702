package com.supportdesk.reporting.projection;

import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.Worker;
import com.supportdesk.support.config.KafkaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of every consumer group on the broker (every service's), asked of the broker every 15 s and
 * exported as {@code support_consumer_lag_records{group,topic}}: records written and not yet committed by the group.
 * Measured from outside the consumers, so that a service that stopped shows its lag growing (the
 * {@code ConsumerLagGrowing} alert); the live operations dashboard shows it too ({@link #lag()}).
 */
@ApplicationScoped
public class ConsumerLagMonitor extends Worker {
    private static final long EVERY_MS = 15_000;

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    KafkaSettings kafka;

    @Inject
    MeterRegistry meters;

    @Inject
    com.supportdesk.reporting.dashboard.Changes changes;

    private Admin admin;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private volatile java.time.Instant measuredAt;

    void start(@Observes StartupEvent ev) {
        admin = Admin.create(KafkaClients.config(kafka.bootstrapServers(), Map.of()));
        startWorker("consumer-lag-monitor", health.watch("consumer-lag-monitor"));
    }

    void stop(@Observes ShutdownEvent ev) {
        stopWorker();
        if (admin != null) {
            admin.close();
        }
    }

    /** When the lag was last measured (null before the first measurement). */
    public java.time.Instant measuredAt() {
        return measuredAt;
    }

    /** The lag last measured, by consumer group and topic. */
    public Map<String, Map<String, Long>> lag() {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        gauges.forEach((key, value) -> {
            String[] gt = key.split("\n", 2);
            out.computeIfAbsent(gt[0], g -> new java.util.TreeMap<>()).put(gt[1], value.get());
        });
        return out;
    }

    @Override
    protected long round() throws InterruptedException {
        try {
            measure();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("consumer lag: " + e.getMessage(), e);
        }
        return EVERY_MS;
    }

    private void measure()
            throws InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        Map<String, Long> byGroupAndTopic = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            if (latest.isEmpty()) {
                continue;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            committed.forEach((p, offset) -> {
                if (offset != null && ends.containsKey(p)) {
                    long lag = Math.max(0, ends.get(p).offset() - offset.offset());
                    byGroupAndTopic.merge(group.groupId() + "\n" + p.topic(), lag, Long::sum);
                }
            });
        }
        boolean moved = false;
        for (Map.Entry<String, Long> e : byGroupAndTopic.entrySet()) {
            moved |= gauge(e.getKey()).getAndSet(e.getValue()) != e.getValue();
        }
        measuredAt = java.time.Instant.now();
        if (moved) {
            changes.changed(); // the live dashboard shows the lag: its pages fetch the snapshot again
        }
    }

    private AtomicLong gauge(String key) {
        return gauges.computeIfAbsent(key, k -> {
            List<String> gt = List.of(k.split("\n", 2));
            AtomicLong value = new AtomicLong();
            Gauge.builder("support.consumer.lag", value, AtomicLong::get)
                    .description("Records on the topic not yet committed by the consumer group (asked of the broker)")
                    .tags("group", gt.get(0), "topic", gt.get(1))
                    .baseUnit("records")
                    .register(meters);
            return value;
        });
    }
}
