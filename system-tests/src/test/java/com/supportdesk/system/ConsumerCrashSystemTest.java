package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.SmtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer killed in the middle of a batch: a backlog of ticket openings waits on {@code ticket-events}, a fresh
 * notification-service process starts on it (polls of 500 records, each poll in one transaction) and is killed with
 * SIGKILL as soon as its first poll has committed, while the next one is being applied. After the restart every
 * opening has been handled exactly once (its id remembered once) and every receipt reaches each designated contact in
 * exactly one e-mail (so many receipts to one person are a burst, and most arrive in digests), none twice but for the
 * one e-mail that may have been on the wire at the kill (resent with the same Message-ID, which a receiver recognises;
 * ADR 0007).
 */
class ConsumerCrashSystemTest {
    static final int TICKETS = 1_500;
    private static final Pattern REFERENCE = Pattern.compile("TKT-C\\d+");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final SmtpServer SMTP = SmtpServer.shared();
    private static ServiceProcess notification;

    @AfterAll
    static void stop() throws InterruptedException {
        if (notification != null) {
            notification.stop();
        }
    }

    static ServiceProcess notificationProcess() throws Exception {
        Map<String, String> env = Map.of(
                "SUPPORT_DB_URL", RealInfrastructure.jdbcUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers(),
                "SUPPORT_SMTP_HOST", "127.0.0.1",
                "SUPPORT_SMTP_PORT", String.valueOf(SMTP.smtpPort()));
        return new ServiceProcess(
                Path.of(System.getProperty("notification-service.app")),
                Http.freePort(),
                env,
                Files.createTempFile("notification-service-", ".log"));
    }

    @Test
    void killedInTheMiddleOfABatchItLosesNothingAndDoublesNothing() throws Exception {
        String account = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        String ann = "ann." + account + "@client.example";
        String bob = "bob." + account + "@client.example";
        List<String> eventIds = backlog(account, ann, bob);

        notification = notificationProcess();
        notification.start();
        // as soon as a first poll has committed (and more are left), the process dies mid-stream
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> handled(eventIds) > 0);
        notification.kill();
        long atKill = handled(eventIds);
        assertThat(atKill).as("openings handled when killed").isPositive().isLessThan(TICKETS);
        System.out.printf("notification-service killed with %d of %d openings handled%n", atKill, TICKETS);

        notification = notificationProcess();
        notification.start();
        notification.awaitReady(WAIT);
        await().atMost(WAIT).until(() -> handled(eventIds) == TICKETS);
        for (String contact : List.of(ann, bob)) {
            await().atMost(WAIT).until(() -> receipts(SMTP.inbox(contact)).size() == TICKETS);
            List<SmtpServer.Mail> inbox = SMTP.inbox(contact);
            Map<String, SmtpServer.Mail> distinct = new LinkedHashMap<>();
            inbox.forEach(m -> distinct.putIfAbsent(m.messageId(), m));
            // each receipt in exactly one e-mail, alone or in a digest (1,500 receipts to one person are a burst)
            assertThat(receipts(distinct.values()))
                    .as("receipts of %s", contact)
                    .hasSize(TICKETS)
                    .allSatisfy((reference, mails) ->
                            assertThat(mails).as(reference).isOne());
            System.out.printf("%s: %d receipts in %d e-mails%n", contact, TICKETS, distinct.size());
            assertThat(inbox.size())
                    .as("e-mails to %s (at most the one on the wire at the kill repeated)", contact)
                    .isBetween(distinct.size(), distinct.size() + 1);
            assertThat(inbox)
                    .extracting(SmtpServer.Mail::subject)
                    .allMatch(s -> s.contains("Ticket received") || s.endsWith("updates on your support tickets"));
        }
    }

    /** In how many of these e-mails each ticket reference appears. */
    private static Map<String, Integer> receipts(Collection<SmtpServer.Mail> mails) {
        Map<String, Integer> seen = new HashMap<>();
        for (SmtpServer.Mail m : mails) {
            Set<String> inThisMail = new HashSet<>();
            Matcher reference = REFERENCE.matcher(m.text());
            while (reference.find()) {
                inThisMail.add(reference.group());
            }
            inThisMail.forEach(r -> seen.merge(r, 1, Integer::sum));
        }
        return seen;
    }

    /** The account and TICKETS openings on the topics, before the service starts: a backlog. */
    static List<String> backlog(String account, String ann, String bob) throws Exception {
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealInfrastructure.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            AccountProfile profile = new AccountProfile(
                    "Client " + account,
                    "EUROPE",
                    SupportLanguage.EN,
                    "standard",
                    new Contact("ann-" + account, "Ann", ann, null),
                    new Contact("bob-" + account, "Bob", bob, null),
                    new Contact("sam-" + account, "Sam", "sam." + account + "@vendor.example", null),
                    List.of(),
                    List.of(),
                    false);
            send(producer, Topics.ACCOUNT_EVENTS, account, null, new AccountRegistered(account, profile, "admin", now));
            producer.flush();
            for (int i = 0; i < TICKETS; i++) {
                String ticket = "t-" + UUID.randomUUID();
                ids.add(send(
                        producer,
                        Topics.TICKET_EVENTS,
                        ticket,
                        0L,
                        new TicketOpened(
                                ticket,
                                account,
                                "TKT-C" + i,
                                TicketKind.SERVICE_REQUEST,
                                Severity.SEV4,
                                Impact.STANDARD,
                                null,
                                false,
                                SupportLevel.L1,
                                "Question " + i,
                                "How do I?",
                                "shop",
                                null,
                                "ann-" + account,
                                now)));
            }
            producer.flush();
        }
        return ids;
    }

    private static String send(
            KafkaProducer<String, byte[]> producer, String topic, String key, Long sequence, Object event) {
        String id = UUID.randomUUID().toString();
        CloudEvent envelope = new CloudEvent(
                id, Catalog.of(event.getClass()).type(), "test", key, Instant.now(), sequence, null, event);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, CloudEventCodec.body(event));
        CloudEventCodec.headers(envelope).forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(r);
        return id;
    }

    /** How many of these events notification-service has handled (remembered by id, in their batch's transaction). */
    static long handled(List<String> eventIds) throws Exception {
        try (Connection c = RealInfrastructure.postgres().getPostgresDatabase().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM notification.ntf_seen WHERE event_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException notYet) {
            if ("42P01".equals(notYet.getSQLState()) || "3F000".equals(notYet.getSQLState())) {
                return 0; // the schema is created by the service's first start
            }
            throw notYet;
        }
    }
}
