package com.supportdesk.ticket.rest;

import static com.supportdesk.testinfra.AuditEntries.detail;
import static com.supportdesk.ticket.TestData.account;
import static com.supportdesk.ticket.TestData.newAccountId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.testinfra.AuditEntries;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Accounts, outages and maintenance windows are events of their own aggregates; each also becomes an entry of the
 * audit trail, with who sent it, from which client and address (command metadata carried to the events).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuditTrailIntegrationTest {

    @Test
    void accountAndOutageChangesAreOnTheAuditTrail() {
        String admin = TestTokens.staff("adam-admin", "admin");
        String ops = TestTokens.staff("olga-ops", "ops");
        String accountId = newAccountId();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", "198.51.100.4, 10.0.0.1")
                .body(account(accountId, "EUROPE", "EN"))
                .post("/api/accounts")
                .then()
                .statusCode(201);
        String outage = given().auth()
                .oauth2(ops)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "application", "billing", "startedAt", Instant.now().toString(), "description", "API down"))
                .post("/api/outages")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].data.outageId");

        JsonNode registered = AuditEntries.awaitOne(accountId, "account.registered");
        assertThat(registered.path("service").asText()).isEqualTo("ticket-service");
        assertThat(registered.path("actorName").asText()).isEqualTo("adam-admin");
        assertThat(registered.path("actorRoles").toString()).contains("admin");
        assertThat(registered.path("clientId").asText()).isEqualTo("portal");
        assertThat(registered.path("address").asText()).isEqualTo("198.51.100.4");
        assertThat(registered.path("targetKind").asText()).isEqualTo("account");
        assertThat(registered.path("accountId").asText()).isEqualTo(accountId);
        assertThat(detail(registered, "profile.region")).isEqualTo("EUROPE");

        JsonNode declared = AuditEntries.awaitOne(outage, "outage.declared");
        assertThat(declared.path("actorName").asText()).isEqualTo("olga-ops");
        assertThat(declared.path("targetKind").asText()).isEqualTo("outage");
        assertThat(declared.path("address").asText()).isNotBlank();
        assertThat(detail(declared, "application")).isEqualTo("billing");
    }
}
