package com.supportdesk.sla.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.PolicyChanged;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.RetargetReason;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Policies as data over HTTP, the real broker and PostgreSQL: a new policy with its own warnings (a share of the
 * target and a time before the deadline), a change that applies to tickets opened after it only, then one applied
 * to the running clocks (re-targeted, reason POLICY_CHANGED, with the policy's version); the history, sla-config,
 * mistakes named by their field, and only an administrator changing policies.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class PolicyChangeIntegrationTest {

    static String policy(String sev2Response) {
        return """
                {"name": "Gold", "objectivePercent": 95, "warningPercents": [75],
                 "targets": [
                   {"severity": "SEV2", "calendar": "{region}", "response": "%s", "resolution": "PT16H",
                    "warnings": {"percents": [50], "before": ["PT30M"]}},
                   {"calendar": "{region}", "response": "PT8H"}]}""".formatted(sev2Response);
    }

    @Inject
    TestClock clock;

    @Inject
    TimerScheduler timers;

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
    void aChangeAppliesToTicketsOpenedAfterItUnlessAskedToMoveTheRunningClocksToo() {
        String id = "gold-" + UUID.randomUUID().toString().substring(0, 8);
        Instant opened = NINE_IN_BRUSSELS;
        newPolicyAtNineInBrussels(id)
                .header("ETag", "\"1\"")
                .body("policy.targets[0].warnings.before[0]", equalTo("PT30M"));
        given().auth()
                .oauth2(TestTokens.staff("alice", "agent"))
                .get("/api/sla/policies/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("objectivePercent", equalTo(95));

        String account = "acc-gold-" + UUID.randomUUID();
        Wire.registerAccount(account, "EUROPE", id);
        String t1 = "t-" + UUID.randomUUID();
        Wire.ticketEvent(0, Wire.opened(t1, account, Severity.SEV2, opened));
        assertThat(Wire.slaEvents(t1, 2)).hasSize(2);
        // the target's own warnings: 50 % (2 h in, 11:00), then 30 minutes before the deadline (12:30)
        given().get("/api/sla/tickets/" + t1)
                .then()
                .body("clocks[0].clock", equalTo("RESPONSE"))
                .body("clocks[0].deadline", equalTo("2030-06-03T11:00:00Z"))
                .body("clocks[0].nextAlarm", equalTo("warning-50"))
                .body("clocks[0].nextDue", equalTo("2030-06-03T09:00:00Z"));

        // version 2: tickets opened from now on; t1 keeps its target
        given().contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(policy("PT2H"))
                .put("/api/sla/policies/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("appliedToRunningClocks", equalTo(false))
                .body("changes[0]", containsString("response PT4H"));
        String t2 = "t-" + UUID.randomUUID();
        Wire.ticketEvent(0, Wire.opened(t2, account, Severity.SEV2, opened));
        assertThat(Wire.slaEvents(t2, 2)).hasSize(2);
        given().get("/api/sla/tickets/" + t2).then().body("clocks[0].deadline", equalTo("2030-06-03T09:00:00Z"));
        given().get("/api/sla/tickets/" + t1).then().body("clocks[0].deadline", equalTo("2030-06-03T11:00:00Z"));

        // version 3, applied to the running clocks at 10:00 Brussels: a 3-hour target for both, 1 hour used
        clock.set(Instant.parse("2030-06-03T08:00:00Z"));
        appliedToRunningClocks(id, "PT3H")
                .body("version", equalTo(3))
                .body("appliedToRunningClocks", equalTo(true))
                .body("changes", hasItem("applied to running clocks"));
        for (String t : List.of(t1, t2)) {
            ClockRetargeted moved = Wire.slaEvents(t, 3).stream()
                    .filter(ClockRetargeted.class::isInstance)
                    .map(ClockRetargeted.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(moved.clock()).isEqualTo(ClockKind.RESPONSE);
            assertThat(moved.reason()).isEqualTo(RetargetReason.POLICY_CHANGED);
            assertThat(moved.policyVersion()).isEqualTo(3);
            assertThat(moved.target()).isEqualTo(Duration.ofHours(3));
            assertThat(moved.elapsed()).isEqualTo(Duration.ofHours(1));
            assertThat(moved.deadline()).isEqualTo(Instant.parse("2030-06-03T10:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/sla/policies/" + id + "/recalculations")
                        .then()
                        .statusCode(200)
                        .body("[0].version", equalTo(3))
                        .body("[0].finishedAt", not(equalTo(null)))
                        .body("[0].clocksMoved", equalTo(2)));
        // the resolution clocks' target did not change: they were not touched
        assertThat(Wire.slaEvents(t1, 3))
                .filteredOn(ClockRetargeted.class::isInstance)
                .hasSize(1);

        given().auth()
                .oauth2(TestTokens.staff("olga", "ops"))
                .get("/api/sla/policies/" + id + "/history")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("[2].changedBy", equalTo("adam"));
        List<CloudEvent> published = Wire.envelopes(Topics.SLA_CONFIG, "policy:" + id, 3);
        assertThat(published).extracting(CloudEvent::type).containsOnly("support.sla.policy-changed.v1");
        PolicyChanged third = (PolicyChanged) published.get(2).data();
        assertThat(third.appliedToRunningClocks()).isTrue();
        assertThat(third.policy().targets().get(0).response()).isEqualTo(Duration.ofHours(3));
        assertThat(third.policy().targets().get(0).warnings().before()).containsExactly(Duration.ofMinutes(30));

        given().delete("/api/sla/policies/" + id).then().statusCode(409).body("detail", containsString("1 account(s)"));
        // the default policy (and, when other tests ran first, the plan of their accounts)
        given().delete("/api/sla/policies/standard")
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        org.hamcrest.Matchers.anyOf(containsString("default policy"), containsString("account(s)")));
    }

    @Test
    void badPoliciesAreRefusedNamingTheFieldAndOnlyAnAdministratorChangesThem() {
        String id = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        record Case(String body, String field, String reason) {}
        for (Case c : List.of(
                new Case(policy("4 hours"), "targets[0].response", "not valid"),
                new Case(policy("PT4H").replace("[50]", "[0]"), "targets[0].warnings.percents", "1..99"),
                new Case(
                        policy("PT4H")
                                .replace("\"{region}\", \"response\": \"PT8H\"", "\"mars\", \"response\": \"PT8H\""),
                        "targets[1].calendar",
                        "no calendar 'mars'"),
                new Case("[]", "body", "required"))) {
            given().contentType("application/json")
                    .body(c.body())
                    .put("/api/sla/policies/" + id)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo(c.field()))
                    .body("violations[0].reason", containsString(c.reason()));
        }
        given().get("/api/sla/policies/" + id).then().statusCode(404);
        for (String role : List.of("agent", "ops", "engineer")) {
            given().auth()
                    .oauth2(TestTokens.staff("someone", role))
                    .contentType("application/json")
                    .body(policy("PT4H"))
                    .put("/api/sla/policies/" + id)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    /** Monday 3 June 2030, 09:00 in Brussels. */
    static final Instant NINE_IN_BRUSSELS = Instant.parse("2030-06-03T07:00:00Z");

    /** Sets the clock to {@link #NINE_IN_BRUSSELS} and creates policy {@code id} with a four-hour SEV2 response. */
    private io.restassured.response.ValidatableResponse newPolicyAtNineInBrussels(String id) {
        clock.set(NINE_IN_BRUSSELS);
        return given().contentType("application/json")
                .body(policy("PT4H"))
                .put("/api/sla/policies/" + id)
                .then()
                .statusCode(201);
    }

    /** Changes policy {@code id} to a SEV2 response of {@code sev2Response}, applied to the running clocks. */
    private static io.restassured.response.ValidatableResponse appliedToRunningClocks(String id, String sev2Response) {
        return given().contentType("application/json")
                .queryParam("applyToRunningClocks", true)
                .body(policy(sev2Response))
                .put("/api/sla/policies/" + id)
                .then()
                .statusCode(200);
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    javax.sql.DataSource dataSource;

    /**
     * A change applied to the running clocks of many tickets is paced by the relay, as a calendar change is: while the
     * relay cannot publish, no more than two slices (seven tickets each in tests) are re-targeted, and the rest
     * follows once it can.
     */
    @Test
    void aChangeAppliedToRunningClocksWaitsForTheRelayInsteadOfRunningAheadOfIt() throws Exception {
        String id = "paced-" + UUID.randomUUID().toString().substring(0, 8);
        Instant opened = NINE_IN_BRUSSELS;
        newPolicyAtNineInBrussels(id);
        String account = "acc-paced-" + UUID.randomUUID();
        Wire.registerAccount(account, "EUROPE", id);
        int tickets = 60;
        java.util.Set<String> ids = Wire.openTickets("t-" + id, account, tickets, opened);

        clock.set(Instant.parse("2030-06-03T08:00:00Z"));
        io.micrometer.core.instrument.Counter waits =
                meters.get("support.sla.recalculation.relay.waits").counter();
        CalendarChangeIntegrationTest.withRelayHeld(dataSource, () -> {
            double before = waits.count();
            appliedToRunningClocks(id, "PT3H").body("version", equalTo(2));
            await().atMost(Duration.ofSeconds(60)).until(() -> waits.count() >= before + 10);
            io.restassured.path.json.JsonPath held = given().get("/api/sla/policies/" + id + "/recalculations")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(held.getInt("[0].version")).isEqualTo(2);
            // one slice published but for the relay, and one after it: the claim after that waits
            assertThat(held.getInt("[0].ticketsLookedAt")).isLessThanOrEqualTo(2 * 7);
            assertThat(held.getString("[0].finishedAt")).isNull();
            return null;
        });
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/api/sla/policies/" + id + "/recalculations")
                        .then()
                        .statusCode(200)
                        .body("[0].version", equalTo(2))
                        .body("[0].finishedAt", not(equalTo(null)))
                        .body("[0].clocksMoved", equalTo(tickets))
                        .body("[0].ticketsLookedAt", equalTo(tickets)));
        List<ClockRetargeted> moved = com.supportdesk.testinfra.TopicReader.await(
                        Topics.SLA_EVENTS,
                        r -> ids.contains(r.key()),
                        l -> l.size() >= 3 * tickets,
                        Duration.ofSeconds(60))
                .stream()
                .map(r -> Wire.decode(r).data())
                .filter(ClockRetargeted.class::isInstance)
                .map(ClockRetargeted.class::cast)
                .toList();
        assertThat(moved).hasSize(tickets).allSatisfy(m -> {
            assertThat(m.reason()).isEqualTo(RetargetReason.POLICY_CHANGED);
            assertThat(m.target()).isEqualTo(Duration.ofHours(3));
        });
        assertThat(moved).extracting(ClockRetargeted::ticketId).containsExactlyInAnyOrderElementsOf(ids);
    }
}
