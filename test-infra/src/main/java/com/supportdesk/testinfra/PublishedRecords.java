package com.supportdesk.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.MessageType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Checks what the platform's services really published against the contract we publish for partners: each record's
 * CloudEvents attributes and its body against the committed JSON Schema of its type, with a standard validator
 * (networknt, draft 2020-12) that asserts formats. Records are checked once: the broker is read from where the last
 * check stopped. Records written by tests themselves (another {@code ce_source}, deliberately malformed input) and
 * dead-letter topics are left alone; everything a service sends is checked.
 */
public final class PublishedRecords {

    /** The {@code ce_source} of everything the platform's services publish (a leading slash is ignored). */
    public static final Set<String> SERVICE_SOURCES =
            Set.of("ticket-service", "sla-service", "escalation-service", "notification-service", "reporting-service");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Optional<JsonSchema>> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<TopicPartition, Long> CHECKED = new HashMap<>();
    private static long recordsChecked;

    private PublishedRecords() {}

    /** How many service records all checks of this JVM validated. */
    public static synchronized long recordsChecked() {
        return recordsChecked;
    }

    /**
     * Reads every topic of the broker (dead letters and Kafka's own aside) from where the last call stopped to its
     * current end, and returns one line per violation in the records the services published.
     */
    public static synchronized List<String> violationsSinceLastCheck(String bootstrap) {
        List<String> violations = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        15_000),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(15)).forEach((topic, infos) -> {
                if (!topic.startsWith("__") && !topic.endsWith(".dlq")) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long from = CHECKED.getOrDefault(tp, 0L);
                if (end.getOrDefault(tp, 0L) > from) {
                    remaining.put(tp, from);
                }
            }
            if (remaining.isEmpty()) {
                return violations;
            }
            consumer.assign(remaining.keySet());
            remaining.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!remaining.containsKey(tp) || r.offset() >= end.get(tp)) {
                        continue;
                    }
                    CHECKED.put(tp, r.offset() + 1);
                    if (fromAService(TopicReader.header(r, "ce_source"))) {
                        recordsChecked++;
                        for (String v : recordViolations(r)) {
                            violations.add(r.topic() + "-" + r.partition() + "@" + r.offset() + " "
                                    + TopicReader.header(r, "ce_type") + ": " + v);
                        }
                    }
                }
                for (Iterator<TopicPartition> it = remaining.keySet().iterator(); it.hasNext(); ) {
                    TopicPartition tp = it.next();
                    if (consumer.position(tp) >= end.get(tp)) {
                        CHECKED.put(tp, end.get(tp));
                        it.remove();
                    }
                }
            }
            if (!remaining.isEmpty()) {
                violations.add("could not read " + remaining.keySet() + " to its end within 2 minutes");
            }
        }
        return violations;
    }

    /** The violations of one Kafka record (CloudEvents binary mode): its attributes, its topic, its body. */
    public static List<String> recordViolations(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        List<String> violations = new ArrayList<>(attributeViolations(headers, "ce_", "content-type"));
        String type = headers.get("ce_type");
        Catalog.byType(type == null ? "" : type)
                .map(MessageType::topic)
                .filter(t -> !t.equals(r.topic()))
                .ifPresent(t -> violations.add("published on " + r.topic() + ", its type belongs on " + t));
        String subject = headers.get("ce_subject");
        if (subject != null && !subject.equals(r.key())) {
            violations.add("Kafka key '" + r.key() + "' is not the subject '" + subject + "'");
        }
        if (type != null) {
            try {
                violations.addAll(bodyViolations(type, r.value() == null ? null : JSON.readTree(r.value())));
            } catch (IOException e) {
                violations.add("body is not JSON: " + e.getMessage());
            }
        }
        return violations;
    }

    /** The violations of a webhook body: a CloudEvents 1.0 structured-mode JSON document. */
    public static List<String> webhookViolations(byte[] body) {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("webhook body is not JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            return List.of("webhook body is not a JSON object");
        }
        Map<String, String> attributes = new HashMap<>();
        doc.fields().forEachRemaining(f -> {
            if (!"data".equals(f.getKey())) {
                attributes.put(
                        f.getKey(),
                        f.getValue().isTextual()
                                ? f.getValue().asText()
                                : f.getValue().toString());
            }
        });
        List<String> violations = new ArrayList<>(attributeViolations(attributes, "", "datacontenttype"));
        if (attributes.get("type") != null) {
            violations.addAll(bodyViolations(attributes.get("type"), doc.get("data")));
        }
        return violations;
    }

    private static List<String> attributeViolations(Map<String, String> a, String prefix, String contentType) {
        List<String> v = new ArrayList<>();
        if (!"1.0".equals(a.get(prefix + "specversion"))) {
            v.add(prefix + "specversion is '" + a.get(prefix + "specversion") + "', not 1.0");
        }
        for (String required : List.of("id", "source", "type")) {
            if (a.get(prefix + required) == null || a.get(prefix + required).isBlank()) {
                v.add(prefix + required + " is missing");
            }
        }
        String time = a.get(prefix + "time");
        if (time == null) {
            v.add(prefix + "time is missing");
        } else {
            try {
                OffsetDateTime.parse(time);
            } catch (DateTimeParseException e) {
                v.add(prefix + "time '" + time + "' is not an RFC 3339 timestamp");
            }
        }
        if (!"application/json".equals(a.get(contentType))) {
            v.add(contentType + " is '" + a.get(contentType) + "', not application/json");
        }
        String type = a.get(prefix + "type");
        String schema = a.get(prefix + "dataschema");
        if (schema == null) {
            v.add(prefix + "dataschema is missing");
        } else if (type != null && !schema.endsWith("/" + type + ".json")) {
            v.add(prefix + "dataschema '" + schema + "' does not name the schema of " + type);
        } else {
            try {
                if (!URI.create(schema).isAbsolute()) {
                    v.add(prefix + "dataschema '" + schema + "' is not an absolute URI");
                }
            } catch (IllegalArgumentException e) {
                v.add(prefix + "dataschema '" + schema + "' is not a URI");
            }
        }
        String sequence = a.get(prefix + "sequence");
        if (sequence != null && !sequence.matches("\\d{1,19}")) {
            v.add(prefix + "sequence '" + sequence + "' is not a non-negative integer");
        }
        return v;
    }

    /** The body against the published schema of its type (formats asserted). */
    public static List<String> bodyViolations(String type, JsonNode body) {
        Optional<JsonSchema> schema = SCHEMAS.computeIfAbsent(type, PublishedRecords::load);
        if (schema.isEmpty()) {
            return List.of("no published schema schemas/" + type + ".json");
        }
        if (body == null) {
            return List.of("no body");
        }
        return schema.get().validate(body).stream()
                .map(ValidationMessage::getMessage)
                .toList();
    }

    private static Optional<JsonSchema> load(String type) {
        try (InputStream in =
                PublishedRecords.class.getClassLoader().getResourceAsStream("schemas/" + type + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return Optional.of(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), config));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the schema of " + type, e);
        }
    }

    private static boolean fromAService(String source) {
        return source != null && SERVICE_SOURCES.contains(source.startsWith("/") ? source.substring(1) : source);
    }
}
