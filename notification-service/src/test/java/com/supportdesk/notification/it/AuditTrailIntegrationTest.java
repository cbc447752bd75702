package com.supportdesk.notification.it;

import static com.supportdesk.testinfra.AuditEntries.detail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.testinfra.AuditEntries;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Webhook subscriptions, their secret rotations and removals leave an entry each on audit-events: who, from which
 * client and address, what, and never the secret.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class AuditTrailIntegrationTest {

    @Test
    void everyChangeToAWebhookIsOnTheAuditTrailWithoutItsSecret() {
        String account = "au-" + UUID.randomUUID().toString().substring(0, 8);
        String partner = TestTokens.partner("partner-" + account, List.of(account));
        String secret = "a-secret-of-the-partner-" + account;
        String id = given().auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.7")
                .body(Map.of(
                        "url",
                        "https://93.184.215.14/hook",
                        "eventTypes",
                        List.of("support.ticket.*"),
                        "accounts",
                        List.of(account),
                        "secret",
                        secret))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String rotated = given().auth()
                .oauth2(partner)
                .post("/api/notifications/webhooks/" + id + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        given().auth()
                .oauth2(TestTokens.staff("adam", "admin"))
                .delete("/api/notifications/webhooks/" + id)
                .then()
                .statusCode(204);

        JsonNode subscribed = AuditEntries.awaitOne(id, "webhook.subscribed");
        assertThat(subscribed.path("service").asText()).isEqualTo("notification-service");
        assertThat(subscribed.path("actorName").asText()).isEqualTo("partner-" + account);
        assertThat(subscribed.path("actorRoles").toString()).contains("partner");
        assertThat(subscribed.path("clientId").asText()).isEqualTo("portal");
        assertThat(subscribed.path("address").asText()).isEqualTo("203.0.113.7");
        assertThat(subscribed.path("targetKind").asText()).isEqualTo("webhook");
        assertThat(subscribed.path("accountId").asText()).isEqualTo(account);
        assertThat(detail(subscribed, "url")).isEqualTo("https://93.184.215.14/hook");
        assertThat(detail(subscribed, "secret")).isEqualTo("chosen by the subscriber");

        JsonNode rotation = AuditEntries.awaitOne(id, "webhook.secret-rotated");
        assertThat(rotation.path("actorName").asText()).isEqualTo("partner-" + account);
        assertThat(rotation.path("address").asText()).isNotBlank(); // the test client's own address
        JsonNode removal = AuditEntries.awaitOne(id, "webhook.unsubscribed");
        assertThat(removal.path("actorName").asText()).isEqualTo("adam");
        assertThat(removal.path("actorRoles").toString()).contains("admin");

        for (JsonNode entry : List.of(subscribed, rotation, removal)) {
            assertThat(entry.toString()).doesNotContain(secret).doesNotContain(rotated);
        }
    }
}
