package com.supportdesk.sla.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.RegionChanged;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regions as data over HTTP, the real broker and PostgreSQL: an administrator makes a calendar for a new office,
 * imports its holidays, makes a region of it; an account in the region has its next tickets timed on that calendar
 * (and a policy's {@code tiered-{region}} template falls back to it). Bad definitions are a 400 naming the field,
 * a region in use cannot be deleted, nor its calendar, and every version is on sla-config and in the history.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RegionChangeIntegrationTest {

    @Inject
    TestClock clock;

    @BeforeAll
    static void authenticateAsAdmin() {
        io.restassured.RestAssured.authentication =
                io.restassured.RestAssured.oauth2(TestTokens.staff("adam", "admin"));
    }

    @AfterAll
    static void back() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Test
    void anAccountInANewRegionHasItsTicketsTimedOnTheRegionsCalendar() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tokyo = "tokyo-" + suffix;
        String japan = "JAPAN_" + suffix.toUpperCase();
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        given().contentType("application/json")
                .body(CalendarChangeIntegrationTest.TOKYO)
                .put("/api/sla/calendars/" + tokyo)
                .then()
                .statusCode(201);
        given().contentType("text/calendar")
                .body(CalendarChangeIntegrationTest.FEED)
                .post("/api/sla/calendars/" + tokyo + "/holidays/import")
                .then()
                .statusCode(200)
                .body("added.name", hasItem("Founders' Day"));

        Map<String, Object> region = Map.of("name", "Japan", "calendar", tokyo, "languages", List.of("EN", "ZH"));
        given().contentType("application/json")
                .body(region)
                .put("/api/sla/regions/" + japan)
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("region.calendar", equalTo(tokyo))
                .body("changedBy", equalTo("adam"));
        given().contentType("application/json")
                .body(region)
                .put("/api/sla/regions/" + japan)
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        given().get("/api/sla/regions")
                .then()
                .statusCode(200)
                .body("id", hasItems("EUROPE", "ASIA", "AMERICAS", japan));
        given().auth()
                .oauth2(TestTokens.staff("alice", "agent"))
                .get("/api/sla/regions/" + japan)
                .then()
                .statusCode(200)
                .body("languages", equalTo(List.of("EN", "ZH")));

        String standard = "acc-jp-" + UUID.randomUUID();
        String tiered = "acc-jp-" + UUID.randomUUID();
        Wire.registerAccount(standard, japan, "standard");
        Wire.registerAccount(tiered, japan, "tiered-1");
        given().get("/api/sla/accounts/" + standard).then().body("region", equalTo(japan));

        // Friday 11 December 2026, 18:00 in Tokyo: closed until Tuesday 09:00 (Monday is Founders' Day, imported)
        Instant opened = Instant.parse("2026-12-11T09:00:00Z");
        String t1 = "t-" + UUID.randomUUID();
        String t2 = "t-" + UUID.randomUUID();
        Wire.ticketEvent(0, Wire.opened(t1, standard, Severity.SEV2, opened));
        Wire.ticketEvent(0, Wire.opened(t2, tiered, Severity.SEV3, opened));
        ClockStarted response = started(t1, ClockKind.RESPONSE);
        assertThat(response.calendar()).isEqualTo(tokyo);
        assertThat(response.deadline()).isEqualTo(Instant.parse("2026-12-15T04:00:00Z")); // Tue 09:00 + 4 h
        // tiered-1 names tiered-{region}; Japan has no tiered variant, so its own calendar serves
        ClockStarted tieredResponse = started(t2, ClockKind.RESPONSE);
        assertThat(tieredResponse.calendar()).isEqualTo(tokyo);
        assertThat(tieredResponse.deadline()).isEqualTo(Instant.parse("2026-12-15T08:00:00Z")); // + 8 h

        // in use: neither the region nor its calendar can go
        given().delete("/api/sla/regions/" + japan)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("2 account(s)"));
        given().delete("/api/sla/calendars/" + tokyo)
                .then()
                .statusCode(409)
                .body("detail", containsString("region " + japan));
        given().delete("/api/sla/regions/EUROPE").then().statusCode(409);

        // moved to the shipped Asia calendar: the next ticket follows it, the running clocks keep theirs
        given().contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(Map.of("name", "Japan", "calendar", "asia", "languages", List.of("EN", "ZH")))
                .put("/api/sla/regions/" + japan)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("changes[0]", containsString("calendar " + tokyo + " -> asia"));
        String t3 = "t-" + UUID.randomUUID();
        Wire.ticketEvent(0, Wire.opened(t3, standard, Severity.SEV2, opened));
        assertThat(started(t3, ClockKind.RESPONSE).calendar()).isEqualTo("asia");
        given().get("/api/sla/tickets/" + t1).then().body("clocks[0].calendar", equalTo(tokyo));

        given().auth()
                .oauth2(TestTokens.staff("olga", "ops"))
                .get("/api/sla/regions/" + japan + "/history")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("[0].changes[0]", containsString("created"))
                .body("[1].changedBy", equalTo("adam"));
        List<CloudEvent> published = Wire.envelopes(Topics.SLA_CONFIG, "region:" + japan, 2);
        assertThat(published).extracting(CloudEvent::type).containsOnly("support.sla.region-changed.v1");
        RegionChanged second = (RegionChanged) published.get(1).data();
        assertThat(second.calendar()).isEqualTo("asia");
        assertThat(second.languages()).containsExactly(SupportLanguage.EN, SupportLanguage.ZH);
        assertThat(second.version()).isEqualTo(2);
    }

    @Test
    void badRegionsAreRefusedNamingTheFieldAndOnlyAnAdministratorChangesThem() {
        String id = "NOWHERE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        record Case(String path, Object body, String field, String reason) {}
        for (Case c : List.of(
                new Case(id, Map.of("calendar", "no-such", "languages", List.of("EN")), "calendar", "no-such"),
                new Case(id, Map.of("languages", List.of("EN")), "calendar", "is required"),
                new Case(id, Map.of("calendar", "asia"), "languages", "at least one"),
                new Case(id, Map.of("calendar", "asia", "languages", List.of("EN", "JA")), "languages[1]", "one of"),
                new Case("japan", Map.of("calendar", "asia", "languages", List.of("EN")), "id", "upper-case"))) {
            given().contentType("application/json")
                    .body(c.body())
                    .put("/api/sla/regions/" + c.path())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo(c.field()))
                    .body("violations[0].reason", containsString(c.reason()));
        }
        given().get("/api/sla/regions/" + id).then().statusCode(404);
        for (String role : List.of("agent", "ops", "engineer")) {
            given().auth()
                    .oauth2(TestTokens.staff("someone", role))
                    .contentType("application/json")
                    .body(Map.of("calendar", "asia", "languages", List.of("EN")))
                    .put("/api/sla/regions/" + id)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    private static ClockStarted started(String ticket, ClockKind kind) {
        return Wire.slaEvents(ticket, 2).stream()
                .filter(ClockStarted.class::isInstance)
                .map(ClockStarted.class::cast)
                .filter(s -> s.clock() == kind)
                .findFirst()
                .orElseThrow();
    }
}
