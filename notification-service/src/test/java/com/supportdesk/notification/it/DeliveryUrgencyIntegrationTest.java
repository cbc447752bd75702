package com.supportdesk.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import com.supportdesk.testinfra.SmtpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deliveries go out by urgency, not by age: with 250,000 routine e-mails queued (older than it, all due), a Sev 1
 * escalation mail to the strategic account manager is still sent within a minute, long before the queue is worked off.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryUrgencyIntegrationTest {
    private static final int ROUTINE = 250_000;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    final SmtpServer smtp = SmtpServer.shared();

    @Test
    void anEscalationOvertakesAQuarterOfAMillionQueuedRoutineMails() {
        clock.set(LocalDateTime.parse("2026-11-23T10:00")
                .atZone(ZoneId.of("Europe/Brussels"))
                .toInstant());
        String account = "acc-urgent-" + UUID.randomUUID().toString().substring(0, 6);
        String ticket = "t-" + UUID.randomUUID();
        String sam = "sam." + account + "@vendor.example";
        Instant queuedAt = clock.instant().minus(Duration.ofHours(1));
        String bulk = "bulk-" + account;
        // a burst's receipts to 250,000 people (one each, so none is coalesced into a digest), queued an hour ago
        Jdbc.inTransaction(
                dataSource, c -> Jdbc.update(c, """
                INSERT INTO ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id,
                    language, subject, body, state, attempts, next_attempt_at, created_at, urgency)
                SELECT ? || '-' || n, ? || '-' || n, 'support.ticket.opened.v1', 'EMAIL', 'RECEIPT',
                    'routine' || n || '@bulk.example', ?, ? || '-' || n, 'EN', 'Ticket received',
                    convert_to('routine', 'UTF8'), 'PENDING', 0, ?, ?, 4
                FROM generate_series(1, ?) AS n""", bulk, bulk, account, bulk, queuedAt, queuedAt, ROUTINE));
        try {
            AccountProfile profile = new AccountProfile(
                    "Client " + account,
                    "EUROPE",
                    SupportLanguage.EN,
                    "tiered-2",
                    new Contact("ann-" + account, "Ann", "ann." + account + "@client.example", null),
                    new Contact("bob-" + account, "Bob", "bob." + account + "@client.example", null),
                    new Contact("sam-" + account, "Sam", sam, null),
                    List.of(),
                    List.of(),
                    false);
            NotificationIntegrationTest.send(
                    Topics.ACCOUNT_EVENTS,
                    account,
                    null,
                    new AccountRegistered(account, profile, "admin", clock.instant()));
            NotificationIntegrationTest.send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    0L,
                    new TicketOpened(
                            ticket,
                            account,
                            "TKT-URGENT",
                            TicketKind.INCIDENT,
                            Severity.SEV1,
                            Impact.STANDARD,
                            null,
                            true,
                            SupportLevel.L1,
                            "Checkout down",
                            "Nobody can pay",
                            "shop",
                            null,
                            "ann-" + account,
                            clock.instant()));
            // escalation-service's decision (the strategic account manager is told) and the ticket's escalation (the
            // designated contacts are told)
            NotificationIntegrationTest.send(
                    Topics.ESCALATION_EVENTS,
                    ticket,
                    null,
                    new EscalationDecided(
                            ticket,
                            account,
                            "priority-breach",
                            EscalationAction.ESCALATE,
                            EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                            null,
                            "priority ticket breached its RESPONSE target",
                            "sam-" + account,
                            "x",
                            "cmd-1",
                            clock.instant()));
            NotificationIntegrationTest.send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    1L,
                    new TicketEscalated(
                            ticket,
                            account,
                            EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                            Severity.SEV1,
                            "priority ticket breached its RESPONSE target",
                            "priority-breach",
                            "escalation-service",
                            clock.instant()));

            String ann = "ann." + account + "@client.example";
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> !smtp.inbox(sam).isEmpty()
                            && smtp.inbox(ann).stream()
                                    .anyMatch(m -> m.subject().contains("Escalated")));
            assertThat(smtp.inbox(sam).get(0).subject()).contains("TKT-URGENT").contains("Escalated");
            long stillQueued = Long.parseLong(Jdbc.inTransaction(
                            dataSource,
                            c -> Jdbc.strings(
                                    c,
                                    "SELECT count(*) FROM ntf_delivery WHERE subject_id LIKE ? AND state = 'PENDING'",
                                    bulk + "-%"))
                    .get(0));
            assertThat(stillQueued)
                    .as("routine mails still queued when the escalation went out")
                    .isGreaterThan(ROUTINE * 9L / 10);
        } finally {
            Jdbc.inTransaction(
                    dataSource,
                    c -> Jdbc.update(
                            c,
                            "UPDATE ntf_delivery SET state = 'CANCELLED', "
                                    + "next_attempt_at = NULL WHERE subject_id LIKE ? AND state = 'PENDING'",
                            bulk + "-%"));
        }
    }
}
