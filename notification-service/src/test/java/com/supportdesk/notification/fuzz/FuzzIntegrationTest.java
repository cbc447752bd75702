package com.supportdesk.notification.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.notification.it.TestClock;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.RestFuzz;
import com.supportdesk.testinfra.SmtpResource;
import com.supportdesk.testinfra.TestEvents;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicFuzz;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Inputs nobody thought of, generated: every operation of notification-service's REST API (never a 5xx, always a
 * problem document, a refused request leaves the subscriptions and the dead-letter store as they were), and records
 * on the topics it consumes that nobody should write (each on its dead-letter topic with a reason, and the
 * consumers go on).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class FuzzIntegrationTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    Object subscriptionsAndDeadLetters() {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.strings(
                        c,
                        "SELECT coalesce(md5(string_agg(s::text, ',' ORDER BY s.id)), '') FROM ntf_subscription s "
                                + "UNION ALL SELECT coalesce(md5(string_agg(d.id || d.state || d.attempts, ',' ORDER BY d.id)), '') "
                                + "FROM ntf_delivery d WHERE d.state = 'PARKED'"));
    }

    @Test
    void noGeneratedRequestGetsA5xxOrAnythingButAProblemAndRefusalsChangeNothing() {
        String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String partner = TestTokens.partner("fuzz-partner", List.of(account));
        String webhook = given().auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "url",
                        "https://93.184.215.14/fuzz",
                        "eventTypes",
                        List.of("support.ticket.*"),
                        "accounts",
                        List.of(account)))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        List<RestFuzz.Finding> findings = new RestFuzz()
                .ids("id", webhook, account)
                .witness(this::subscriptionsAndDeadLetters)
                .run();

        assertThat(findings)
                .as("generated requests answered wrongly (reproduce with the seed and case shown)")
                .isEmpty();
    }

    @Test
    void everyUnreadableRecordIsDeadLetteredWithItsReasonAndTheConsumersGoOn() {
        Map<String, String> topics = Map.of(
                Topics.TICKET_EVENTS,
                "support.ticket.opened.v1",
                Topics.SLA_EVENTS,
                "support.sla.breached.v1",
                Topics.ESCALATION_EVENTS,
                "support.escalation.decided.v1",
                Topics.ACCOUNT_EVENTS,
                "support.account.registered.v1");
        assertThat(TopicFuzz.deadLettersOf(topics, "notification-service", 6))
                .as("dead letters without a reason")
                .isEmpty();
        // the consumers go on: a ticket opened now is receipted
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        TestEvents.registerAccount(account, clock.instant());
        String ticket = TestEvents.openTicket(account, clock.instant());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !given().auth()
                        .oauth2(TestTokens.allStaff())
                        .get("/api/notifications/subjects/" + ticket)
                        .jsonPath()
                        .getList("id")
                        .isEmpty());
    }
}
