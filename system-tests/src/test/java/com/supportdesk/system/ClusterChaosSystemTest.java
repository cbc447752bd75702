package com.supportdesk.system;

import static com.supportdesk.testinfra.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.SmtpServer;
import com.supportdesk.testinfra.TopicReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out under failure (issue 14): a Kafka cluster of three brokers (replication factor 3,
 * {@code min.insync.replicas=2}), two instances of each of the five services as real processes on one fresh
 * database, and a steady load of the ticket lifecycle for a minute. During it one instance of each service is killed
 * with SIGKILL, one after the other; then the database ends every service's session at once (as a restart or a
 * failover of PostgreSQL does); then one broker dies, and comes back ten seconds later; the dead instances
 * are started again after the load. Afterwards everything is checked from the topics, the stores, the SMTP server and a webhook
 * receiver: each acknowledged command's event is on {@code ticket-events} exactly once and in the ticket's order;
 * each SLA warning and breach exactly once, on time except where the instance that owned it had died; every e-mail and
 * webhook delivered, a repeat only as the same delivery (same id) of one in flight at a kill; the read model equals
 * what the topics say; every consumer group drains to lag 0. The figures (failover delays, repeats) are printed.
 */
class ClusterChaosSystemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final SmtpServer SMTP = SmtpServer.shared();
    private static final String[] SERVICES = {
        "ticket-service", "sla-service", "escalation-service", "notification-service", "reporting-service"
    };
    /** How long the load runs; the kills fall inside it. */
    private static final Duration LOAD = Duration.ofSeconds(60);
    /** The services' consumer session time-out ({@code kafka.session.timeout.ms}): a dead member's partitions move after it. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** The broker that is killed (each is also a KRaft controller: two of three keep the quorum). */
    private static final int BROKER = 2;

    private static BrokerCluster kafka;
    private static String jdbcUrl;
    private static final Map<String, List<ServiceProcess>> instances = new LinkedHashMap<>();
    private static HttpServer receiver;
    /** Per webhook delivery id, the event ids of each request the receiver got with it. */
    private static final Map<String, List<String>> hooks = new ConcurrentHashMap<>();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> ACCOUNTS = List.of("chaos-a-" + RUN, "chaos-b-" + RUN, "chaos-c-" + RUN);

    /** Each failure: what died, when, and when it was back (for the failover windows and the report). */
    private record Kill(String name, Instant killed, Instant ready) {}

    private static final List<Kill> kills = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = BrokerCluster.launch(3);
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : Topics.pinned()) {
                topics.add(new NewTopic(t, 3, (short) 3).configs(Topics.settings(t)));
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        String database = "chaos_" + RUN.replace('-', '_');
        try (Connection c = RealInfrastructure.postgres().getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        jdbcUrl = RealInfrastructure.postgres().getJdbcUrl("postgres", database);

        Map<String, String> env = new HashMap<>();
        env.put("SUPPORT_DB_URL", jdbcUrl);
        env.put("SUPPORT_DB_REACTIVE_URL", jdbcUrl.substring("jdbc:".length()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SUPPORT_KAFKA_REPLICATION_FACTOR", "3");
        env.put("SUPPORT_SMTP_HOST", "127.0.0.1");
        env.put("SUPPORT_SMTP_PORT", String.valueOf(SMTP.smtpPort()));
        env.put("SUPPORT_NOTIFICATION_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("SUPPORT_SLA_POLICY_DIR", Http.secondsPolicy().toString());
        env.put("SUPPORT_SLA_POLICIES", "standard,seconds");
        for (String service : SERVICES) {
            List<ServiceProcess> two = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                two.add(new ServiceProcess(
                        Path.of(System.getProperty(service + ".app")),
                        Http.freePort(),
                        env,
                        Files.createTempFile(service + "-" + i + "-", ".log")));
            }
            instances.put(service, two);
        }
        for (List<ServiceProcess> two : instances.values()) {
            for (ServiceProcess p : two) {
                p.start();
            }
        }
        for (List<ServiceProcess> two : instances.values()) {
            for (ServiceProcess p : two) {
                p.awaitReady(Duration.ofSeconds(240));
            }
        }
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String delivery = exchange.getRequestHeaders().getFirst("X-Support-Delivery");
            hooks.computeIfAbsent(delivery, d -> new CopyOnWriteArrayList<>())
                    .add(JSON.readTree(body).path("id").asText());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ServiceProcess.stopAll(instances.values().stream().flatMap(List::stream).toList());
        if (receiver != null) {
            receiver.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static int port(String service, int instance) {
        return instances.get(service).get(instance).port();
    }

    @Test
    void nothingIsLostOrDoubledWhenInstancesAndABrokerDieUnderLoad() throws Exception {
        for (String account : ACCOUNTS) {
            Http.post(port("ticket-service", 0), "/api/accounts", """
                    {"accountId": "%1$s", "profile": {"name": "Chaos %1$s", "region": "EUROPE", "language": "EN",
                     "supportPlan": "seconds",
                     "primaryContact": {"userId": "p-%1$s", "name": "P", "email": "p@%1$s.example"},
                     "backupContact": {"userId": "b-%1$s", "name": "B", "email": "b@%1$s.example"},
                     "strategicAccountManager": {"userId": "s-%1$s", "name": "S", "email": "s@%1$s.example"}}}
                    """.formatted(account));
            Http.post(port("notification-service", 0), "/api/notifications/webhooks", """
                    {"url": "http://127.0.0.1:%d/hook/%s", "eventTypes": ["support.ticket.*"], "accounts": ["%s"]}""".formatted(
                            receiver.getAddress().getPort(), account, account));
        }
        awaitLagZero(Duration.ofSeconds(60)); // every service has learned the accounts

        // ten processes that have just started share two cores with JIT compilers and group rebalances for a while:
        // a quarter of a minute of fast tickets first (checked like the rest, not timed), then the load
        Driver warmUp = new Driver(true);
        warmUp.run(Duration.ofSeconds(15));
        awaitLagZero(Duration.ofSeconds(60));
        assertThat(warmUp.failures).as("the warm-up's unexpected answers").isEmpty();

        Driver driver = new Driver(false);
        Instant loadStart = Instant.now();
        Thread chaos = new Thread(() -> chaos(loadStart), "chaos");
        chaos.start();
        driver.run(LOAD);
        chaos.join(Duration.ofMinutes(3).toMillis());
        assertThat(driver.failures).as("the driver's unexpected answers").isEmpty();
        assertThat(kills).as("every planned kill happened").hasSize(7);

        // the platform settles: every group drains, the delivery queue and the outboxes empty
        awaitLagZero(Duration.ofSeconds(120));
        awaitEmpty("select count(*) from notification.ntf_delivery where state = 'PENDING'", Duration.ofSeconds(120));
        awaitLagZero(Duration.ofSeconds(60));

        Map<String, List<ConsumerRecord<String, byte[]>>> ticketEvents =
                byKey(TopicReader.readAll(kafka.bootstrapServers(), Topics.TICKET_EVENTS));
        Map<String, List<ConsumerRecord<String, byte[]>>> slaEvents =
                byKey(TopicReader.readAll(kafka.bootstrapServers(), Topics.SLA_EVENTS));
        StringBuilder report = new StringBuilder("\n== ClusterChaosSystemTest\n");
        report.append("tickets %d, commands answered 2xx %d, retried after no answer or 5xx %d%n"
                .formatted(driver.tickets.size(), driver.ok.get(), driver.retried.get()));
        kills.forEach(k -> report.append("killed %s at +%d ms, back and ready %d ms later%n"
                .formatted(
                        k.name(),
                        Duration.between(loadStart, k.killed()).toMillis(),
                        Duration.between(k.killed(), k.ready()).toMillis())));

        try {
            checkTicketEvents(warmUp, ticketEvents, new StringBuilder());
            checkTicketEvents(driver, ticketEvents, report);
            checkSlaAlarms(driver, slaEvents, report);
            checkEmails(report);
            checkWebhooks(ticketEvents, report);
            checkReadModel(warmUp, ticketEvents, slaEvents);
            checkReadModel(driver, ticketEvents, slaEvents);
        } finally {
            System.out.println(report);
        }
    }

    // ---- the load ------------------------------------------------------------------------------------------------

    /** One driven ticket: every third one is a Sev 1 acknowledged late, so its response clock warns and breaches. */
    private static final class Driven {
        final int n;
        final String key = UUID.randomUUID().toString();
        final String account;
        final boolean slow;
        volatile String id;
        /** The event types of the commands that took effect, in order. */
        final List<String> applied = new CopyOnWriteArrayList<>();

        Driven(int n, boolean allFast) {
            this.n = n;
            this.account = ACCOUNTS.get(n % ACCOUNTS.size());
            this.slow = !allFast && n % 3 == 0;
        }
    }

    private record Step(String path, String body, String event, String already, long delayMillis) {}

    /**
     * Opens a ticket a second and takes each through acknowledge, message, resolve and close, alternating between
     * the two ticket-service instances; a command without an answer (or a 5xx) is sent again to the other one: the
     * open with its {@code Idempotency-Key}, a message with its {@code messageId}, and the rest are known to have
     * taken effect when the retry is refused as already done.
     */
    private final class Driver {
        final List<Driven> tickets = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final ScheduledExecutorService pool = Executors.newScheduledThreadPool(6);
        /** Counts down as each ticket is closed or given up. */
        java.util.concurrent.CountDownLatch finished;
        /** Only tickets acknowledged at once (the warm-up). */
        final boolean allFast;

        Driver(boolean allFast) {
            this.allFast = allFast;
        }

        void run(Duration load) throws InterruptedException {
            long periodMillis = 1000;
            int n = (int) (load.toMillis() / periodMillis);
            finished = new java.util.concurrent.CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                pool.schedule(() -> drive(new Driven(k, allFast)), i * periodMillis, TimeUnit.MILLISECONDS);
            }
            // each ticket's last steps come after the load; the slow ones 35 s after their opening
            if (!finished.await(load.toMillis() + 180_000L, TimeUnit.MILLISECONDS)) {
                failures.add("the driver did not finish: " + finished.getCount() + " tickets still going");
            }
            pool.shutdownNow();
        }

        private void drive(Driven t) {
            tickets.add(t);
            String severity = t.slow ? "SEV1" : "SEV3";
            List<Step> steps = List.of(
                    new Step(
                            "/api/tickets",
                            """
                            {"accountId": "%s", "kind": "INCIDENT", "severity": "%s", "title": "Chaos %d",
                             "description": "Driven by the chaos test"}""".formatted(t.account, severity, t.n),
                            "support.ticket.opened.v1",
                            null,
                            0),
                    new Step(
                            "/acknowledge",
                            "{}",
                            "support.ticket.acknowledged.v1",
                            "already-acknowledged",
                            t.slow ? 30_000 : 1_500),
                    new Step("/messages", """
                            {"body": "Looking into it", "messageId": "%s"}""".formatted(t.key), "support.ticket.message-added.v1", null, 1_500),
                    new Step("/resolve", """
                            {"resolution": "FIXED", "summary": "Fixed"}""", "support.ticket.resolved.v1", "ticket-resolved", 1_500),
                    new Step("/close", "{}", "support.ticket.closed.v1", "ticket-closed", 1_500));
            next(t, steps, 0);
        }

        private void next(Driven t, List<Step> steps, int i) {
            if (i == steps.size()) {
                finished.countDown();
                return;
            }
            Step step = steps.get(i);
            Runnable run = () -> {
                boolean done;
                try {
                    done = perform(t, step);
                } catch (RuntimeException e) {
                    failures.add(step.event() + " of ticket " + t.key + ": " + e);
                    done = false;
                }
                if (done) {
                    next(t, steps, i + 1);
                } else {
                    finished.countDown();
                }
            };
            if (step.delayMillis() == 0) {
                run.run();
            } else {
                pool.schedule(run, step.delayMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private boolean perform(Driven t, Step step) {
            boolean uncertain = false;
            Instant giveUp = Instant.now().plusSeconds(90);
            for (int attempt = 0; Instant.now().isBefore(giveUp); attempt++) {
                int port = port("ticket-service", (t.n + attempt) % 2);
                String path = t.id == null ? step.path() : "/api/tickets/" + t.id + step.path();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", Http.STAFF)
                        .POST(HttpRequest.BodyPublishers.ofString(step.body()));
                if (t.id == null) {
                    request.header("Idempotency-Key", t.key);
                }
                HttpResponse<String> r;
                try {
                    r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    uncertain = true;
                    retried.incrementAndGet();
                    pause();
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (r.statusCode() / 100 == 2) {
                    if (t.id == null) {
                        t.id = Http.field(r.body(), "id");
                    }
                    ok.incrementAndGet();
                    t.applied.add(step.event());
                    return true;
                }
                if (r.statusCode() == 409 && uncertain && r.body().contains("\"" + step.already() + "\"")) {
                    t.applied.add(step.event()); // the attempt that got no answer had taken effect
                    return true;
                }
                if (r.statusCode() >= 500) {
                    uncertain = true;
                    retried.incrementAndGet();
                    pause();
                    continue;
                }
                failures.add(path + " answered " + r.statusCode() + ": " + r.body());
                return false;
            }
            failures.add("no answer for " + step.event() + " of ticket " + t.key + " within 90 s");
            return false;
        }

        private void pause() {
            try {
                Thread.sleep(250); // before the retry on the other instance
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the failures ---------------------------------------------------------------------------------------------

    /**
     * Every 8 s one instance of the next service dies; then the database ends every session, and 4 s later a broker
     * dies for 10 s. The dead instances are started again after the load, one after the other: on two cores a starting
     * JVM takes both for most of a minute, which would make every other process late, and the point is what the
     * surviving instances do meanwhile.
     */
    private static void chaos(Instant loadStart) {
        try {
            Map<String, Instant> dead = new LinkedHashMap<>();
            int at = 8;
            for (String service : SERVICES) {
                waitUntil(loadStart.plusSeconds(at));
                dead.put(service, Instant.now());
                instances.get(service).get(0).kill();
                at += 8;
            }
            waitUntil(loadStart.plusSeconds(at));
            Instant ended = Instant.now();
            int sessions = endDatabaseSessions();
            kills.add(new Kill("database-sessions-" + sessions, ended, Instant.now()));
            at += 4;
            waitUntil(loadStart.plusSeconds(at));
            Instant killed = Instant.now();
            kafka.kill(BROKER);
            waitUntil(killed.plusSeconds(10));
            kafka.start(BROKER);
            kafka.awaitBrokers(3, Duration.ofSeconds(120));
            kills.add(new Kill("broker-" + BROKER, killed, Instant.now()));
            waitUntil(loadStart.plus(LOAD));
            for (var d : dead.entrySet()) {
                ServiceProcess victim = instances.get(d.getKey()).get(0);
                victim.start();
                victim.awaitReady(Duration.ofSeconds(180));
                kills.add(new Kill(d.getKey() + "-1", d.getValue(), Instant.now()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the chaos schedule failed", e);
        }
    }

    /**
     * Ends every client session on the services' database but this one, as a restart or a failover of PostgreSQL
     * ends them: every pool must drop its dead connections and every transaction in flight must be retried.
     */
    private static int endDatabaseSessions() throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                                + " AND datname = current_database()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void waitUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms); // the chaos schedule: the next failure at its planned instant
        }
    }

    // ---- the checks ----------------------------------------------------------------------------------------------

    /**
     * Per ticket: distinct events (by ce_id) in the topic's order have rising sequence numbers, no sequence is used
     * twice, and the driver's commands that took effect appear exactly once each, in the order they were sent.
     */
    private static void checkTicketEvents(
            Driver driver, Map<String, List<ConsumerRecord<String, byte[]>>> events, StringBuilder report) {
        int repeats = 0;
        for (Driven t : driver.tickets) {
            List<ConsumerRecord<String, byte[]>> records = events.getOrDefault(t.id, List.of());
            List<ConsumerRecord<String, byte[]>> distinct = distinct(records);
            repeats += records.size() - distinct.size();
            // the ticket's own events carry its sequence; a refused command's report (e.g. an escalation that came
            // after the resolution) is on the topic under the ticket's key without one
            List<Long> sequences = distinct.stream()
                    .map(r -> header(r, "ce_sequence"))
                    .filter(java.util.Objects::nonNull)
                    .map(Long::parseLong)
                    .toList();
            assertThat(sequences).as("sequences of " + t.id).isSorted().doesNotHaveDuplicates();
            Set<String> driven = Set.copyOf(t.applied);
            assertThat(distinct.stream()
                            .map(r -> header(r, "ce_type"))
                            .filter(driven::contains)
                            .toList())
                    .as("the driven events of " + t.id)
                    .containsExactlyElementsOf(t.applied);
            assertThat(t.applied)
                    .as("ticket " + t.id + " went through its lifecycle")
                    .hasSize(5);
            // a repeat (the relay re-sending after a crash) carries the sequence of an earlier record
            assertThat(records.stream()
                            .map(r -> header(r, "ce_sequence"))
                            .distinct()
                            .count())
                    .isEqualTo(distinct.size());
        }
        report.append(
                "ticket-events: every command once; %d records repeated by a relay after a crash%n".formatted(repeats));
    }

    /**
     * Exactly one warning and one breach of the response clock for each late-acknowledged ticket, at most one of
     * each for any ticket; each published within 1 s of the instant it fell due, unless an sla-service instance had
     * just died (the failover: its partitions move after the session time-out) or the broker was down.
     */
    private static void checkSlaAlarms(
            Driver driver, Map<String, List<ConsumerRecord<String, byte[]>>> events, StringBuilder report)
            throws Exception {
        List<Long> onTime = new ArrayList<>();
        Map<String, Long> worstInWindow = new LinkedHashMap<>();
        List<String> late = new ArrayList<>();
        for (Driven t : driver.tickets) {
            Map<String, Integer> counts = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : distinct(events.getOrDefault(t.id, List.of()))) {
                String type = header(r, "ce_type");
                if (!type.equals("support.sla.warning.v1") && !type.equals("support.sla.breached.v1")) {
                    continue;
                }
                JsonNode body = JSON.readTree(r.value());
                counts.merge(type + "/" + body.path("clock").asText(), 1, Integer::sum);
                Instant due = Instant.parse(header(r, "ce_time"));
                long lateness = r.timestamp() - due.toEpochMilli();
                Kill excuse = excuse(due);
                if (excuse == null) {
                    onTime.add(lateness);
                    if (lateness > 1_000) {
                        late.add(t.id + " " + type + " due " + due + " published " + lateness + " ms late");
                    }
                } else {
                    worstInWindow.merge(excuse.name(), lateness, Math::max);
                }
            }
            assertThat(counts.values()).as("alarms of " + t.id + ": " + counts).allMatch(c -> c == 1);
            if (t.slow) {
                assertThat(counts)
                        .as("the late-acknowledged " + t.id)
                        .containsEntry("support.sla.warning.v1/RESPONSE", 1)
                        .containsEntry("support.sla.breached.v1/RESPONSE", 1);
            }
        }
        onTime.sort(null);
        report.append("SLA alarms outside a failure window: %d, lateness p50 %d ms, max %d ms%n"
                .formatted(
                        onTime.size(),
                        onTime.isEmpty() ? 0 : onTime.get(onTime.size() / 2),
                        onTime.isEmpty() ? 0 : onTime.get(onTime.size() - 1)));
        worstInWindow.forEach((k, v) ->
                report.append("failover: alarms due while %s was down were at most %d ms late%n".formatted(k, v)));
        assertThat(late).as("alarms over 1 s late outside a failure window").isEmpty();
    }

    /**
     * The failure whose window holds {@code due}: an sla-service instance from its death until its partitions had
     * moved to the other one (the consumers' session time-out, plus a rebalance and a poll), or the broker from its
     * death until the controller had moved its partitions' leadership (the brokers' session time-out, plus the
     * clients' metadata refresh), or the database's ended sessions until the timers' and the relay's next round (a
     * failed round is tried again after a second).
     */
    private static Kill excuse(Instant due) {
        for (Kill k : kills) {
            Duration failover = k.name().startsWith("sla-service")
                    ? SESSION_TIMEOUT
                    : k.name().startsWith("broker")
                            ? BrokerCluster.SESSION_TIMEOUT
                            : k.name().startsWith("database") ? Duration.ofSeconds(2) : null;
            if (failover != null
                    && !due.isBefore(k.killed().minusSeconds(1))
                    && due.isBefore(k.killed().plus(failover).plusSeconds(5))) {
                return k;
            }
        }
        return null;
    }

    /**
     * Every e-mail the delivery store marked sent reached the SMTP server; a message arriving twice is the same
     * delivery (same id, same Message-ID), one that was in flight when an instance died: at most the e-mail senders of
     * that instance (four, one message each).
     */
    private static void checkEmails(StringBuilder report) throws Exception {
        Set<String> sent = new HashSet<>();
        Set<String> recipients = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                ResultSet r = c.createStatement()
                        .executeQuery("select coalesce(digest_id, id), recipient, state from notification.ntf_delivery"
                                + " where channel = 'EMAIL'")) {
            while (r.next()) {
                assertThat(r.getString(3)).as("e-mail " + r.getString(1)).isIn("SENT", "CANCELLED");
                if (r.getString(3).equals("SENT")) {
                    sent.add(r.getString(1));
                    recipients.add(r.getString(2));
                }
            }
        }
        Map<String, Integer> arrived = new HashMap<>();
        for (String recipient : recipients) {
            for (SmtpServer.Mail m : SMTP.inbox(recipient)) {
                String delivery = m.header("X-Support-Delivery");
                if (sent.contains(delivery)) {
                    arrived.merge(delivery, 1, Integer::sum);
                    assertThat(m.messageId()).contains(delivery);
                }
            }
        }
        assertThat(arrived.keySet()).as("every sent e-mail arrived").containsExactlyInAnyOrderElementsOf(sent);
        long repeated = arrived.values().stream().filter(n -> n > 1).count();
        report.append(("e-mails: %d deliveries, each arrived; %d arrived twice (in flight at a kill or when the"
                        + " database ended the sessions)%n")
                .formatted(sent.size(), repeated));
        assertThat(arrived.values()).allMatch(n -> n <= 2);
        // a send the SMTP server took whose transaction then could not commit goes again, under the same id
        assertThat(repeated)
                .as("repeats: at most the four senders of the killed instance, and the survivor's four when the"
                        + " database ended their sessions")
                .isLessThanOrEqualTo(8);
        assertThat(sent).as("the load caused e-mails").hasSizeGreaterThan(50);
    }

    /**
     * The receiver got every ticket event of the subscribed accounts, each under one delivery id; a repeated request
     * is the same delivery, at most the one in flight at the kill and the one when the database ended the sessions.
     */
    private static void checkWebhooks(
            Map<String, List<ConsumerRecord<String, byte[]>>> ticketEvents, StringBuilder report) {
        Set<String> expected = new HashSet<>();
        // the cluster is this test's own: every ticket event on it is of a subscribed account (the subscriptions are
        // for
        // support.ticket.*; a refused command's report, support.command.rejected.v1, is not one of them)
        ticketEvents.values().stream()
                .flatMap(l -> distinct(l).stream())
                .filter(r -> header(r, "ce_type").startsWith("support.ticket."))
                .forEach(r -> expected.add(header(r, "ce_id")));
        Map<String, Integer> perEvent = new HashMap<>();
        long repeatedDeliveries = 0;
        for (List<String> requests : hooks.values()) {
            assertThat(Set.copyOf(requests)).as("one event per delivery id").hasSize(1);
            perEvent.merge(requests.get(0), 1, Integer::sum);
            if (requests.size() > 1) {
                repeatedDeliveries++;
            }
        }
        assertThat(perEvent.keySet())
                .as("every ticket event reached the webhook")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perEvent.values())
                .as("one delivery per event and subscription")
                .allMatch(n -> n == 1);
        assertThat(repeatedDeliveries)
                .as("repeated requests: the one in flight at the kill, and the survivor's when the database ended its"
                        + " session")
                .isLessThanOrEqualTo(2);
        report.append("webhooks: %d events, each delivered once; %d requests repeated%n"
                .formatted(expected.size(), repeatedDeliveries));
    }

    /**
     * reporting-service's read model against a recomputation from the topics: each ticket's row (status, last
     * sequence, breached, escalated) and its event log (every distinct event of ticket-events and sla-events once).
     */
    private static void checkReadModel(
            Driver driver,
            Map<String, List<ConsumerRecord<String, byte[]>>> ticketEvents,
            Map<String, List<ConsumerRecord<String, byte[]>>> slaEvents)
            throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            for (Driven t : driver.tickets) {
                List<ConsumerRecord<String, byte[]>> events = distinct(ticketEvents.get(t.id));
                List<ConsumerRecord<String, byte[]>> own = events.stream()
                        .filter(e -> header(e, "ce_sequence") != null)
                        .toList();
                List<ConsumerRecord<String, byte[]>> alarms = distinct(slaEvents.getOrDefault(t.id, List.of()));
                var row = c.prepareStatement(
                        "select status, lastsequence, breached, escalated from reporting.rpt_ticket where ticketid = ?");
                row.setString(1, t.id);
                try (ResultSet r = row.executeQuery()) {
                    assertThat(r.next()).as("read model row of " + t.id).isTrue();
                    assertThat(r.getString(1)).as("status of " + t.id).isEqualTo("CLOSED");
                    assertThat(r.getLong(2))
                            .as("last sequence of " + t.id)
                            .isEqualTo(Long.parseLong(header(own.get(own.size() - 1), "ce_sequence")));
                    assertThat(r.getBoolean(3))
                            .as("breached " + t.id)
                            .isEqualTo(alarms.stream()
                                    .anyMatch(a -> "support.sla.breached.v1".equals(header(a, "ce_type"))));
                    assertThat(r.getBoolean(4))
                            .as("escalated " + t.id)
                            .isEqualTo(events.stream()
                                    .anyMatch(e -> "support.ticket.escalated.v1".equals(header(e, "ce_type"))));
                }
                var log = c.prepareStatement(
                        "select eventid from reporting.rpt_event where subject = ? and topic in (?, ?)");
                log.setString(1, t.id);
                log.setString(2, Topics.TICKET_EVENTS);
                log.setString(3, Topics.SLA_EVENTS);
                List<String> stored = new ArrayList<>();
                try (ResultSet r = log.executeQuery()) {
                    while (r.next()) {
                        stored.add(r.getString(1));
                    }
                }
                List<String> expected = new ArrayList<>();
                events.forEach(e -> expected.add(header(e, "ce_id")));
                alarms.forEach(e -> expected.add(header(e, "ce_id")));
                assertThat(stored).as("event log of " + t.id).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    // ---- reading the cluster ---------------------------------------------------------------------------------------

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    /** Waits until every consumer group has committed the end of every partition it reads. */
    private static void awaitLagZero(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        String last = "";
        try (Admin admin = admin()) {
            while (Instant.now().isBefore(end)) {
                Map<String, Long> lag = new LinkedHashMap<>();
                for (ConsumerGroupListing g : admin.listConsumerGroups().all().get()) {
                    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(g.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get();
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    offsets.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get();
                    long sum = 0;
                    for (var e : offsets.entrySet()) {
                        sum += ends.get(e.getKey()).offset()
                                - (e.getValue() == null ? 0 : e.getValue().offset());
                    }
                    lag.put(g.groupId(), sum);
                }
                if (!lag.isEmpty() && lag.values().stream().allMatch(l -> l == 0)) {
                    return;
                }
                last = lag.toString();
                Thread.sleep(500); // polling the cluster's committed offsets
            }
        }
        throw new AssertionError("consumer groups still lag after " + timeout + ": " + last);
    }

    private static void awaitEmpty(String countQuery, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        long n = -1;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            while (Instant.now().isBefore(end)) {
                try (ResultSet r = c.createStatement().executeQuery(countQuery)) {
                    r.next();
                    n = r.getLong(1);
                }
                if (n == 0) {
                    return;
                }
                Thread.sleep(500); // polling another process's store
            }
        }
        throw new AssertionError(countQuery + " is still " + n + " after " + timeout);
    }

    private static Map<String, List<ConsumerRecord<String, byte[]>>> byKey(List<ConsumerRecord<String, byte[]>> all) {
        Map<String, List<ConsumerRecord<String, byte[]>>> out = new HashMap<>();
        all.forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** The first record of each ce_id, in order: what a consumer that drops repeats by id sees. */
    private static List<ConsumerRecord<String, byte[]>> distinct(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> seen = new HashSet<>();
        return records.stream().filter(r -> seen.add(header(r, "ce_id"))).toList();
    }
}
