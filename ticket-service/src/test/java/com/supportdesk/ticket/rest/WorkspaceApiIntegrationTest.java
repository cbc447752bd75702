package com.supportdesk.ticket.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.supportdesk.testinfra.ClamdResource;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.ticket.TestData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the agent workspace needs beyond the lifecycle: presence on a ticket, canned replies. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ClamdResource.class, scope = TestResourceScope.GLOBAL)
class WorkspaceApiIntegrationTest {
    final String alice = TestTokens.staff("alice", "agent");
    final String bob = TestTokens.staff("bob", "agent");
    final String admin = TestTokens.staff("adam", "admin");

    String ticket() {
        String account = TestData.registeredAccount();
        return given().auth()
                .oauth2(TestTokens.token("carla-" + account, account, "customer"))
                .contentType(ContentType.JSON)
                .body(TestData.openTicket(account, "SEV3"))
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void eachAgentSeesWhoElseIsOnTheTicketAndWhoIsTypingUntilTheyLeave() {
        String ticket = ticket();
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("typing", true))
                .put("/api/tickets/" + ticket + "/presence")
                .then()
                .statusCode(200)
                .body("version", equalTo(0))
                .body("present", hasSize(0));
        given().auth()
                .oauth2(bob)
                .contentType(ContentType.JSON)
                .body(Map.of("typing", false))
                .put("/api/tickets/" + ticket + "/presence")
                .then()
                .statusCode(200)
                .body("present.user", contains("alice"))
                .body("present[0].typing", equalTo(true));
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/tickets/" + ticket + "/presence")
                .then()
                .body("present.user", contains("bob"));
        // alice's "still here" without typing: she is still typing for bob; until she says she stopped
        given().auth()
                .oauth2(bob)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/tickets/" + ticket + "/presence")
                .then()
                .body("present[0].typing", equalTo(true));
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("typing", false))
                .put("/api/tickets/" + ticket + "/presence");
        given().auth()
                .oauth2(bob)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/tickets/" + ticket + "/presence")
                .then()
                .body("present[0].typing", equalTo(false));

        given().auth()
                .oauth2(alice)
                .delete("/api/tickets/" + ticket + "/presence")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(bob)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/tickets/" + ticket + "/presence")
                .then()
                .body("present", hasSize(0));
        given().auth()
                .oauth2(bob)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/tickets/" + UUID.randomUUID() + "/presence")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void administratorsManageCannedRepliesAndTheServiceDeskReadsThem() {
        String id = "need-logs-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> reply = Map.of(
                "title",
                "Ask for the logs",
                "bodies",
                Map.of(
                        "EN", "Dear {customerName}, please send the logs for {reference}.",
                        "FR", "Bonjour {customerName}, merci d'envoyer les journaux pour {reference}."));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(reply)
                .put("/api/canned-replies/" + id)
                .then()
                .statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(reply)
                .put("/api/canned-replies/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(reply)
                .put("/api/canned-replies/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "Bad", "bodies", Map.of("EN", "ok", "FR", "Bonjour {client}")))
                .put("/api/canned-replies/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("bodies.FR"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "No English", "bodies", Map.of("FR", "Bonjour")))
                .put("/api/canned-replies/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("bodies.EN"));

        given().auth()
                .oauth2(alice)
                .get("/api/canned-replies")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(reply)
                .put("/api/canned-replies/" + id)
                .then()
                .statusCode(403);
        given().auth().oauth2(admin).delete("/api/canned-replies/" + id).then().statusCode(204);
        given().auth().oauth2(alice).get("/api/canned-replies/" + id).then().statusCode(404);
    }
}
