package com.supportdesk.escalation.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.RestFuzz;
import com.supportdesk.testinfra.TestEvents;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicFuzz;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Inputs nobody thought of, generated: every operation of escalation-service's REST API (read-only: never a 5xx,
 * always a problem document), and records on the topics it consumes that nobody should write (each on its
 * dead-letter topic with a reason, and the consumers go on).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class FuzzIntegrationTest {

    @Test
    void noGeneratedRequestGetsA5xxOrAnythingButAProblem() {
        String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        TestEvents.registerAccount(account, Instant.parse("2026-01-05T08:00:00Z"));
        String ticket = TestEvents.openTicket(account, Instant.parse("2026-01-05T08:00:00Z"));

        List<RestFuzz.Finding> findings =
                new RestFuzz().ids("id", ticket, account).run();

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
                Topics.ACCOUNT_EVENTS,
                "support.account.registered.v1");
        assertThat(TopicFuzz.deadLettersOf(topics, "escalation-service", 6))
                .as("dead letters without a reason")
                .isEmpty();
        String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        TestEvents.registerAccount(account, Instant.parse("2026-01-05T08:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(TestTokens.allStaff())
                                .get("/api/escalations/accounts/" + account + "/rules")
                                .statusCode()
                        == 200);
    }
}
