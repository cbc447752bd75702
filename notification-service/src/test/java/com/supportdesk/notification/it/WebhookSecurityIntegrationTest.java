package com.supportdesk.notification.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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
 * Partners subscribe only for the accounts they are entitled to and see only their own subscriptions; deliveries
 * and the dead-letter store are the vendor's.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class WebhookSecurityIntegrationTest {

    @Test
    void partnersAreLimitedToTheirEntitlementsAndTheirOwnSubscriptions() {
        String x = "wx-" + UUID.randomUUID().toString().substring(0, 8);
        String y = "wy-" + UUID.randomUUID().toString().substring(0, 8);
        String p1 = TestTokens.partner("partner-one-" + x, List.of(x));
        String p2 = TestTokens.partner("partner-two-" + y, List.of(y));
        Map<String, Object> forY = Map.of(
                "url", "https://93.184.215.14/p1", "eventTypes", List.of("support.ticket.*"), "accounts", List.of(y));
        given().auth()
                .oauth2(p1)
                .contentType(ContentType.JSON)
                .body(forY)
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("accounts[0]"));
        String id = given().auth()
                .oauth2(p1)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "url",
                        "https://93.184.215.14/p1",
                        "eventTypes",
                        List.of("support.ticket.*"),
                        "accounts",
                        List.of(x)))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().auth()
                .oauth2(p1)
                .get("/api/notifications/webhooks")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        given().auth()
                .oauth2(p2)
                .get("/api/notifications/webhooks")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(id)));
        given().auth()
                .oauth2(p2)
                .get("/api/notifications/webhooks/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(p2)
                .delete("/api/notifications/webhooks/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.staff("adam", "admin"))
                .get("/api/notifications/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("accounts[0]", equalTo(x));

        // the vendor's side: deliveries and dead letters; partners and customers are refused, strangers are 401
        given().auth().oauth2(p1).get("/api/notifications/dead-letters").then().statusCode(403);
        given().auth()
                .oauth2(TestTokens.token("carl", x, "customer"))
                .get("/api/notifications/subjects/t-1")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.staff("alice", "agent"))
                .contentType(ContentType.JSON)
                .body(forY)
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.staff("olga", "ops"))
                .get("/api/notifications/dead-letters")
                .then()
                .statusCode(200);
        given().auth().none().get("/api/notifications/webhooks").then().statusCode(401);

        given().auth()
                .oauth2(p1)
                .delete("/api/notifications/webhooks/" + id)
                .then()
                .statusCode(204);
    }
}
