package com.supportdesk.notification.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.notification.it.TestClock;
import com.supportdesk.testinfra.AuthorizationMatrix;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import com.supportdesk.testinfra.TestEvents;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * notification-service's authorisation matrix (the same table as in docs/api.md): partners manage their own webhook
 * subscriptions for the accounts they are entitled to, admins all of them; deliveries and dead letters are the
 * vendor staff's.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixIntegrationTest {
    //                          cust     cdsc     partner  agent eng sam ops admin service none
    static final String STAFF = "403 403 403 403 403 403 ok ok ok ok ok 403 401";
    static final String OWN_HOOK = "403 403 403 403 ok 404 403 403 403 403 ok 403 401";

    @Inject
    TestClock clock;

    @Test
    void everyPathAnswersEachCallerAsTheTableSays() {
        String own = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        clock.set(Instant.parse("2026-11-23T09:00:00Z")); // a Monday, in Europe's support hours
        TestEvents.registerAccount(own, clock.instant());
        String ticket = TestEvents.openTicket(own, clock.instant());
        String staff = TestTokens.allStaff();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !given().auth()
                        .oauth2(staff)
                        .get("/api/notifications/subjects/" + ticket)
                        .jsonPath()
                        .getList("id")
                        .isEmpty());
        String delivery = given().auth()
                .oauth2(staff)
                .get("/api/notifications/subjects/" + ticket)
                .jsonPath()
                .getString("[0].id");
        // the subscriptions belong to the matrix's entitled partner (the same user name as AuthorizationMatrix's)
        String partner = TestTokens.partner("matrix-partner-" + own, List.of(own));
        Supplier<String> freshWebhook = () -> given().auth()
                .oauth2(partner)
                .contentType(ContentType.JSON)
                .body(subscription(own))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String webhook = freshWebhook.get();

        AuthorizationMatrix matrix = new AuthorizationMatrix("notification-service", own, other)
                .row(
                        "POST /api/notifications/webhooks",
                        () -> subscription(own),
                        "403 403 403 403 ok 403 403 403 403 403 ok 403 401",
                        "for the own account")
                .row(
                        "GET /api/notifications/webhooks",
                        null,
                        "403 403 403 403 ok ok 403 403 403 403 ok 403 401",
                        "each partner's own")
                .row("GET /api/notifications/webhooks/{webhook}", null, OWN_HOOK)
                .row("POST /api/notifications/webhooks/{webhook}/rotate-secret", null, OWN_HOOK)
                .row("DELETE /api/notifications/webhooks/{fresh-webhook}", null, OWN_HOOK)
                .row("GET /api/notifications/subjects/{ticket}", null, STAFF)
                .row("GET /api/notifications/deliveries/{delivery}", null, STAFF)
                .row("GET /api/notifications/dead-letters", null, STAFF)
                .row(
                        "POST /api/notifications/dead-letters/{delivery}/replay",
                        null,
                        STAFF,
                        "a delivery that is not parked: 409")
                .row("GET /api/notifications/outages", null, STAFF);
        Map<String, Object> paths =
                Map.of("webhook", webhook, "fresh-webhook", freshWebhook, "ticket", ticket, "delivery", delivery);
        assertThat(matrix.verify(paths))
                .as("cells that disagree with the table")
                .isEmpty();
        assertThat(matrix.verifyBadTokens(paths)).as("bad tokens not refused").isEmpty();
        assertThat(matrix.render(Path.of("..", "docs", "api.md"))).isNull();
    }

    static Map<String, Object> subscription(String account) {
        return Map.of(
                "url",
                "https://93.184.215.14/matrix",
                "eventTypes",
                List.of("support.ticket.*"),
                "accounts",
                List.of(account));
    }
}
