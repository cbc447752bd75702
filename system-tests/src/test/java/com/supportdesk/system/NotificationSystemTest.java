package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.SmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Four services as real processes, a real SMTP server process, Kafka and PostgreSQL. First the whole story of a
 * priority account: an unacknowledged Sev 1 ticket breaches (a test contract of seconds), escalation-service
 * escalates it to the strategic account manager, the ticket's own history records it, and the e-mails arrive in the
 * account's language. Then notification-service, which commits its offsets only every ten minutes here, is killed
 * with SIGKILL after sending but before acknowledging: after the restart every event is delivered again, and not one
 * e-mail is sent twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationSystemTest {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final SmtpServer SMTP = SmtpServer.shared();
    private static final String PRIORITY =
            "prio-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PLAIN = "plain-" + UUID.randomUUID().toString().substring(0, 8);

    private static ServiceProcess tickets;
    private static ServiceProcess sla;
    private static ServiceProcess escalation;
    private static ServiceProcess notification;
    private static Map<String, String> infra;
    private static int ticketPort;
    private static int notificationPort;

    @BeforeAll
    static void start() throws Exception {
        Path policies = Http.secondsPolicy();
        infra = Map.of(
                "SUPPORT_DB_URL", RealInfrastructure.jdbcUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers(),
                "SUPPORT_SMTP_HOST", "127.0.0.1",
                "SUPPORT_SMTP_PORT", String.valueOf(SMTP.smtpPort()));
        ticketPort = Http.freePort();
        notificationPort = Http.freePort();
        tickets = new ServiceProcess(
                Path.of(System.getProperty("ticket-service.app")),
                ticketPort,
                infra,
                Files.createTempFile("ticket-service-", ".log"));
        Map<String, String> slaEnv = new HashMap<>(infra);
        slaEnv.put("SUPPORT_SLA_POLICY_DIR", policies.toString());
        slaEnv.put("SUPPORT_SLA_POLICIES", "standard,seconds");
        sla = new ServiceProcess(
                Path.of(System.getProperty("sla-service.app")),
                Http.freePort(),
                slaEnv,
                Files.createTempFile("sla-service-", ".log"));
        escalation = new ServiceProcess(
                Path.of(System.getProperty("escalation-service.app")),
                Http.freePort(),
                infra,
                Files.createTempFile("escalation-service-", ".log"));
        notification = notificationProcess(Duration.ofMinutes(10));
        for (ServiceProcess p : List.of(tickets, sla, escalation, notification)) {
            p.start();
        }
        for (ServiceProcess p : List.of(tickets, sla, escalation, notification)) {
            p.awaitReady(WAIT);
        }
    }

    /** notification-service, committing its ticket-events offsets every {@code commitInterval}. */
    private static ServiceProcess notificationProcess(Duration commitInterval) throws Exception {
        Map<String, String> env = new HashMap<>(infra);
        env.put("SUPPORT_KAFKA_COMMIT_INTERVAL_MS", String.valueOf(commitInterval.toMillis()));
        return new ServiceProcess(
                Path.of(System.getProperty("notification-service.app")),
                notificationPort,
                env,
                Files.createTempFile("notification-service-", ".log"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        ServiceProcess.stopAll(java.util.Arrays.asList(tickets, sla, escalation, notification));
    }

    static String address(String who, String account) {
        return who + "." + account + "@client.example";
    }

    @Test
    @Order(1)
    void anUnacknowledgedSev1OfAPriorityAccountIsEscalatedAndEveryoneIsToldInTheirLanguage() throws Exception {
        register(PRIORITY, "FR", "seconds");
        awaitAccountKnownBySla(PRIORITY);
        String ticket = open(PRIORITY, "SEV1");

        // the receipt, in French, with the reference number
        String reference = Http.field(Http.get(ticketPort, "/api/tickets/" + ticket), "reference");
        SMTP.awaitMail(address("ann", PRIORITY), "[" + reference + "] Ticket reçu : Down", WAIT);

        // nobody acknowledges: 20 s later it breaches and escalation-service escalates it to the account manager
        SmtpServer.Mail toSam = mails(address("sam", PRIORITY), 1).get(0);
        assertThat(toSam.subject()).isEqualTo("[" + reference + "] Escalade : responsable de compte stratégique");
        assertThat(toSam.text()).contains("Motif : the response target of PT20S was breached");
        // the escalate command reaches the ticket on its own path (ticket-commands): its history records it
        String history = await().atMost(WAIT)
                .until(
                        () -> Http.get(ticketPort, "/api/tickets/" + ticket + "/events"),
                        h -> h.contains("support.ticket.escalated.v1"));
        assertThat(history).contains("STRATEGIC_ACCOUNT_MANAGER").contains("priority-breach");

        // both designated contacts hear of the breach and of the escalation, in French too (each recipient's
        // e-mail is its own delivery, so each inbox is awaited: the next test counts on them being complete)
        for (String contact : List.of("ann", "bob")) {
            List<String> subjects = mails(address(contact, PRIORITY), 3).stream()
                    .map(SmtpServer.Mail::subject)
                    .toList();
            assertThat(subjects)
                    .as(contact)
                    .containsExactlyInAnyOrder(
                            "[" + reference + "] Ticket reçu : Down",
                            "[" + reference + "] Niveau de service dépassé : réponse",
                            "[" + reference + "] Escalade : responsable de compte stratégique");
        }
    }

    @Test
    @Order(2)
    void killedAfterSendingButBeforeAcknowledgingItSendsNothingTwiceAfterTheRestart() throws Exception {
        register(PLAIN, "EN", "standard");
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            opened.add(open(PLAIN, "SEV3"));
        }
        String ann = address("ann", PLAIN);
        String bob = address("bob", PLAIN);
        mails(ann, 8);
        mails(bob, 8);
        Map<String, Integer> before = inboxSizes();

        // the e-mails are out, but the offsets of those events were never committed
        Map<TopicPartition, Long> end = endOffsets();
        Map<TopicPartition, Long> committed = committedOffsets();
        assertThat(end.keySet()).anyMatch(p -> committed.getOrDefault(p, 0L) < end.get(p));

        notification.kill();
        notification = notificationProcess(Duration.ofSeconds(1));
        notification.start();
        notification.awaitReady(WAIT);

        // every event is delivered again and processed (the committed offsets reach the end) ...
        await().atMost(WAIT).until(() -> {
            Map<TopicPartition, Long> now = committedOffsets();
            return end.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
        // ... and one more ticket, opened after the restart, is told about: nothing was sent twice in between
        open(PLAIN, "SEV3");
        mails(ann, 9);
        mails(bob, 9);
        assertThat(SMTP.inbox(ann))
                .hasSize(9)
                .extracting(SmtpServer.Mail::messageId)
                .doesNotHaveDuplicates();
        assertThat(SMTP.inbox(bob)).hasSize(9);
        Map<String, Integer> after = inboxSizes();
        before.forEach((address, count) -> {
            if (!address.equals(ann) && !address.equals(bob)) {
                assertThat(after.get(address)).as(address).isEqualTo(count);
            }
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Map<String, Integer> inboxSizes() {
        Map<String, Integer> sizes = new HashMap<>();
        for (String who : List.of("ann", "bob", "sam")) {
            for (String account : List.of(PRIORITY, PLAIN)) {
                sizes.put(
                        address(who, account), SMTP.inbox(address(who, account)).size());
            }
        }
        return sizes;
    }

    private static List<SmtpServer.Mail> mails(String address, int atLeast) {
        await().atMost(WAIT).until(() -> SMTP.inbox(address).size() >= atLeast);
        return SMTP.inbox(address);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()));
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(Topics.TICKET_EVENTS))
                    .allTopicNames()
                    .get()
                    .get(Topics.TICKET_EVENTS)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                wanted.put(new TopicPartition(Topics.TICKET_EVENTS, p), OffsetSpec.latest());
            }
            return admin.listOffsets(wanted).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("notification-service")
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((p, o) -> {
                if (o != null && p.topic().equals(Topics.TICKET_EVENTS)) {
                    out.put(p, o.offset());
                }
            });
            return out;
        }
    }

    private static void register(String account, String language, String plan) throws Exception {
        Http.post(ticketPort, "/api/accounts", """
                {"accountId": "%1$s", "profile": {"name": "Client %1$s", "region": "EUROPE", "language": "%2$s",
                 "supportPlan": "%3$s",
                 "primaryContact": {"userId": "ann-%1$s", "name": "Ann", "email": "%4$s"},
                 "backupContact": {"userId": "bob-%1$s", "name": "Bob", "email": "%5$s"},
                 "strategicAccountManager": {"userId": "sam-%1$s", "name": "Sam", "email": "%6$s"}}}
                """.formatted(
                account, language, plan, address("ann", account), address("bob", account), address("sam", account)));
    }

    private static void awaitAccountKnownBySla(String account) {
        await().atMost(WAIT).until(() -> Http.status(sla.port(), "/api/sla/accounts/" + account) == 200);
    }

    private static String open(String account, String severity) throws Exception {
        String body = Http.post(ticketPort, "/api/tickets", """
                {"accountId": "%s", "kind": "INCIDENT", "severity": "%s", "title": "Down",
                 "description": "Production is down"}
                """.formatted(account, severity));
        Matcher m = ID.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
