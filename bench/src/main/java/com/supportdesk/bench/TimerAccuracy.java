package com.supportdesk.bench;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Timer accuracy of sla-service with many active timers. Writes {@code --tickets} ticket openings onto
 * {@code ticket-events} (as ticket-service's relay would, paced at {@code --rate} per second) for an account on the
 * {@code bench-24x7} contract (response within 3 minutes, 24/7), so every ticket arms one breach timer and they are
 * all active at once. Then reads {@code sla-events} and reports, for each breach, how late it was published: the
 * record's timestamp (when sla-service sent it) minus the deadline it announces.
 *
 * <p>Run: {@code bench/run-timers.sh} (it explains how to start the stack with the benchmark contract).
 */
public final class TimerAccuracy {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of(
                "tickets",
                "100000",
                "rate",
                "2000",
                "severity",
                "SEV3",
                "bootstrap",
                "localhost:9092",
                "sla",
                "http://localhost:8082",
                "policy",
                "bench-24x7"));
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int tickets = Integer.parseInt(opt.get("tickets"));
        int rate = Integer.parseInt(opt.get("rate"));
        // Sev 3 by default: not a priority ticket, so escalation-service leaves the breach alone and the run measures
        // sla-service's timers. With SEV1 every breach also becomes an escalation command (a heavier, different run).
        Severity severity = Severity.valueOf(opt.get("severity"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String account = "bench-timers-" + run;

        HttpClient http = HttpClient.newHttpClient();
        String policyId = opt.get("policy");
        HttpResponse<String> policy = http.send(
                BenchAuth.bearer(HttpRequest.newBuilder(URI.create(opt.get("sla") + "/api/sla/policies/" + policyId)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (policy.statusCode() != 200) {
            System.err.println("sla-service does not have the " + policyId + " policy; start the stack with it:\n"
                    + "  deploy/local/stack down && SUPPORT_SLA_POLICY_DIR=$PWD/bench/policies "
                    + "SUPPORT_SLA_POLICIES=standard,tiered-1,tiered-2,tiered-3,tiered-3-rapid,bench-24x7,bench-90s "
                    + "deploy/local/stack up");
            System.exit(2);
        }
        // the policy's one response target (a 24/7 calendar): how long after its opening each breach falls due
        String response = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(policy.body())
                .path("targets")
                .path(0)
                .path("response")
                .asText("");
        if (response.isEmpty()) {
            System.err.println("the " + policyId + " policy has no response target: " + policy.body());
            System.exit(2);
        }
        long targetSeconds = Duration.parse(response).toSeconds();

        try (KafkaProducer<String, byte[]> producer = producer(opt.get("bootstrap"));
                KafkaConsumer<String, byte[]> consumer = tail(opt.get("bootstrap"), Topics.SLA_EVENTS)) {

            AccountProfile profile = new AccountProfile(
                    "Timer benchmark",
                    "EUROPE",
                    SupportLanguage.EN,
                    policyId,
                    new Contact("ann", "Ann", "ann@example.com", null),
                    new Contact("bob", "Bob", "bob@example.com", null),
                    new Contact("sam", "Sam", "sam@example.com", null),
                    List.of(),
                    List.of(),
                    false);
            send(
                            producer,
                            Topics.ACCOUNT_EVENTS,
                            account,
                            null,
                            account,
                            new AccountRegistered(account, profile, "bench", Instant.now()))
                    .get();
            awaitAccount(http, opt.get("sla"), account);

            System.out.printf(
                    "Opening %,d tickets at %,d/s (%s: response target %d s, 24/7)%n",
                    tickets, rate, policyId, targetSeconds);
            long start = System.nanoTime();
            for (int i = 0; i < tickets; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // pacing without burning a core the service needs (this machine has two)
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                String id = "bt-" + run + "-" + i;
                send(
                        producer,
                        Topics.TICKET_EVENTS,
                        id,
                        0L,
                        account,
                        new TicketOpened(
                                id,
                                account,
                                "B-" + i,
                                TicketKind.INCIDENT,
                                severity,
                                Impact.STANDARD,
                                null,
                                severity.ordinal() < 2,
                                SupportLevel.L1,
                                "bench",
                                "timer accuracy",
                                null,
                                null,
                                "bench",
                                Instant.now()));
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "Opened %,d tickets in %.1f s; all armed timers fall due within the next %.0f s%n",
                    tickets, seconds, targetSeconds + seconds);

            long[] lateMs = new long[tickets];
            long[] deadlines = new long[tickets];
            Set<String> seen = new HashSet<>();
            int n = 0;
            Instant giveUp = Instant.now().plus(Duration.ofSeconds(targetSeconds + (long) seconds + 300));
            String breached =
                    Catalog.of(com.supportdesk.contract.event.SlaBreached.class).type();
            String prefix = "bt-" + run + "-";
            while (n < tickets && Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null
                            || !r.key().startsWith(prefix)
                            || !breached.equals(header(r, "ce_type"))
                            || !seen.add(header(r, "ce_id"))) {
                        continue;
                    }
                    long deadline = Instant.parse(header(r, "ce_time")).toEpochMilli();
                    deadlines[n] = deadline;
                    lateMs[n++] = r.timestamp() - deadline;
                }
            }
            printWindows(Arrays.copyOf(deadlines, n), Arrays.copyOf(lateMs, n));
            long[] late = Arrays.copyOf(lateMs, n);
            Arrays.sort(late);
            long over = Arrays.stream(late).filter(v -> v > 1000).count();
            System.out.printf(
                    "RESULT timers=%d breaches_seen=%d late_ms_p50=%d p99=%d p999=%d max=%d min=%d "
                            + "over_1s=%d (%.3f%%)%n",
                    tickets,
                    n,
                    pct(late, 0.50),
                    pct(late, 0.99),
                    pct(late, 0.999),
                    n == 0 ? -1 : late[n - 1],
                    n == 0 ? -1 : late[0],
                    over,
                    n == 0 ? 0 : 100.0 * over / n);
        }
    }

    /** Lateness by 5 s window of deadlines: shows whether the late ones cluster (the first due, a pause) or spread. */
    private static void printWindows(long[] deadlines, long[] lateMs) {
        if (deadlines.length == 0) {
            return;
        }
        long first = Arrays.stream(deadlines).min().orElseThrow();
        java.util.TreeMap<Long, List<Long>> windows = new java.util.TreeMap<>();
        for (int i = 0; i < deadlines.length; i++) {
            windows.computeIfAbsent((deadlines[i] - first) / 5000, k -> new java.util.ArrayList<>())
                    .add(lateMs[i]);
        }
        System.out.println("deadlines from the first (s)  breaches  late p50  p99  max (ms)");
        windows.forEach((w, values) -> {
            long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "  %3d-%-3d  %,8d  %6d  %6d  %6d%n",
                    w * 5, w * 5 + 5, v.length, pct(v, 0.5), pct(v, 0.99), v[v.length - 1]);
        });
    }

    /** A producer as ticket-service's relay sends (all replicas acknowledge, small batches). */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** A consumer of every partition of {@code topic}, positioned at its end: it reads what comes from now on. */
    static KafkaConsumer<String, byte[]> tail(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static java.util.concurrent.Future<?> send(
            KafkaProducer<String, byte[]> producer,
            String topic,
            String key,
            Long sequence,
            String account,
            Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "bench",
                key,
                Instant.now(),
                sequence,
                account,
                event);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, CloudEventCodec.body(event));
        CloudEventCodec.headers(envelope).forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return producer.send(r);
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static void awaitAccount(HttpClient http, String sla, String account) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (http.send(
                                    BenchAuth.bearer(HttpRequest.newBuilder(
                                                    URI.create(sla + "/api/sla/accounts/" + account)))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200) {
                return;
            }
            Thread.sleep(100); // polling the service until the account arrived through Kafka
        }
        throw new IllegalStateException("sla-service never saw account " + account);
    }
}
