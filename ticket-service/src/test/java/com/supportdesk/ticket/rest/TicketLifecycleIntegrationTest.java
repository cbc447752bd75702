package com.supportdesk.ticket.rest;

import static com.supportdesk.testinfra.TopicReader.header;
import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.TestData.openTicket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The ticket lifecycle over REST, through the real event store (PostgreSQL) and the relay to real Kafka. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class TicketLifecycleIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    static String open(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static void post(String id, String action, Map<String, Object> body, int status) {
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/tickets/{id}/{action}", id, action)
                .then()
                .statusCode(status);
    }

    @Test
    void openAcknowledgeEscalateResolveClosePublishesFiveCloudEventsInOrder() {
        String account = newAccountId();
        String id = given().contentType(ContentType.JSON)
                .body(openTicket(account, "SEV1"))
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/tickets/"))
                .body("reference", matchesPattern("TKT-\\d{6}"))
                .body("status", is("OPEN"))
                .body("priority", is(true))
                .body("level", is("L1"))
                .extract()
                .path("id");
        post(id, "acknowledge", Map.of("note", "Looking into it"), 200);
        post(id, "escalate", Map.of("target", "STRATEGIC_ACCOUNT_MANAGER", "reason", "customer request"), 200);
        post(id, "resolve", Map.of("resolution", "FIXED", "summary", "Restarted the payment gateway"), 200);
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/close", id)
                .then()
                .statusCode(200)
                .body("status", is("CLOSED"))
                .body("closure", is("CLOSED_BY_SUPPORT"))
                .header("ETag", is("\"4\""));

        List<ConsumerRecord<String, byte[]>> records = TopicReader.await(
                Topics.TICKET_EVENTS, r -> id.equals(r.key()), seen -> seen.size() >= 5, Duration.ofSeconds(30));
        assertThat(records)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly(
                        "support.ticket.opened.v1",
                        "support.ticket.acknowledged.v1",
                        "support.ticket.escalated.v1",
                        "support.ticket.resolved.v1",
                        "support.ticket.closed.v1");
        assertThat(records).extracting(r -> header(r, "ce_sequence")).containsExactly("0", "1", "2", "3", "4");
        assertThat(records).allSatisfy(r -> {
            assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(r, "ce_subject")).isEqualTo(id);
            assertThat(header(r, "ce_source")).isEqualTo("/ticket-service");
            assertThat(header(r, "ce_accountid")).isEqualTo(account);
            assertThat(header(r, "ce_id")).isNotBlank();
            assertThat(header(r, "ce_time")).isNotBlank();
            assertThat(header(r, "content-type")).isEqualTo("application/json");
        });
        assertThat(records).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();
        assertThat(TopicReader.body(records.get(0))).contains("\"severity\":\"SEV1\"", "\"accountId\":\"" + account);

        given().when()
                .get("/api/tickets/{id}/events", id)
                .then()
                .statusCode(200)
                .body(
                        "type",
                        contains(
                                "support.ticket.opened.v1",
                                "support.ticket.acknowledged.v1",
                                "support.ticket.escalated.v1",
                                "support.ticket.resolved.v1",
                                "support.ticket.closed.v1"))
                .body("sequence", contains(0, 1, 2, 3, 4));
    }

    @Test
    void aTicketOutsideTheContractsStandardScopeIsFlaggedAtOpeningAndTheServiceDeskMayLiftIt() {
        String account = newAccountId();
        Map<String, Object> body = com.supportdesk.ticket.TestData.account(account, "EUROPE", "FR");
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = new java.util.LinkedHashMap<>((Map<String, Object>) body.get("profile"));
        profile.put("planLevel", "STARS_5");
        profile.put(
                "standardScope",
                List.of(Map.of("application", "webshop", "kinds", List.of("INCIDENT"), "description", "errors")));
        body.put("profile", profile);
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(201)
                .body("profile.planLevel", is("STARS_5"));
        String customer = TestTokens.token("ann-" + account, account, "cdsc");

        // an incident on the webshop is standard; a service request is not: flagged, not refused
        String standard = open(openTicket(account, "SEV3"));
        Map<String, Object> request = openTicket(account, "SEV4");
        request.put("kind", "SERVICE_REQUEST");
        request.put("title", "Import our product catalogue");
        String id = given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(request)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().get("/api/tickets/{id}", standard).then().statusCode(200).body("nonStandard", is(false));
        given().get("/api/tickets/{id}", id)
                .then()
                .statusCode(200)
                .body("nonStandard", is(true))
                .body("scopeReason", containsString("covers a service request about webshop"));
        List<ConsumerRecord<String, byte[]>> flagged = TopicReader.await(
                Topics.TICKET_EVENTS, r -> id.equals(r.key()), l -> l.size() >= 2, java.time.Duration.ofSeconds(30));
        assertThat(header(flagged.get(1), "ce_type")).isEqualTo("support.ticket.scope-flagged.v1");

        // the customer may not change it; the service desk may, with a reason; the same flag again is a 409
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("nonStandard", false, "reason", "it is standard"))
                .when()
                .post("/api/tickets/{id}/scope", id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("nonStandard", false))
                .when()
                .post("/api/tickets/{id}/scope", id)
                .then()
                .statusCode(400)
                .body("detail", containsString("reason"));
        post(id, "scope", Map.of("nonStandard", false, "reason", "catalogue imports are in the 2026 amendment"), 200);
        given().get("/api/tickets/{id}", id)
                .then()
                .body("nonStandard", is(false))
                .body("scopeReason", is("catalogue imports are in the 2026 amendment"));
        given().contentType(ContentType.JSON)
                .body(Map.of("nonStandard", false, "reason", "again"))
                .when()
                .post("/api/tickets/{id}/scope", id)
                .then()
                .statusCode(409)
                .body("code", is("scope-unchanged"));
    }

    @Test
    void illegalTransitionsAnswer409ProblemDocuments() {
        String account = newAccountId();
        String customer = TestTokens.token("carla", account, "customer");
        String id = open(openTicket(account, "SEV3"));
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/close", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", is(409))
                .body("code", is("not-resolved"))
                .body("detail", containsString("only a resolved ticket can be closed"));
        post(id, "acknowledge", Map.of(), 200);
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", id)
                .then()
                .statusCode(409)
                .body("code", is("already-acknowledged"));
        post(id, "resolve", Map.of("resolution", "ANSWERED", "summary", "See the manual"), 200);
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/confirm", id)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("body", "One more thing"))
                .when()
                .post("/api/tickets/{id}/messages", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", is("ticket-closed"))
                .body("detail", containsString("cannot be reopened"));
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "not fixed"))
                .when()
                .post("/api/tickets/{id}/reject", id)
                .then()
                .statusCode(409)
                .body("code", is("ticket-closed"));
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndTheReason() {
        Map<String, Object> noTitle = new java.util.HashMap<>(openTicket(newAccountId(), "SEV2"));
        noTitle.remove("title");
        given().contentType(ContentType.JSON)
                .body(noTitle)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", is("title"))
                .body("violations[0].reason", is("is required"))
                .body("detail", is("title is required"));

        Map<String, Object> badSeverity = new java.util.HashMap<>(openTicket(newAccountId(), "SEV9"));
        given().contentType(ContentType.JSON)
                .body(badSeverity)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", is("severity"))
                .body("violations[0].reason", containsString("SEV1"));

        given().contentType(ContentType.JSON)
                .body("{\"accountId\": \"a\", ")
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("stackTrace", nullValue())
                .body("detail", not(containsString("at com.")));

        Map<String, Object> tooLong = new java.util.HashMap<>(openTicket(newAccountId(), "SEV2"));
        tooLong.put("title", "x".repeat(201));
        given().contentType(ContentType.JSON)
                .body(tooLong)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(400)
                .body("violations[0].field", is("title"))
                .body("violations[0].reason", is("must be at most 200 characters"));
    }

    @Test
    void anUnknownTicketIs404AndAnOversizedBodyIs413() {
        given().when()
                .get("/api/tickets/{id}", "no-such-ticket")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404));
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", "no-such-ticket")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Map<String, Object> huge = new java.util.HashMap<>(openTicket(newAccountId(), "SEV2"));
        huge.put("description", "x".repeat(70_000));
        given().contentType(ContentType.JSON)
                .body(huge)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", is(413));
    }

    @Test
    void theSameIdempotencyKeyOpensOneTicketAndARedifferentBodyIsRefused() {
        String key = "portal-" + java.util.UUID.randomUUID();
        Map<String, Object> body = openTicket(newAccountId(), "SEV3");
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .extract()
                .path("id");
        String second = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .path("id");
        assertThat(second).isEqualTo(first);
        given().when().get("/api/tickets/{id}/events", first).then().body("size()", is(1));

        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("title", "Something else");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(other)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", is("idempotency-key-reused"));
    }

    @Test
    void aStaleIfMatchIsRefusedAsAConcurrentChange() {
        String id = open(openTicket(newAccountId(), "SEV3"));
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", id)
                .then()
                .statusCode(200);
        reclassifyAtVersionZeroIsAConcurrentChange(id, null);
    }

    /** A reclassification that names version 0 of a ticket that moved on: 409 {@code concurrent-change}. */
    private static void reclassifyAtVersionZeroIsAConcurrentChange(String id, String prefer) {
        var request = given().contentType(ContentType.JSON).header("If-Match", "\"0\"");
        if (prefer != null) {
            request = request.header("Prefer", prefer);
        }
        request.body(Map.of("severity", "SEV2", "reason", "worse"))
                .when()
                .post("/api/tickets/{id}/reclassify", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", is("concurrent-change"));
    }

    @Test
    void aClientThatPrefersAMinimalAnswerGetsTheVersionWithoutTheTicket() {
        String key = "minimal-" + java.util.UUID.randomUUID();
        Map<String, Object> body = openTicket(newAccountId(), "SEV3");
        var opened = given().contentType(ContentType.JSON)
                .header("Prefer", "return=minimal")
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .header("Preference-Applied", "return=minimal")
                .header("ETag", "\"0\"")
                .header("Location", containsString("/api/tickets/"))
                .extract();
        assertThat(opened.asString()).isEmpty();
        String location = opened.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().when().get("/api/tickets/{id}", id).then().statusCode(200).body("status", is("OPEN"));

        // a replayed opening answers the ticket's version now, still without it
        given().contentType(ContentType.JSON)
                .header("Prefer", "return=minimal")
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", location)
                .header("ETag", "\"0\"");

        var acknowledged = given().contentType(ContentType.JSON)
                .header("Prefer", "respond-async, RETURN=\"minimal\"; ignored=1")
                .header("If-Match", "\"0\"")
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", id)
                .then()
                .statusCode(204)
                .header("Preference-Applied", "return=minimal")
                .header("ETag", "\"1\"")
                .extract();
        assertThat(acknowledged.asString()).isEmpty();
        given().when()
                .get("/api/tickets/{id}", id)
                .then()
                .header("ETag", "\"1\"")
                .body("status", is("IN_PROGRESS"));

        // errors are the same problem documents as without the preference
        reclassifyAtVersionZeroIsAConcurrentChange(id, "return=minimal");

        // return=representation, or a preference this API does not know, keeps the ticket in the answer
        for (String other : List.of("return=representation", "handling=lenient")) {
            given().contentType(ContentType.JSON)
                    .header("Prefer", other)
                    .body(Map.of("body", "still there? " + other))
                    .when()
                    .post("/api/tickets/{id}/messages", id)
                    .then()
                    .statusCode(200)
                    .header("Preference-Applied", nullValue())
                    .body("id", is(id))
                    .body("messages.body", hasItem("still there? " + other));
        }
    }

    @Test
    void theOpenApiDocumentNamesThePreferHeaderOnEveryCommand() {
        String document = given().when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        var paths = io.restassured.path.json.JsonPath.from(document);
        for (String path : List.of("/api/tickets", "/api/tickets/{id}/acknowledge", "/api/tickets/{id}/messages")) {
            List<String> headers =
                    paths.getList("paths.'" + path + "'.post.parameters.findAll { it.in == 'header' }.name");
            assertThat(headers).as(path).contains("Prefer");
        }
        assertThat(paths.getList("paths.'/api/tickets/{id}'.get.parameters.name"))
                .doesNotContain("Prefer");
    }
}
