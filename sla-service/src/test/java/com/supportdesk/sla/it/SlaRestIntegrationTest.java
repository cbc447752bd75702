package com.supportdesk.sla.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calendars, business-time arithmetic and policies over HTTP; errors as problem documents. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class SlaRestIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Test
    void listsTheShippedCalendarsAndTheirHolidays() {
        given().get("/api/sla/calendars")
                .then()
                .statusCode(200)
                .body("id", hasItems("asia", "europe", "americas", "tiered-europe", "always-open"));
        given().get("/api/sla/calendars/americas?year=2027")
                .then()
                .statusCode(200)
                .body("zone", equalTo("America/Chicago"))
                .body("holidays", hasItems("2027-05-31", "2027-11-25"));
    }

    @Test
    void answersTheBusinessTimeBetweenTwoInstantsAcrossADaylightSavingWeekend() {
        // Friday 27 March 2026 16:00 to Monday 30 March 08:00 in Brussels: one hour each side of the weekend
        given().contentType("application/json")
                .body(Map.of("from", "2026-03-27T15:00:00Z", "to", "2026-03-30T06:00:00Z"))
                .post("/api/sla/calendars/europe/business-time")
                .then()
                .statusCode(200)
                .body("businessTime", equalTo("PT2H"))
                .body("businessMinutes", equalTo(120));
        given().contentType("application/json")
                .body(Map.of("start", "2026-03-27T15:00:00Z", "businessTime", "PT2H"))
                .post("/api/sla/calendars/europe/deadline")
                .then()
                .statusCode(200)
                .body("deadline", equalTo("2026-03-30T06:00:00Z"));
    }

    @Test
    void badInputIsAProblemDocumentNamingTheField() {
        given().contentType("application/json")
                .body(Map.of("from", "2026-03-27T15:00:00Z"))
                .post("/api/sla/calendars/europe/business-time")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("to"));
        given().contentType("application/json")
                .body(Map.of("from", "2026-03-27T15:00:00Z", "to", "yesterday"))
                .post("/api/sla/calendars/europe/business-time")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("to"));
        given().contentType("application/json")
                .body(Map.of("from", "2026-03-28T15:00:00Z", "to", "2026-03-27T15:00:00Z"))
                .post("/api/sla/calendars/europe/business-time")
                .then()
                .statusCode(400)
                .body("detail", containsString("must not be before from"));
        given().contentType("application/json")
                .body(Map.of("from", "2026-03-27T15:00:00Z", "to", "2026-03-28T15:00:00Z"))
                .post("/api/sla/calendars/mars/business-time")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/sla/tickets/no-such-ticket").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void clocksAndContractsOfAnotherAccountAreNotFoundAndDeclaringClosuresIsForOps() {
        String account = "sec-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String ticket = "t-" + java.util.UUID.randomUUID();
        Wire.registerAccount(account, "EUROPE", "standard");
        Wire.ticketEvent(
                0, Wire.opened(ticket, account, com.supportdesk.contract.model.Severity.SEV2, java.time.Instant.now()));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> given().get("/api/sla/tickets/" + ticket).statusCode() == 200);
        String own = TestTokens.token("dora", account, "cdsc");
        String other = TestTokens.token("dina", "someone-else", "cdsc");
        given().auth()
                .oauth2(own)
                .get("/api/sla/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(account));
        given().auth()
                .oauth2(other)
                .get("/api/sla/tickets/" + ticket)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(own).get("/api/sla/accounts/" + account).then().statusCode(200);
        given().auth().oauth2(other).get("/api/sla/accounts/" + account).then().statusCode(404);
        given().auth().none().get("/api/sla/calendars").then().statusCode(401);
        Map<String, String> closure =
                Map.of("from", "2030-01-07T08:00:00Z", "to", "2030-01-07T12:00:00Z", "reason", "flood");
        given().auth()
                .oauth2(TestTokens.staff("alice", "agent"))
                .contentType("application/json")
                .body(closure)
                .post("/api/sla/calendars/europe/exceptional-events")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void servesThePolicies() {
        given().get("/api/sla/policies")
                .then()
                .statusCode(200)
                .body("id", hasItems("standard", "tiered-1", "tiered-2", "tiered-3", "tiered-3-rapid"));
        given().get("/api/sla/policies/standard")
                .then()
                .statusCode(200)
                .body("objectivePercent", equalTo(90))
                .body("targets[0].response", equalTo("PT1H"))
                .body("targets[1].resolution", equalTo("PT24H"));
        given().get("/api/sla/policies/gold").then().statusCode(404).contentType("application/problem+json");
    }
}
