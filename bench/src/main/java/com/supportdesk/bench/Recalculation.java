package com.supportdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Re-targeting after a calendar change, on the whole stack. Opens {@code --tickets} tickets on the {@code bench-asia}
 * contract (one running clock each, 200 business hours on the Asia calendar), waits until sla-service has started
 * them all, then adds a holiday to the Asia calendar through the REST API ({@code PUT /api/sla/calendars/asia}) and
 * measures how long until every one of those clocks' {@code clock-retargeted} is on {@code sla-events} (the record's
 * timestamp minus the instant the PUT was answered). Meanwhile tickets on the {@code bench-30s} contract (30 s,
 * 24/7) keep timers falling due: their breaches' lateness is reported for the same window.
 *
 * <p>Run: {@code bench/run-recalculation.sh} (it says how to start the stack with the benchmark contracts).
 */
public final class Recalculation {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of(
                "tickets",
                "100000",
                "rate",
                "2000",
                "timer-rate",
                "50",
                "bootstrap",
                "localhost:9092",
                "sla",
                "http://localhost:8082"));
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int tickets = Integer.parseInt(opt.get("tickets"));
        int rate = Integer.parseInt(opt.get("rate"));
        int timerRate = Integer.parseInt(opt.get("timer-rate"));
        String sla = opt.get("sla");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String asiaAccount = "bench-recalc-" + run;
        String timerAccount = "bench-recalc-timers-" + run;
        HttpClient http = HttpClient.newHttpClient();
        for (String policy : List.of("bench-asia", "bench-30s")) {
            if (get(http, sla + "/api/sla/policies/" + policy).statusCode() != 200) {
                System.err.println(
                        "sla-service does not have the " + policy + " policy; see bench/run-recalculation.sh");
                System.exit(2);
            }
        }
        try (KafkaProducer<String, byte[]> producer = TimerAccuracy.producer(opt.get("bootstrap"));
                KafkaConsumer<String, byte[]> consumer = TimerAccuracy.tail(opt.get("bootstrap"), Topics.SLA_EVENTS)) {
            register(producer, http, sla, asiaAccount, "ASIA", "bench-asia");
            register(producer, http, sla, timerAccount, "EUROPE", "bench-30s");

            String prefix = "br-" + run + "-";
            System.out.printf("Opening %,d tickets on bench-asia at %,d/s%n", tickets, rate);
            long start = System.nanoTime();
            for (int i = 0; i < tickets; i++) {
                pace(start, i, rate);
                open(producer, prefix + i, asiaAccount);
            }
            producer.flush();
            String started = Catalog.of(com.supportdesk.contract.event.ClockStarted.class)
                    .type();
            String retargeted = Catalog.of(ClockRetargeted.class).type();
            String breached = Catalog.of(SlaBreached.class).type();
            Set<String> startedTickets = new HashSet<>();
            Instant giveUp = Instant.now().plusSeconds(600);
            while (startedTickets.size() < tickets && Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null
                            && r.key().startsWith(prefix)
                            && started.equals(TimerAccuracy.header(r, "ce_type"))) {
                        startedTickets.add(r.key());
                    }
                }
            }
            System.out.printf(
                    "sla-service started the clocks of %,d tickets, %.1f s after the first opening%n",
                    startedTickets.size(), (System.nanoTime() - start) / 1e9);
            if (!"false".equals(opt.get("quiet"))) {
                // a calendar changes on a platform at work, not in the middle of a 100,000-ticket burst: the change
                // is made once every consumer has caught up with the openings (--quiet=false: at once, as before)
                long drained = ConsumerLag.drainMillis(opt.get("bootstrap"), Duration.ofMinutes(20));
                System.out.printf("every consumer group caught up %.1f s later%n", drained / 1e3);
            }

            // timers falling due through the re-targeting: 30 s tickets opened from 30 s before the change on
            String timerPrefix = "brt-" + run + "-";
            AtomicBoolean stop = new AtomicBoolean();
            Thread timers = new Thread(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; !stop.get(); i++) {
                    pace(t0, i, timerRate);
                    open(producer, timerPrefix + i, timerAccount);
                }
            });
            timers.start();
            Thread.sleep(30_000); // the first timers fall due as the change is made

            // the change: a holiday on the first business day from the day after tomorrow in Manila (not one already:
            // neither a dated holiday, "on", nor a yearly one, "date" as MM-DD; a holiday added on one moves nothing)
            ObjectMapper json = new ObjectMapper();
            HttpResponse<String> read = get(http, sla + "/api/sla/calendars/asia/definition");
            ObjectNode definition = (ObjectNode) json.readTree(read.body()).get("calendar");
            Set<String> closed = new HashSet<>();
            definition.path("holidays").forEach(h -> {
                closed.add(h.path("on").asText());
                closed.add(h.path("date").asText());
            });
            LocalDate day = LocalDate.now(ZoneId.of("Asia/Manila")).plusDays(2);
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY
                    || day.getDayOfWeek() == DayOfWeek.SUNDAY
                    || closed.contains(day.toString())
                    || closed.contains(day.toString().substring(5))) {
                day = day.plusDays(1);
            }
            ((ArrayNode) definition.get("holidays"))
                    .addObject()
                    .put("name", "Benchmark holiday " + run)
                    .put("on", day.toString());
            Cpu cpu = new Cpu(opt.get("cpu"));
            cpu.snapshot("before");
            long sent = System.currentTimeMillis();
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(URI.create(sla + "/api/sla/calendars/asia"))
                            .header("Authorization", "Bearer " + System.getenv("SUPPORT_ADMIN_TOKEN"))
                            .header("Content-Type", "application/json")
                            .header(
                                    "If-Match",
                                    read.headers().firstValue("ETag").orElse("*"))
                            .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(definition)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long changed = System.currentTimeMillis();
            if (put.statusCode() != 200) {
                System.err.println("PUT /api/sla/calendars/asia answered " + put.statusCode() + ": " + put.body());
                System.exit(3);
            }
            System.out.printf("Holiday added on %s (the PUT answered in %d ms)%n", day, changed - sent);

            Set<String> moved = new HashSet<>();
            long lastMoved = changed;
            long[] lateMs = new long[1 << 16];
            int breaches = 0;
            Set<String> seenBreaches = new HashSet<>();
            giveUp = Instant.now().plusSeconds(300);
            long stopTimersAt = changed + 20_000;
            while ((moved.size() < tickets || System.currentTimeMillis() < stopTimersAt + 35_000)
                    && Instant.now().isBefore(giveUp)) {
                if (System.currentTimeMillis() > stopTimersAt) {
                    stop.set(true);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String type = TimerAccuracy.header(r, "ce_type");
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.key().startsWith(prefix) && retargeted.equals(type) && moved.add(r.key())) {
                        lastMoved = Math.max(lastMoved, r.timestamp());
                        if (moved.size() == tickets) {
                            cpu.snapshot("after"); // the CPU the whole machine spent on the re-targeting
                        }
                    } else if (r.key().startsWith(timerPrefix)
                            && breached.equals(type)
                            && seenBreaches.add(TimerAccuracy.header(r, "ce_id"))) {
                        long deadline = Instant.parse(TimerAccuracy.header(r, "ce_time"))
                                .toEpochMilli();
                        // the breaches due from the change until the last clock was re-targeted (and 5 s either side)
                        if (deadline >= changed - 5_000 && breaches < lateMs.length) {
                            lateMs[breaches++] = r.timestamp() - deadline;
                        }
                    }
                }
            }
            stop.set(true);
            timers.join();
            JsonNode recalculations = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(sla + "/api/sla/calendars/asia/recalculations"))
                                    .header("Authorization", "Bearer " + System.getenv("SUPPORT_ADMIN_TOKEN"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            long[] late = Arrays.copyOf(lateMs, breaches);
            Arrays.sort(late);
            System.out.printf(
                    "RESULT clocks=%d retargeted=%d published_within_ms=%d server_took_ms=%s looked=%s "
                            + "timers_due=%d late_ms_p50=%d p99=%d max=%d over_1s=%d%n",
                    tickets,
                    moved.size(),
                    lastMoved - changed,
                    recalculations.path(0).path("tookMillis").asText(),
                    recalculations.path(0).path("ticketsLookedAt").asText(),
                    breaches,
                    TimerAccuracy.pct(late, 0.5),
                    TimerAccuracy.pct(late, 0.99),
                    breaches == 0 ? -1 : late[breaches - 1],
                    Arrays.stream(late).filter(v -> v > 1000).count());
            cpu.report(moved.size());
        }
    }

    /** CPU seconds per platform component between two snapshots ({@code --cpu=bench/cpu_by_component.py}). */
    private record Cpu(String script, java.nio.file.Path dir) {
        Cpu(String script) throws java.io.IOException {
            this(script, script == null ? null : java.nio.file.Files.createTempDirectory("cpu"));
        }

        void snapshot(String name) throws Exception {
            if (script != null) {
                run("snapshot", dir.resolve(name + ".json").toString());
            }
        }

        void report(long clocks) throws Exception {
            if (script != null && java.nio.file.Files.exists(dir.resolve("after.json"))) {
                System.out.println("CPU from the change until the last clock was re-targeted (per 1,000 clocks):");
                run(
                        "diff",
                        dir.resolve("before.json").toString(),
                        dir.resolve("after.json").toString(),
                        String.valueOf(clocks));
            }
        }

        private void run(String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("python3", script));
            command.addAll(List.of(args));
            new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    private static void pace(long start, int i, int rate) {
        long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing without burning a core
        }
    }

    private static void open(KafkaProducer<String, byte[]> producer, String id, String account) {
        TimerAccuracy.send(
                producer,
                Topics.TICKET_EVENTS,
                id,
                0L,
                account,
                new TicketOpened(
                        id,
                        account,
                        "B-" + id,
                        TicketKind.INCIDENT,
                        Severity.SEV3,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "bench",
                        "re-targeting",
                        null,
                        null,
                        "bench",
                        Instant.now()));
    }

    private static void register(
            KafkaProducer<String, byte[]> producer,
            HttpClient http,
            String sla,
            String account,
            String region,
            String plan)
            throws Exception {
        AccountProfile profile = new AccountProfile(
                "Re-targeting benchmark",
                region,
                SupportLanguage.EN,
                plan,
                new Contact("ann", "Ann", "ann@example.com", null),
                new Contact("bob", "Bob", "bob@example.com", null),
                new Contact("sam", "Sam", "sam@example.com", null),
                List.of(),
                List.of(),
                false);
        TimerAccuracy.send(
                        producer,
                        Topics.ACCOUNT_EVENTS,
                        account,
                        null,
                        account,
                        new AccountRegistered(account, profile, "bench", Instant.now()))
                .get();
        TimerAccuracy.awaitAccount(http, sla, account);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(
                BenchAuth.bearer(HttpRequest.newBuilder(URI.create(url))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
