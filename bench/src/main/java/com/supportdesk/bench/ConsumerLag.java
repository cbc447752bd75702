package com.supportdesk.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The consumer groups' lag (committed offsets against the partitions' ends), read with Kafka's admin client. */
final class ConsumerLag {
    private ConsumerLag() {
    }

    /** Records not yet committed by each group, summed over its partitions. */
    static Map<String, Long> lag(Admin admin) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            if (g.groupId().startsWith("console-consumer")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var e : committed.entrySet()) {
                if (e.getValue() != null && ends.get(e.getKey()) != null) {
                    lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
            out.put(g.groupId(), lag);
        }
        return out;
    }

    /** How long, from now, until every group's lag is 0 (-1 if not within {@code limit}); prints what is left. */
    static long drainMillis(String bootstrap, Duration limit) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long start = System.nanoTime();
            Map<String, Long> lag = lag(admin);
            while (lag.values().stream().anyMatch(l -> l > 0)) {
                if (System.nanoTime() - start > limit.toNanos()) {
                    System.out.println("consumer lag    : still " + lag);
                    return -1;
                }
                Thread.sleep(200);
                lag = lag(admin);
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
