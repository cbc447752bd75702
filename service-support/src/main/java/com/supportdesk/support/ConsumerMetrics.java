package com.supportdesk.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the consumer runtime measures, per service and topic, in Prometheus naming (the operations team's alert rules
 * in deploy/observability name them):
 * <ul>
 *   <li>{@code support_consumer_records_total{service,topic,outcome}}: records handled ({@code handled}), skipped as
 *       no concern or tombstones ({@code skipped}), sent to the dead-letter topic ({@code dead_lettered});
 *   <li>{@code support_consumer_delay_seconds{service,topic}} (histogram): from the record's timestamp (when it was
 *       written to Kafka) to the commit of what it caused, i.e. how far behind the newest events the service is;
 *   <li>{@code support_consumer_poll_seconds{service}} (histogram): the time one poll's transaction took.
 * </ul>
 * Consumer lag in records is the Kafka client's own ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
public final class ConsumerMetrics {
    private final MeterRegistry registry;
    private final String service;
    private final Clock clock;
    private final Timer poll;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> delays = new ConcurrentHashMap<>();

    private ConsumerMetrics(MeterRegistry registry, String service, Clock clock) {
        this.registry = registry;
        this.service = service;
        this.clock = clock;
        this.poll = Timer.builder("support.consumer.poll")
                .description("Time one poll's records took, decoding to commit")
                .tag("service", service)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Measures on {@code registry} as {@code service}. */
    public static ConsumerMetrics of(MeterRegistry registry, String service, Clock clock) {
        return new ConsumerMetrics(registry, service, clock);
    }

    /** Measures nothing anyone reads (a registry of its own): for code that runs without a service around it. */
    public static ConsumerMetrics none(String service) {
        return new ConsumerMetrics(new SimpleMeterRegistry(), service, Clock.systemUTC());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void records(String topic, String outcome, int count) {
        if (count > 0) {
            counters.computeIfAbsent(
                            topic + '\n' + outcome,
                            k -> Counter.builder("support.consumer.records")
                                    .description("Records consumed, by what became of them")
                                    .tags("service", service, "topic", topic, "outcome", outcome)
                                    .register(registry))
                    .increment(count);
        }
    }

    /** A record whose effects just committed, written to Kafka at {@code timestampMs}. */
    void committed(String topic, long timestampMs) {
        if (timestampMs <= 0) {
            return; // no timestamp on the record
        }
        long delay = Math.max(0, clock.millis() - timestampMs);
        delays.computeIfAbsent(
                        topic,
                        t -> Timer.builder("support.consumer.delay")
                                .description("From a record's timestamp to the commit of what it caused")
                                .tags("service", service, "topic", t)
                                .publishPercentileHistogram()
                                .maximumExpectedValue(Duration.ofHours(1))
                                .register(registry))
                .record(Duration.ofMillis(delay));
    }

    void polled(Duration took) {
        poll.record(took);
    }

    long nowMs() {
        return clock.millis();
    }
}
