package com.supportdesk.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record as the services handle it: key, headers as text, body bytes, and the record's timestamp (epoch
 * milliseconds; 0 for a record put aside and read back from a store).
 */
public record Received(String topic, String key, Map<String, String> headers, byte[] body, long timestamp) {

    public Received(String topic, String key, Map<String, String> headers, byte[] body) {
        this(topic, key, headers, body, 0L);
    }

    public static Received of(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (var h : r.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Received(r.topic(), r.key(), headers, r.value(), r.timestamp());
    }

    /**
     * This record for {@code <topic>.dlq}, unchanged but for two headers: {@code dead-letter-reason} and
     * {@code dead-letter-consumer} (several services consume the same topic).
     */
    public Outbox.Outgoing deadLetter(String consumer, String reason) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("dead-letter-reason", reason);
        h.put("dead-letter-consumer", consumer);
        return new Outbox.Outgoing(topic + ".dlq", key, h, body);
    }
}
