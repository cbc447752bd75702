package com.supportdesk.ticket.rest;

import static com.supportdesk.testinfra.TopicReader.header;
import static com.supportdesk.ticket.TestData.account;
import static com.supportdesk.ticket.TestData.newAccountId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class OutageAndAccountIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Test
    void anOutageIsDeclaredAndEndedAndPublishedOnTicketEvents() {
        String start = Instant.now().minusSeconds(45 * 60).toString();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("application", "billing", "startedAt", start, "description", "API errors"))
                .when()
                .post("/api/outages")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/outages/"))
                .body("[0].type", is("support.outage.declared.v1"))
                .extract()
                .path("[0].data.outageId");
        given().contentType(ContentType.JSON)
                .body(Map.of("endedAt", Instant.now().toString()))
                .when()
                .post("/api/outages/{id}/end", id)
                .then()
                .statusCode(200)
                .body("type", contains("support.outage.declared.v1", "support.outage.ended.v1"));
        List<ConsumerRecord<String, byte[]>> events = TopicReader.await(
                Topics.TICKET_EVENTS, r -> id.equals(r.key()), s -> s.size() >= 2, Duration.ofSeconds(30));
        assertThat(events)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly("support.outage.declared.v1", "support.outage.ended.v1");
    }

    @Test
    void aTicketCommandForAnOutageIdIsNotFoundAndAppendsNothing() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "application", "billing", "startedAt", Instant.now().toString(), "description", "x"))
                .when()
                .post("/api/outages")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].data.outageId");
        given().contentType(ContentType.JSON)
                .body(Map.of("target", "STRATEGIC_ACCOUNT_MANAGER"))
                .when()
                .post("/api/tickets/{id}/escalate", id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/tickets/{id}", id).then().statusCode(404);
        given().when().get("/api/outages/{id}", id).then().statusCode(200).body("size()", is(1));
    }

    @Test
    void anAccountIsPublishedInFullOnTheCompactedAccountTopic() {
        String accountId = newAccountId();
        given().contentType(ContentType.JSON)
                .body(account(accountId, "EUROPE", "FR"))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(201)
                .body("profile.region", is("EUROPE"));
        given().contentType(ContentType.JSON)
                .body(account(accountId, "EUROPE", "FR"))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        Map<String, Object> german = account(accountId, "EUROPE", "DE");
        given().contentType(ContentType.JSON)
                .body(german)
                .when()
                .put("/api/accounts/{id}", accountId)
                .then()
                .statusCode(200)
                .body("profile.language", is("DE"));

        List<ConsumerRecord<String, byte[]>> records = TopicReader.await(
                Topics.ACCOUNT_EVENTS, r -> accountId.equals(r.key()), s -> s.size() >= 2, Duration.ofSeconds(30));
        assertThat(records)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly("support.account.registered.v1", "support.account.updated.v1");
        assertThat(TopicReader.body(records.get(1)))
                .contains("\"language\":\"DE\"")
                .contains("\"primaryContact\"")
                .contains("\"strategicAccountManager\"");
    }

    @Test
    void aLanguageTheRegionDoesNotSupportIsA400NamingTheField() {
        Map<String, Object> body = new HashMap<>(account(newAccountId(), "ASIA", "FR"));
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", is("profile.language"))
                .body("violations[0].reason", containsString("ASIA supports"));
    }
}
