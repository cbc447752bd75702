package com.supportdesk.bench;

import com.supportdesk.contract.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Drives ticket-service over HTTP with the ticket lifecycle mix (open, acknowledge, message, resolve, close) and
 * reports commands/s, latency percentiles and the lag until each event is on {@code ticket-events}.
 *
 * <p>Closed loop ({@code --rate=0}): {@code --concurrency} workers send as fast as answers come back, which finds
 * the ceiling. Open loop ({@code --rate=N}): commands are scheduled at N per second and latency is measured from
 * the scheduled instant, so a stall shows up in the percentiles instead of silently lowering the load.
 *
 * <p>{@code java -cp 'bench/target/bench.jar:bench/target/libs/*' com.supportdesk.bench.LoadGenerator
 * --url=http://localhost:8081 --bootstrap=localhost:9092 --duration=30 --concurrency=16 --rate=0} ({@code --url} may
 * name several ticket-service instances, comma-separated: the workers are spread over them)
 */
public final class LoadGenerator {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] STEPS = {"open", "acknowledge", "message", "resolve", "close"};
    /** A {@code Prefer} header for the commands after the opening (env SUPPORT_BENCH_PREFER; none when unset). */
    private static final String PREFER = System.getenv("SUPPORT_BENCH_PREFER");

    private final String url;
    private final int concurrency;
    private final double rate;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    /** When reporting-service's read model showed each command's effect (the ticket row at that sequence). */
    private final Map<String, Long> shownAt = new ConcurrentHashMap<>();

    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong slots = new AtomicLong();
    private volatile boolean recording;
    private long startNanos;

    private LoadGenerator(String url, int concurrency, double rate) {
        this.url = url;
        this.concurrency = concurrency;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String url = a.getOrDefault("url", "http://localhost:8081");
        String bootstrap = a.getOrDefault("bootstrap", "localhost:9092");
        int duration = Integer.parseInt(a.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "16"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "0"));
        LoadGenerator g = new LoadGenerator(url, concurrency, rate);
        g.readModel = a.get("readmodel");
        g.accounts = Integer.parseInt(a.getOrDefault("accounts", "0"));
        g.cpuScript = a.get("cpu");
        g.run(bootstrap, warmup, duration);
        if (a.containsKey("groups")) {
            // first the topics the commands drive; notification-events carries delivery outcomes, which come at the
            // pace mail and webhooks are sent (the queue is drained by urgency, after the commands' effects)
            long drained =
                    ConsumerLag.drainMillis(bootstrap, Duration.ofSeconds(60), java.util.Set.of("notification-events"));
            System.out.printf("RESULT groups_drained_ms=%d%n", drained);
            long all = ConsumerLag.drainMillis(bootstrap, Duration.ofSeconds(90));
            System.out.printf("RESULT groups_drained_incl_delivery_outcomes_ms=%d%n", all);
        }
    }

    /** JDBC URL of the database holding reporting-service's read model; null: not watched. */
    private String readModel;
    /** The generator's own CPU over the measured phase, in cores (it shares the machine with what it measures). */
    private double ownCpu;

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Tickets are opened for accounts bench, or bench-0 .. bench-(n-1) round robin when n > 0. */
    private int accounts;

    private final AtomicLong opened = new AtomicLong();

    private String account() {
        return accounts <= 0 ? "bench" : "bench-" + (opened.getAndIncrement() % accounts);
    }

    private void run(String bootstrap, int warmupSeconds, int durationSeconds) throws Exception {
        AtomicBoolean consuming = new AtomicBoolean(true);
        CountDownLatch consumerReady = new CountDownLatch(1);
        Thread consumer = new Thread(() -> consume(bootstrap, consuming, consumerReady), "lag-consumer");
        consumer.start();
        consumerReady.await();
        Thread watcher = null;
        if (readModel != null) {
            watcher = new Thread(() -> watchReadModel(consuming), "read-model-watcher");
            watcher.start();
        }

        List<List<Long>> latencies = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        startNanos = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            int worker = i;
            Thread t = new Thread(() -> work(worker, running, mine), "worker-" + i);
            workers.add(t);
            t.start();
        }
        Thread.sleep(warmupSeconds * 1000L);
        cpuSnapshot("before");
        long cpuWindowFrom = System.nanoTime();
        long measuredFrom = System.nanoTime();
        long cpuFrom = cpuNanos();
        recording = true;
        Thread.sleep(durationSeconds * 1000L);
        recording = false;
        long measuredNanos = System.nanoTime() - measuredFrom;
        cpuSnapshot("after");
        cpuWindowNanos = System.nanoTime() - cpuWindowFrom;
        ownCpu = (double) (cpuNanos() - cpuFrom) / measuredNanos;
        running.set(false);
        for (Thread t : workers) {
            t.join();
        }
        // let the last events reach the topic before computing the lag
        long drainUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < drainUntil && !seenAt.keySet().containsAll(sentAt.keySet())) {
            Thread.sleep(100);
        }
        while (readModel != null
                && System.nanoTime() < drainUntil + Duration.ofSeconds(10).toNanos()
                && !shownAt.keySet().containsAll(sentAt.keySet())) {
            Thread.sleep(100);
        }
        consuming.set(false);
        consumer.join();
        if (watcher != null) {
            watcher.join();
        }
        report(latencies, measuredNanos);
    }

    /**
     * With {@code --cpu=bench/cpu_by_component.py}: the CPU time of every process on the machine, per platform
     * component, is taken at the start and the end of the measured phase, and printed per 1,000 commands.
     */
    private String cpuScript;

    private java.nio.file.Path cpuDir;

    /** The wall time between the two CPU snapshots (a little more than the measured phase). */
    private long cpuWindowNanos;

    private void cpuSnapshot(String name) throws Exception {
        if (cpuScript == null) {
            return;
        }
        if (cpuDir == null) {
            cpuDir = java.nio.file.Files.createTempDirectory("cpu");
        }
        new ProcessBuilder(
                        "python3",
                        cpuScript,
                        "snapshot",
                        cpuDir.resolve(name + ".json").toString())
                .inheritIO()
                .start()
                .waitFor();
    }

    private void cpuReport(long commands) throws Exception {
        if (cpuScript == null) {
            return;
        }
        new ProcessBuilder(
                        "python3",
                        cpuScript,
                        "diff",
                        cpuDir.resolve("before.json").toString(),
                        cpuDir.resolve("after.json").toString(),
                        String.valueOf(commands))
                .inheritIO()
                .start()
                .waitFor();
    }

    /** Worker {@code worker} talks to one of the comma-separated {@code --url}s: the workers spread over them. */
    private void work(int worker, AtomicBoolean running, List<Long> latencies) {
        String[] urls = url.split(",");
        URI base = URI.create(urls[worker % urls.length].trim());
        String token = System.getenv("SUPPORT_TOKEN");
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            while (running.get()) {
                String ticket = null;
                for (int step = 0; step < STEPS.length && running.get(); step++) {
                    long intended = pace();
                    String body = switch (STEPS[step]) {
                        case "open" ->
                            "{\"accountId\":\"" + account() + "\",\"kind\":\"INCIDENT\",\"severity\":\"SEV3\","
                                    + "\"title\":\"Load test\",\"description\":\"Generated by the load generator\"}";
                        case "message" -> "{\"body\":\"Any news?\"}";
                        case "resolve" -> "{\"resolution\":\"FIXED\",\"summary\":\"Fixed\"}";
                        default -> "{}";
                    };
                    String path = step == 0
                            ? "/api/tickets"
                            : "/api/tickets/" + ticket + "/"
                                    + (STEPS[step].equals("message") ? "messages" : STEPS[step]);
                    boolean record = recording;
                    try {
                        // SUPPORT_BENCH_PREFER=return=minimal: the commands after the opening answered without
                        // the ticket, as the portal asks for them (the opening's answer gives the ticket's id)
                        RawHttp.Answer response = http.post(path, token, body, step == 0 ? null : PREFER);
                        long done = System.nanoTime();
                        if (response.status() >= 300) {
                            errors.incrementAndGet();
                            break;
                        }
                        if (step == 0) {
                            Matcher m = ID.matcher(response.body());
                            if (!m.find()) {
                                errors.incrementAndGet();
                                break;
                            }
                            ticket = m.group(1);
                        }
                        if (record) {
                            latencies.add(done - intended);
                            sentAt.put(ticket + "#" + step, intended);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        http.close();
                        break;
                    }
                }
            }
        }
    }

    /** The instant this command is meant to leave: now in a closed loop, its slot in an open loop. */
    private long pace() {
        if (rate <= 0) {
            return System.nanoTime();
        }
        long slot = startNanos + (long) (slots.getAndIncrement() * 1e9 / rate);
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return slot;
    }

    private void consume(String bootstrap, AtomicBoolean consuming, CountDownLatch ready) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        10),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.TICKET_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position);
            ready.countDown();
            while (consuming.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Header seq = r.headers().lastHeader("ce_sequence");
                    if (seq != null) {
                        seenAt.putIfAbsent(r.key() + "#" + new String(seq.value(), StandardCharsets.UTF_8), now);
                    }
                }
            }
        }
    }

    /**
     * Polls the read model for the tickets with commands not shown yet, every 20 ms: a command is shown when its
     * ticket's row has reached its sequence number (the lifecycle's n-th command makes the n-th event).
     */
    private void watchReadModel(AtomicBoolean consuming) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        readModel,
                        System.getenv().getOrDefault("SUPPORT_DB_USER", "postgres"),
                        System.getenv().getOrDefault("SUPPORT_DB_PASSWORD", "postgres"));
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "select ticketId, lastSequence from reporting.rpt_ticket where ticketId = any(?)")) {
            while (consuming.get()) {
                Map<String, List<String>> pending = new HashMap<>();
                for (String key : sentAt.keySet()) {
                    if (!shownAt.containsKey(key)) {
                        pending.computeIfAbsent(key.substring(0, key.lastIndexOf('#')), k -> new ArrayList<>())
                                .add(key);
                    }
                }
                if (!pending.isEmpty()) {
                    ps.setArray(1, c.createArrayOf("varchar", pending.keySet().toArray()));
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            long at = rs.getLong(2);
                            for (String key : pending.get(rs.getString(1))) {
                                if (Long.parseLong(key.substring(key.lastIndexOf('#') + 1)) <= at) {
                                    shownAt.putIfAbsent(key, now);
                                }
                            }
                        }
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            System.err.println("read model watcher: " + e);
        }
    }

    private void report(List<List<Long>> perWorker, long measuredNanos) throws Exception {
        long[] lat = perWorker.stream()
                .flatMap(List::stream)
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
        long[] lag = delays(seenAt);
        long missing = sentAt.size() - lag.length;
        long[] rm = delays(shownAt);
        long notShown = sentAt.size() - rm.length;
        double seconds = measuredNanos / 1e9;
        System.out.printf(
                "mode            : %s, %d workers%n",
                rate > 0 ? "open loop at " + rate + " commands/s" : "closed loop", concurrency);
        System.out.printf(
                "commands        : %d in %.1f s = %.0f commands/s (errors %d)%n",
                lat.length, seconds, lat.length / seconds, errors.get());
        System.out.printf("generator CPU   : %.0f%% of one core (its own process, measured phase)%n", ownCpu * 100);
        System.out.flush();
        // the commands of the snapshots' window, at the measured phase's rate
        cpuReport(Math.round(lat.length * (double) cpuWindowNanos / measuredNanos));
        System.out.printf(
                "latency ms      : p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                ms(lat, 0.50), ms(lat, 0.90), ms(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
        System.out.printf(
                "event lag ms    : p50 %.1f  p90 %.1f  p99 %.1f  (events not seen: %d)%n",
                ms(lag, 0.50), ms(lag, 0.90), ms(lag, 0.99), missing);
        if (readModel != null) {
            System.out.printf(
                    "read model ms   : p50 %.1f  p90 %.1f  p99 %.1f  (commands not shown: %d)%n",
                    ms(rm, 0.50), ms(rm, 0.90), ms(rm, 0.99), notShown);
            System.out.printf(
                    "RESULT rm_lag_p50_ms=%.1f rm_lag_p99_ms=%.1f not_shown=%d%n", ms(rm, 0.5), ms(rm, 0.99), notShown);
        }
        System.out.printf(
                "RESULT commands_per_s=%.0f p50_ms=%.1f p99_ms=%.1f lag_p50_ms=%.1f lag_p99_ms=%.1f "
                        + "errors=%d missing_events=%d generator_cpu_cores=%.2f%n",
                lat.length / seconds,
                ms(lat, 0.5),
                ms(lat, 0.99),
                ms(lag, 0.5),
                ms(lag, 0.99),
                errors.get(),
                missing,
                ownCpu);
    }

    /** From each command's scheduled instant to when {@code observed} saw it, sorted; commands not seen left out. */
    private long[] delays(Map<String, Long> observed) {
        List<Long> out = new ArrayList<>();
        for (var e : sentAt.entrySet()) {
            Long at = observed.get(e.getKey());
            if (at != null) {
                out.add(at - e.getValue());
            }
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static {
        // keep the Kafka client quiet; the figures are the output
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
}
