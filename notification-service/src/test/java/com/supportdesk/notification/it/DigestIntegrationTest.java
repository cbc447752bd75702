package com.supportdesk.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import com.supportdesk.testinfra.SmtpServer;
import com.supportdesk.testinfra.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A burst of routine e-mails to one person is coalesced into digests (at least 10 due, at most 50 in one), each notice
 * in exactly one e-mail; an urgent notice to the same person still goes alone and first; a person with only a few
 * notices due gets them one by one; and a digest whose composition was committed before a crash is sent as it was
 * composed, under its own Message-ID, not re-mixed with notices that fell due since.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class DigestIntegrationTest {
    private static final Pattern REFERENCE = Pattern.compile("TKT-D[0-9a-f]{6}-[a-z]+-\\d+");
    private static final Duration WAIT = Duration.ofMinutes(1);

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    final SmtpServer smtp = SmtpServer.shared();

    @Test
    void aBurstToOnePersonGoesAsDigestsAndEachNoticeInExactlyOneMail() {
        clock.set(LocalDateTime.parse("2026-11-23T10:00")
                .atZone(ZoneId.of("Europe/Brussels"))
                .toInstant());
        String run = UUID.randomUUID().toString().substring(0, 6);
        String ann = "ann.digest-" + run + "@client.example";
        String bob = "bob.digest-" + run + "@client.example";
        Instant queuedAt = clock.instant().minus(Duration.ofMinutes(10));
        Jdbc.inTransaction(dataSource, c -> {
            queue(c, run + "-ann", ann, "RECEIPT", 4, 120, queuedAt);
            queue(c, run + "-bob", bob, "RECEIPT", 4, 3, queuedAt);
            return queue(c, run + "-urgent", ann, "BREACH", 2, 1, queuedAt.plusSeconds(60));
        });

        awaitAllSent(run + "-%");
        List<SmtpServer.Mail> toAnn = smtp.inbox(ann);
        // the breach first and alone, then 120 receipts in digests of at most 50 (at least 3 mails)
        assertThat(toAnn.get(0).subject()).isEqualTo("[TKT-D" + run + "-urgent-1] urgent");
        assertThat(toAnn.get(0).header("X-Support-Digest-Size")).isNull();
        List<SmtpServer.Mail> digests = toAnn.subList(1, toAnn.size());
        assertThat(digests)
                .hasSizeBetween(3, 12)
                .allSatisfy(m -> assertThat(m.subject()).endsWith("updates on your support tickets"))
                .allSatisfy(m -> assertThat(Integer.parseInt(m.header("X-Support-Digest-Size")))
                        .isBetween(10, 50))
                .extracting(SmtpServer.Mail::messageId)
                .doesNotHaveDuplicates();
        Map<String, Integer> seen = references(digests);
        assertThat(seen)
                .hasSize(120)
                .allSatisfy(
                        (reference, times) -> assertThat(times).as(reference).isOne());
        assertThat(digests.stream()
                        .mapToInt(m -> Integer.parseInt(m.header("X-Support-Digest-Size")))
                        .sum())
                .isEqualTo(120);
        // each notice is recorded as sent on its own, with the digest that carried it
        List<String> carriers = Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.strings(
                        c,
                        "SELECT count(DISTINCT "
                                + "digest_id) FROM ntf_delivery WHERE subject_id LIKE ? AND state = 'SENT'",
                        run + "-ann-%"));
        assertThat(carriers).containsExactly(String.valueOf(digests.size()));
        // and each one's outcome is published once, naming its digest (a digest's outcomes are written in one insert)
        List<ConsumerRecord<String, byte[]>> outcomes = TopicReader.await(
                Topics.NOTIFICATION_EVENTS,
                r -> r.key() != null && r.key().startsWith(run + "-ann-"),
                found -> found.size() >= 120,
                WAIT);
        assertThat(outcomes)
                .hasSize(120)
                .allSatisfy(r -> assertThat(TopicReader.header(r, "ce_type")).isEqualTo("support.notification.sent.v1"))
                .allSatisfy(r -> assertThat(TopicReader.body(r)).contains("\"digestId\":\"digest-"));
        assertThat(outcomes.stream().map(ConsumerRecord::key).distinct()).hasSize(120);
        // three receipts are no burst: one by one
        assertThat(smtp.inbox(bob))
                .hasSize(3)
                .allSatisfy(m -> assertThat(m.header("X-Support-Digest-Size")).isNull());
    }

    @Test
    void aDigestComposedBeforeACrashIsSentAsComposed() {
        clock.set(LocalDateTime.parse("2026-11-23T11:00")
                .atZone(ZoneId.of("Europe/Brussels"))
                .toInstant());
        String run = UUID.randomUUID().toString().substring(0, 6);
        String cai = "cai.digest-" + run + "@client.example";
        Instant queuedAt = clock.instant().minus(Duration.ofMinutes(10));
        // twelve receipts made one digest by a sender that died before sending it; twelve more fell due since
        String digestId = "digest-" + UUID.randomUUID();
        Jdbc.inTransaction(dataSource, c -> {
            queue(c, run + "-early", cai, "RECEIPT", 4, 12, queuedAt);
            Jdbc.update(c, "UPDATE ntf_delivery SET digest_id = ? WHERE subject_id LIKE ?", digestId, run + "-early-%");
            return queue(c, run + "-late", cai, "RECEIPT", 4, 12, queuedAt.plusSeconds(1));
        });

        awaitAllSent(run + "-%");
        List<SmtpServer.Mail> toCai = smtp.inbox(cai);
        SmtpServer.Mail composed = toCai.stream()
                .filter(m -> m.messageId().contains(digestId))
                .findFirst()
                .orElseThrow();
        assertThat(references(List.of(composed)).keySet())
                .hasSize(12)
                .allMatch(r -> r.startsWith("TKT-D" + run + "-early-"));
        assertThat(references(toCai))
                .hasSize(24)
                .allSatisfy((reference, times) -> assertThat(times).isOne());
    }

    /** Queues {@code n} due e-mails of a kind to one recipient, as the processor would have. */
    private static int queue(
            java.sql.Connection c, String prefix, String to, String kind, int urgency, int n, Instant at)
            throws java.sql.SQLException {
        return Jdbc.update(c, """
                INSERT INTO ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id,
                    language, subject, body, state, attempts, next_attempt_at, created_at, urgency)
                SELECT ? || '-' || n, ? || '-' || n, 'support.ticket.opened.v1', 'EMAIL', ?, ?, 'acc-digest',
                    ? || '-' || n, 'EN', '[TKT-D' || ? || '-' || n || '] ' || CASE WHEN ? < 4 THEN 'urgent'
                    ELSE 'Ticket received' END, convert_to('Reference: TKT-D' || ? || '-' || n, 'UTF8'), 'PENDING',
                    0, CAST(? AS timestamptz) + n * interval '1 millisecond',
                    CAST(? AS timestamptz) + n * interval '1 millisecond', ?
                FROM generate_series(1, ?) AS n""", prefix, prefix, kind, to, prefix, prefix, urgency, prefix, at, at, urgency, n);
    }

    /**
     * Waits until none of the run's deliveries is pending. A send that failed for a moment (the shared SMTP server of a
     * busy test run) is retried after its back-off on the service's clock, which moves only when a test moves it: so
     * the clock is moved to the earliest such retry, as time would have moved.
     */
    private void awaitAllSent(String subjectLike) {
        await().atMost(WAIT).until(() -> {
            if (state(subjectLike, "PENDING") == 0) {
                return true;
            }
            String retry = Jdbc.inTransaction(
                            dataSource,
                            c -> Jdbc.strings(
                                    c,
                                    "SELECT (extract(epoch FROM min(next_attempt_at)) * 1000)::bigint FROM ntf_delivery"
                                            + " WHERE subject_id LIKE ? AND state = 'PENDING' AND attempts > 0",
                                    subjectLike))
                    .get(0);
            if (retry != null) {
                Instant at = Instant.ofEpochMilli(Long.parseLong(retry));
                if (at.isAfter(clock.instant())) {
                    clock.set(at.plusMillis(1));
                }
            }
            return false;
        });
    }

    private long state(String subjectLike, String state) {
        return Long.parseLong(Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.strings(
                                c,
                                "SELECT count(*) FROM ntf_delivery WHERE subject_id LIKE ? AND state = ?",
                                subjectLike,
                                state))
                .get(0));
    }

    /** How many e-mails each ticket reference appears in. */
    private static Map<String, Integer> references(List<SmtpServer.Mail> mails) {
        Map<String, Integer> seen = new HashMap<>();
        for (SmtpServer.Mail m : mails) {
            Matcher r = REFERENCE.matcher(m.text());
            java.util.Set<String> inThisMail = new java.util.HashSet<>();
            while (r.find()) {
                inThisMail.add(r.group());
            }
            inThisMail.forEach(ref -> seen.merge(ref, 1, Integer::sum));
        }
        return seen;
    }
}
