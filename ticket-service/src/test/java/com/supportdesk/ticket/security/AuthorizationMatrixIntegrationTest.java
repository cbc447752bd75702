package com.supportdesk.ticket.security;

import static com.supportdesk.ticket.TestData.account;
import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.TestData.openTicket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.testinfra.AuthorizationMatrix;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ticket-service's authorisation matrix: every path, every role, the caller's own account and another one. The same
 * table is the one in docs/api.md ("Authorisation matrix").
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixIntegrationTest {
    //                         cust       cdsc       partner    agent eng sam ops admin service none
    static final String READ = "ok  404    ok  404    ok  404    ok ok ok ok ok ok 401";
    static final String DESK = "403 403    403 403    403 403    ok ok 403 403 403 403 401";
    static final String CUSTOMER_SIDE = "ok 404 ok 404 403 403 403 403 403 403 403 403 401";
    static final String OPS = "403 403 403 403 403 403 403 403 403 ok 403 403 401";

    @Test
    void everyPathAnswersEachCallerAsTheTableSays() {
        String own = newAccountId();
        String other = newAccountId();
        String admin = TestTokens.staff("matrix-setup", "admin");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(account(own, "EUROPE", "EN"))
                .post("/api/accounts")
                .then()
                .statusCode(201);
        String setup = TestTokens.token("matrix-setup-" + own, own, "customer");
        String attachment = given().auth()
                .oauth2(setup)
                .contentType("text/plain")
                .header("Content-Disposition", "attachment; filename=notes.txt")
                .body("notes")
                .post("/api/attachments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> withFile = openTicket(own, "SEV3");
        withFile.put("attachments", List.of(attachment));
        String ticket = given().auth()
                .oauth2(setup)
                .contentType(ContentType.JSON)
                .body(withFile)
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ops = TestTokens.staff("matrix-setup-ops", "ops");
        String outage = given().auth()
                .oauth2(ops)
                .contentType(ContentType.JSON)
                .body(outage())
                .post("/api/outages")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].data.outageId");
        String maintenance = given().auth()
                .oauth2(ops)
                .contentType(ContentType.JSON)
                .body(maintenance())
                .post("/api/maintenances")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].data.outageId");

        AuthorizationMatrix matrix = table(own, other);
        List<String> wrong = matrix.verify(Map.of(
                "ticket",
                ticket,
                "account",
                own,
                "outage",
                outage,
                "maintenance",
                maintenance,
                "attachment",
                attachment));
        assertThat(wrong).as("cells that disagree with the table").isEmpty();
        assertThat(matrix.verifyBadTokens(Map.of(
                        "ticket",
                        ticket,
                        "account",
                        own,
                        "outage",
                        outage,
                        "maintenance",
                        maintenance,
                        "attachment",
                        attachment)))
                .as("bad tokens not refused")
                .isEmpty();
        assertThat(matrix.render(Path.of("..", "docs", "api.md"))).isNull();
    }

    @Test
    void aCustomerTokenWithoutAnAccountSeesNothingAndOpensNothing() {
        String own = newAccountId();
        String ticket = given().auth()
                .oauth2(TestTokens.token("matrix-c-" + own, own, "customer"))
                .contentType(ContentType.JSON)
                .body(openTicket(own, "SEV3"))
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String noAccount = TestTokens.altered("drifter", null, Map.of(), "customer");
        given().auth()
                .oauth2(noAccount)
                .get("/api/tickets/" + ticket)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(noAccount)
                .contentType(ContentType.JSON)
                .body(openTicket(own, "SEV3"))
                .post("/api/tickets")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(noAccount).get("/api/accounts/" + own).then().statusCode(404);
    }

    static AuthorizationMatrix table(String own, String other) {
        return new AuthorizationMatrix("ticket-service", own, other)
                .row("GET /api/tickets/{ticket}", null, READ)
                .row("GET /api/tickets/{ticket}/events", null, READ)
                .row("GET /api/tickets/{ticket}/attachments/{attachment}", null, READ, "a file of the ticket")
                .row(
                        "POST /api/attachments",
                        () -> new AuthorizationMatrix.Typed("text/plain", "a log line"),
                        "ok ok ok ok 403 403 ok ok 403 403 403 403 401",
                        "an upload (raw body); 400 here without its Content-Disposition")
                .row("GET /api/attachments/limits", null, "ok ok ok ok ok ok ok ok ok ok ok ok 401")
                .row(
                        "POST /api/tickets",
                        () -> openTicket(own, "SEV4"),
                        "ok 403 ok 403 403 403 ok ok 403 403 403 403 401",
                        "for the own account")
                .row("POST /api/tickets/{ticket}/acknowledge", Map::of, DESK)
                .row("POST /api/tickets/{ticket}/reclassify", () -> Map.of("severity", "SEV2"), DESK)
                .row(
                        "POST /api/tickets/{ticket}/severity-review",
                        () -> Map.of("requestedSeverity", "SEV1"),
                        CUSTOMER_SIDE)
                .row(
                        "POST /api/tickets/{ticket}/messages",
                        () -> Map.of("body", "Any news?"),
                        "ok 404 ok 404 403 403 ok ok 403 403 403 403 401")
                .row(
                        "POST /api/tickets/{ticket}/internal-notes",
                        () -> Map.of("body", "Reproduced on 4.2; not on 4.3"),
                        DESK,
                        "agents and engineers only")
                .row(
                        "PUT /api/tickets/{ticket}/presence",
                        () -> Map.of("typing", false),
                        "403 403 403 403 403 403 ok ok ok ok ok 403 401",
                        "the agent workspace's presence")
                .row("DELETE /api/tickets/{ticket}/presence", null, "403 403 403 403 403 403 ok ok ok ok ok 403 401")
                .row(
                        "POST /api/tickets/{ticket}/priority-grant",
                        Map::of,
                        "403 403 403 403 403 403 ok 403 403 403 403 ok 401")
                .row(
                        "POST /api/tickets/{ticket}/priority-refuse",
                        () -> Map.of("reason", "outside the agreement"),
                        "403 403 403 403 403 403 ok 403 403 403 403 ok 401")
                .row("GET /api/canned-replies", null, "403 403 403 403 403 403 ok ok 403 403 ok 403 401")
                .row(
                        "PUT /api/canned-replies/matrix-reply",
                        () -> Map.of(
                                "title", "Logs please", "bodies", Map.of("EN", "Please send the logs of {reference}.")),
                        "403 403 403 403 403 403 403 403 403 403 ok 403 401")
                .row(
                        "POST /api/tickets/{ticket}/priority-request",
                        () -> Map.of("reason", "board meeting"),
                        "403 403 ok 404 403 403 403 403 403 403 403 403 401")
                .row(
                        "POST /api/tickets/{ticket}/transfer",
                        () -> Map.of("toLevel", "L2"),
                        "403 403 403 403 403 403 ok ok 403 403 403 ok 401")
                .row(
                        "POST /api/tickets/{ticket}/escalate",
                        () -> Map.of("target", "STRATEGIC_ACCOUNT_MANAGER"),
                        "403 403 403 403 403 403 ok ok ok 403 403 ok 401")
                .row("POST /api/tickets/{ticket}/hold", () -> Map.of("reason", "waiting for logs"), DESK)
                .row("POST /api/tickets/{ticket}/resume", Map::of, DESK)
                .row(
                        "POST /api/tickets/{ticket}/scope",
                        () -> Map.of("nonStandard", true, "reason", "data migration is consulting"),
                        "403 403 403 403 403 403 ok ok 403 403 403 403 401")
                .row(
                        "POST /api/tickets/{ticket}/resolve",
                        () -> Map.of("resolution", "FIXED", "summary", "Patched"),
                        DESK)
                .row("POST /api/tickets/{ticket}/reject", () -> Map.of("reason", "still broken"), CUSTOMER_SIDE)
                .row("POST /api/tickets/{ticket}/confirm", Map::of, CUSTOMER_SIDE)
                .row("POST /api/tickets/{ticket}/close", Map::of, "403 403 403 403 403 403 ok ok 403 403 403 ok 401")
                .row("POST /api/outages", AuthorizationMatrixIntegrationTest::outage, OPS)
                .row("GET /api/outages/{outage}", null, "ok ok ok ok ok ok ok ok ok ok ok ok 401")
                .row(
                        "POST /api/outages/{outage}/end",
                        () -> Map.of("endedAt", Instant.now().toString()),
                        OPS)
                .row("POST /api/maintenances", AuthorizationMatrixIntegrationTest::maintenance, OPS)
                .row("GET /api/maintenances/{maintenance}", null, "ok ok ok ok ok ok ok ok ok ok ok ok 401")
                .row("POST /api/maintenances/{maintenance}/cancel", () -> Map.of("reason", "postponed"), OPS)
                .row(
                        "POST /api/accounts",
                        () -> account(newAccountId(), "EUROPE", "EN"),
                        "403 403 403 403 403 403 403 403 403 403 ok 403 401")
                .row("GET /api/accounts/{account}", null, READ)
                .row(
                        "PUT /api/accounts/{account}",
                        () -> account(own, "EUROPE", "DE"),
                        "403 404 403 404 403 404 403 403 403 403 ok 403 401")
                .row(
                        "PUT /api/accounts/{account}/outage-notification-list",
                        () -> Map.of("addresses", List.of("ops@" + own + ".example")),
                        "403 404 ok 404 403 404 403 403 403 403 ok 403 401");
    }

    static Map<String, Object> outage() {
        return Map.of("application", "webshop", "startedAt", Instant.now().toString(), "description", "down");
    }

    static Map<String, Object> maintenance() {
        Instant start = Instant.now().plusSeconds(30 * 86_400);
        return Map.of(
                "application",
                "webshop",
                "windowStart",
                start.toString(),
                "windowEnd",
                start.plusSeconds(7200).toString(),
                "description",
                "database upgrade");
    }
}
