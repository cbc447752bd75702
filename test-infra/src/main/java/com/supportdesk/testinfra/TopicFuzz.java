package com.supportdesk.testinfra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fuzzing of a consumed topic: records nobody should have written (random bytes, missing or wrong CloudEvents
 * headers, an unknown type, bodies of the wrong shape, an empty one, one of 900 KB, headers that are not UTF-8, no
 * key, and generated ones), each marked with the headers {@code x-fuzz-run} and {@code x-fuzz-case}. The property:
 * every one of them lands on {@code <topic>.dlq} with a {@code dead-letter-reason}, from the consumer under test,
 * and the consumer goes on (the test then shows one valid record's effect).
 */
public final class TopicFuzz {
    public static final String RUN = "x-fuzz-run";
    public static final String CASE = "x-fuzz-case";

    /** One record to send. */
    public record Case(String what, String key, Map<String, byte[]> headers, byte[] body) {}

    private TopicFuzz() {}

    /**
     * The cases for a topic whose consumers read {@code type} (a type of the catalogue on that topic): the fixed ones
     * and {@code generated} more from the seed ({@code -Dfuzz.seed}).
     */
    public static List<Case> cases(String type, int generated) {
        List<Case> cases = new ArrayList<>();
        String now = Instant.now().toString();
        cases.add(new Case("random bytes", key(), headers(type, now), bytes(new Random(1), 300)));
        Map<String, byte[]> noType = headers(type, now);
        noType.remove("ce_type");
        cases.add(new Case("no ce_type", key(), noType, "{}".getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> noId = headers(type, now);
        noId.remove("ce_id");
        cases.add(new Case("no ce_id", key(), noId, "{}".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case(
                "a type nobody knows",
                key(),
                headers("support.ticket.teleported.v9", now),
                "{}".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("an array body", key(), headers(type, now), "[1,2]".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("a string body", key(), headers(type, now), "\"x\"".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case(
                "a field of the wrong type",
                key(),
                headers(type, now),
                "{\"ticketId\":{\"a\":1},\"accountId\":[],\"at\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("a bad ce_time", key(), headers(type, "yesterday"), "{}".getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> badSequence = headers(type, now);
        badSequence.put("ce_sequence", "abc".getBytes(StandardCharsets.UTF_8));
        cases.add(new Case("a bad ce_sequence", key(), badSequence, "{}".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("an empty body", key(), headers(type, now), new byte[0]));
        cases.add(new Case(
                "900 KB that are not JSON",
                key(),
                headers(type, now),
                ("x".repeat(900 * 1024)).getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case(
                "an object without the required fields",
                key(),
                headers(type, now),
                "{\"unknown\":1}".getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> notUtf8 = headers(type, now);
        notUtf8.put("ce_type", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3});
        cases.add(new Case("a ce_type that is not UTF-8", key(), notUtf8, "{}".getBytes(StandardCharsets.UTF_8)));
        boolean compacted = com.supportdesk.contract.wire.Catalog.byType(type)
                .map(t -> t.topic().equals(com.supportdesk.contract.Topics.ACCOUNT_EVENTS))
                .orElse(false);
        if (!compacted) { // a compacted topic refuses a record without a key at the broker already
            cases.add(new Case("no key", null, headers(type, now), bytes(new Random(2), 50)));
        }
        long seed = Long.getLong("fuzz.seed", 20261201L);
        JqwikSession.start();
        try {
            Random random = new Random(seed ^ type.hashCode());
            Arbitrary<String> text = Arbitraries.oneOf(
                    Arbitraries.strings().ofMaxLength(30), Arbitraries.of("", "1.0", "support.nothing.v1", type, "-1"));
            for (int i = 0; i < generated; i++) {
                Map<String, byte[]> h = new LinkedHashMap<>();
                for (String name : List.of(
                        "ce_specversion",
                        "ce_id",
                        "ce_type",
                        "ce_source",
                        "ce_subject",
                        "ce_time",
                        "ce_sequence",
                        "ce_accountid")) {
                    if (random.nextInt(3) > 0) {
                        h.put(name, text.generator(100).next(random).value().getBytes(StandardCharsets.UTF_8));
                    }
                }
                // a type of the catalogue would be a well-formed event of no concern when the body happens to fit;
                // keep the generated ones unreadable: a body that is not a JSON object
                byte[] body = random.nextBoolean()
                        ? bytes(random, random.nextInt(2000))
                        : ("[" + text.generator(100).next(random).value().length() + "]")
                                .getBytes(StandardCharsets.UTF_8);
                cases.add(new Case("generated " + i, key(), h, body));
            }
        } finally {
            JqwikSession.finish();
        }
        return cases;
    }

    /** Sends the cases to {@code topic}, marked with a new run id, which it returns. */
    public static String send(String topic, List<Case> cases) {
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealInfrastructure.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        2 * 1024 * 1024),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, c.key(), c.body());
                c.headers().forEach((k, v) -> r.headers().add(k, v));
                r.headers().add(RUN, run.getBytes(StandardCharsets.UTF_8));
                r.headers().add(CASE, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + topic, e);
        }
        return run;
    }

    /**
     * Waits until every case of {@code run} is on {@code <topic>.dlq} as dead-lettered by {@code consumer} (null: the
     * channel's own dead-letter queue, which names no consumer); returns
     * the cases that lack a reason, or fails after {@code timeout} naming those never dead-lettered.
     */
    public static List<String> awaitDeadLettered(
            String topic, String run, List<Case> cases, String consumer, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> dead;
        try {
            dead = TopicReader.await(
                    topic + ".dlq",
                    r -> run.equals(TopicReader.header(r, RUN))
                            && (consumer == null || consumer.equals(TopicReader.header(r, "dead-letter-consumer"))),
                    seen -> seen.stream()
                                    .map(r -> TopicReader.header(r, CASE))
                                    .distinct()
                                    .count()
                            >= cases.size(),
                    timeout);
        } catch (AssertionError e) {
            throw new AssertionError(
                    "Not every fuzzed record of " + topic + " reached " + topic + ".dlq: " + e.getMessage(), e);
        }
        List<String> wrong = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : dead) {
            String reason = TopicReader.header(r, "dead-letter-reason");
            if (reason == null || reason.isBlank()) {
                wrong.add(
                        cases.get(Integer.parseInt(TopicReader.header(r, CASE))).what() + ": no reason");
            }
        }
        return wrong;
    }

    /**
     * The whole property for a consumer: for each topic (-> a type of it the consumer reads), the cases with
     * {@code generated} more, sent and awaited on the dead-letter topic; returns every problem found.
     */
    public static List<String> deadLettersOf(Map<String, String> topicsAndTypes, String consumer, int generated) {
        List<String> wrong = new ArrayList<>();
        topicsAndTypes.forEach((topic, type) -> {
            List<Case> cases = cases(type, generated);
            String run = send(topic, cases);
            awaitDeadLettered(topic, run, cases, consumer, Duration.ofSeconds(60))
                    .forEach(w -> wrong.add(topic + ": " + w));
        });
        return wrong;
    }

    private static Map<String, byte[]> headers(String type, String time) {
        Map<String, byte[]> h = new LinkedHashMap<>();
        h.put("ce_specversion", utf8("1.0"));
        h.put("ce_id", utf8(UUID.randomUUID().toString()));
        h.put("ce_type", utf8(type));
        h.put("ce_source", utf8("fuzz"));
        h.put("ce_subject", utf8("fuzz-subject"));
        h.put("ce_time", utf8(time));
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String key() {
        return "fuzz-" + UUID.randomUUID();
    }
}
