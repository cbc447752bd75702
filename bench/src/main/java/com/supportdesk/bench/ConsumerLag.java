package com.supportdesk.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The consumer groups' lag (committed offsets against the partitions' ends), read with Kafka's admin client. */
final class ConsumerLag {
    /** How long an admin request may take: on two saturated cores (a load just written, six JVMs working it off) 10 s was not always enough. */
    private static final long ADMIN_WAIT_S = 120;

    private ConsumerLag() {}

    /** Records not yet committed by each group, summed over its partitions. */
    static Map<String, Long> lag(Admin admin) throws Exception {
        return lag(admin, java.util.Set.of());
    }

    /** The same, leaving out the partitions of {@code ignored} topics. */
    static Map<String, Long> lag(Admin admin, java.util.Set<String> ignored) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(ADMIN_WAIT_S, TimeUnit.SECONDS)) {
            if (g.groupId().startsWith("console-consumer")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(g.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(ADMIN_WAIT_S, TimeUnit.SECONDS));
            committed.keySet().removeIf(p -> ignored.contains(p.topic()));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(ADMIN_WAIT_S, TimeUnit.SECONDS);
            long lag = 0;
            for (var e : committed.entrySet()) {
                if (e.getValue() != null && ends.get(e.getKey()) != null) {
                    lag += Math.max(
                            0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
            out.put(g.groupId(), lag);
        }
        return out;
    }

    /** How long, from now, until every group's lag is 0 (-1 if not within {@code limit}); prints what is left. */
    static long drainMillis(String bootstrap, Duration limit) throws Exception {
        return drainMillis(bootstrap, limit, java.util.Set.of());
    }

    /** The same, leaving out the {@code ignored} topics. */
    static long drainMillis(String bootstrap, Duration limit, java.util.Set<String> ignored) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long start = System.nanoTime();
            Map<String, Long> lag = lag(admin, ignored);
            boolean told = false;
            while (lag.values().stream().anyMatch(l -> l > 0)) {
                if (!told && System.nanoTime() - start > 5_000_000_000L) {
                    Map<String, Long> behind = new java.util.TreeMap<>(lag);
                    behind.values().removeIf(l -> l == 0);
                    System.out.println("consumer lag    : after 5 s still " + behind);
                    told = true;
                }
                if (System.nanoTime() - start > limit.toNanos()) {
                    System.out.println("consumer lag    : still " + lag);
                    return -1;
                }
                Thread.sleep(200);
                lag = lag(admin, ignored);
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /**
     * Follows one consumer group working off its topics from the beginning: prints its progress every 5 s and, once
     * its lag is 0, the records per second from its first committed offset to the end. Usage:
     * {@code ConsumerLag --group=G --topics=ticket-events,sla-events [--bootstrap=localhost:9092] [--limit=3600]};
     * {@code ConsumerLag --drain} waits until every group's lag is 0 and prints how long that took.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        if (a.containsKey("drain")) {
            System.out.printf(
                    "RESULT groups_drained_ms=%d%n",
                    drainMillis(
                            a.getOrDefault("bootstrap", "localhost:9092"),
                            Duration.ofSeconds(Long.parseLong(a.getOrDefault("limit", "3600")))));
            return;
        }
        String group = a.get("group");
        if (group == null || a.get("topics") == null) {
            System.err.println("usage: ConsumerLag --drain [--limit=SECONDS] [--bootstrap=HOST:PORT]\n"
                    + "       ConsumerLag --group=GROUP --topics=T1,T2 [--limit=SECONDS] [--bootstrap=HOST:PORT]");
            System.exit(2);
        }
        java.util.List<String> topics = java.util.List.of(a.get("topics").split(","));
        long limit = Long.parseLong(a.getOrDefault("limit", "3600")) * 1000;
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, a.getOrDefault("bootstrap", "localhost:9092")))) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(ADMIN_WAIT_S, TimeUnit.SECONDS)
                    .forEach((t, d) -> d.partitions().forEach(p -> {
                        earliest.put(new TopicPartition(t, p.partition()), OffsetSpec.earliest());
                        latest.put(new TopicPartition(t, p.partition()), OffsetSpec.latest());
                    }));
            Map<TopicPartition, Long> begin = new HashMap<>();
            admin.listOffsets(earliest)
                    .all()
                    .get(ADMIN_WAIT_S, TimeUnit.SECONDS)
                    .forEach((p, o) -> begin.put(p, o.offset()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(ADMIN_WAIT_S, TimeUnit.SECONDS)
                    .forEach((p, o) -> end.put(p, o.offset()));
            long total = end.entrySet().stream()
                    .mapToLong(e -> e.getValue() - begin.get(e.getKey()))
                    .sum();
            System.out.printf("group %s: %d records on %s to work off%n", group, total, topics);
            long start = System.nanoTime();
            long firstProgress = 0;
            long lastPrint = 0;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(ADMIN_WAIT_S, TimeUnit.SECONDS);
                long done = 0;
                for (var e : end.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    long at = c == null ? begin.get(e.getKey()) : Math.min(c.offset(), e.getValue());
                    done += at - begin.get(e.getKey());
                }
                long now = System.nanoTime();
                if (done > 0 && firstProgress == 0) {
                    firstProgress = now;
                }
                if (done >= total) {
                    double s = (now - (firstProgress == 0 ? start : firstProgress)) / 1e9;
                    System.out.printf(
                            "RESULT catchup_records=%d seconds=%.1f records_per_s=%.0f "
                                    + "(from the first committed offset; %.1f s from the start)%n",
                            total, s, total / s, (now - start) / 1e9);
                    return;
                }
                if (now - lastPrint > 5_000_000_000L) {
                    System.out.printf("  %d / %d after %.0f s%n", done, total, (now - start) / 1e9);
                    lastPrint = now;
                }
                if ((now - start) / 1_000_000 > limit) {
                    System.out.printf(
                            "RESULT catchup_records=%d done=%d not finished within %d s%n", total, done, limit / 1000);
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the figures are the output
    }
}
