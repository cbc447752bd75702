package com.example.partner;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the platform's event topics the way its contract says to (docs/events/README.md):
 * <ul>
 *   <li>every record is a CloudEvent in Kafka binary mode, read here with the CloudEvents SDK's Kafka binding;</li>
 *   <li>a consumer group keeps the position; a group's first start begins where {@code from} says: {@code beginning},
 *   {@code end}, or an instant (the first record at or after it: a replay from yesterday);</li>
 *   <li>delivery is at least once: a record seen again (same {@code id}) is skipped, so the handler runs once;</li>
 *   <li>records of one subject (ticket, outage, account) keep their order; the {@code sequence} extension numbers them
 *   per subject and publisher, so a gap means a missed record (counted, and reported to the handler's log).</li>
 * </ul>
 * Offsets are committed after the handler has run for the whole poll.
 */
public final class EventReader implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final Consumer<CloudEvent> handler;
    private final String from;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 200_000; // a real partner keeps its processed ids with its own data
        }
    };
    private final Map<String, Long> lastSequence = new HashMap<>();
    private final List<String> gaps = new ArrayList<>();
    private long handled;
    private long duplicates;

    public EventReader(
            String bootstrap, String group, Collection<String> topics, String from, Consumer<CloudEvent> handler) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"); // a first start is positioned by 'from' below
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new CloudEventDeserializer());
        this.handler = handler;
        this.from = from;
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                position(partitions);
            }
        });
    }

    /** Partitions the group has no committed offset for start where {@code from} says. */
    private void position(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        List<TopicPartition> fresh =
                partitions.stream().filter(tp -> committed.get(tp) == null).toList();
        if (fresh.isEmpty()) {
            return;
        }
        switch (from) {
            case "beginning" -> consumer.seekToBeginning(fresh);
            case "end" -> consumer.seekToEnd(fresh);
            default -> {
                long at = Instant.parse(from).toEpochMilli();
                Map<TopicPartition, Long> query = new HashMap<>();
                fresh.forEach(tp -> query.put(tp, at));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
                List<TopicPartition> none = new ArrayList<>();
                for (TopicPartition tp : fresh) {
                    OffsetAndTimestamp o = found.get(tp);
                    if (o == null) {
                        none.add(tp); // nothing at or after that instant yet
                    } else {
                        consumer.seek(tp, o.offset());
                    }
                }
                consumer.seekToEnd(none);
            }
        }
    }

    /** One poll: hands every new event to the handler, then commits. Returns how many were handed over. */
    public int poll(Duration timeout) {
        ConsumerRecords<String, CloudEvent> records = consumer.poll(timeout);
        int n = 0;
        for (ConsumerRecord<String, CloudEvent> r : records) {
            CloudEvent e = r.value();
            if (seen.put(e.getSource() + "/" + e.getId(), Boolean.TRUE) != null) {
                duplicates++;
                continue;
            }
            checkSequence(r.topic(), e);
            handler.accept(e);
            handled++;
            n++;
        }
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
        return n;
    }

    private void checkSequence(String topic, CloudEvent e) {
        Object sequence = e.getExtension("sequence");
        if (sequence == null || e.getSubject() == null) {
            return;
        }
        long s = Long.parseLong(sequence.toString());
        String key = topic + "/" + e.getSource() + "/" + e.getSubject();
        Long last = lastSequence.put(key, s);
        if (last != null && s > last + 1) {
            gaps.add(key + ": after " + last + " came " + s);
        }
    }

    public long handled() {
        return handled;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Subjects where a sequence number was skipped (a record this reader never saw). */
    public List<String> gaps() {
        return List.copyOf(gaps);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
