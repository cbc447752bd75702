package com.supportdesk.ticket.fuzz;

import static com.supportdesk.ticket.TestData.account;
import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.TestData.openTicket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.Topics;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.RestFuzz;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicFuzz;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inputs nobody thought of, generated: every operation of ticket-service's REST API (never a 5xx, always a problem
 * document, and a refused request appends nothing to the event store), and records on ticket-commands that no
 * sender should write (each parked on ticket-commands.dlq with its reason, and the next command still applied).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class FuzzIntegrationTest {
    @Inject
    AgroalDataSource dataSource;

    /** Everything ticket-service stores is an event; a refusal appends none. */
    Object eventStore() {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.strings(c, "SELECT count(*) || '/' || coalesce(max(globalindex), 0) FROM domainevententry"));
    }

    @Test
    void noGeneratedRequestGetsA5xxOrAnythingButAProblemAndRefusalsChangeNothing() {
        String own = newAccountId();
        String admin = TestTokens.staff("fuzz-setup", "admin");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(account(own, "EUROPE", "EN"))
                .post("/api/accounts")
                .then()
                .statusCode(201);
        String ticket = given().auth()
                .oauth2(TestTokens.token("fuzz-" + own, own, "customer"))
                .contentType(ContentType.JSON)
                .body(openTicket(own, "SEV3"))
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String outage = given().auth()
                .oauth2(TestTokens.staff("fuzz-ops", "ops"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "application", "webshop", "startedAt", Instant.now().toString(), "description", "x"))
                .post("/api/outages")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].data.outageId");

        List<RestFuzz.Finding> findings = new RestFuzz()
                .ids("id", ticket, outage, own)
                .witness(this::eventStore)
                .run();

        assertThat(findings)
                .as("generated requests answered wrongly (reproduce with the seed and case shown)")
                .isEmpty();
    }

    @Test
    void everyUnreadableCommandIsParkedWithItsReasonAndTheNextOneIsApplied() {
        List<TopicFuzz.Case> cases = TopicFuzz.cases("support.command.acknowledge-ticket.v1", 20);
        String run = TopicFuzz.send(Topics.TICKET_COMMANDS, cases);

        assertThat(TopicFuzz.awaitDeadLettered(Topics.TICKET_COMMANDS, run, cases, null, Duration.ofSeconds(60)))
                .as("dead letters without a reason")
                .isEmpty();
        // and the ingress goes on: a command sent now is applied
        String own = newAccountId();
        String ticket = given().auth()
                .oauth2(TestTokens.token("fuzz-" + own, own, "customer"))
                .contentType(ContentType.JSON)
                .body(openTicket(own, "SEV3"))
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        com.supportdesk.testinfra.TopicReader.send(
                Topics.TICKET_COMMANDS,
                ticket,
                Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        java.util.UUID.randomUUID().toString(),
                        "ce_type",
                        "support.command.acknowledge-ticket.v1",
                        "ce_source",
                        "fuzz-test",
                        "ce_subject",
                        ticket,
                        "authorization",
                        "Bearer " + TestTokens.staff("fuzz-agent", "agent")),
                ("{\"ticketId\":\"" + ticket + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "IN_PROGRESS"
                        .equals(given().auth()
                                .oauth2(admin())
                                .get("/api/tickets/" + ticket)
                                .jsonPath()
                                .getString("status")));
    }

    static String admin() {
        return TestTokens.allStaff();
    }
}
