package com.supportdesk.ticket.command;

import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.TestData.openTicket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.ticket.config.AxonSetup;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * Another instance of ticket-service appends to a ticket this instance holds in its aggregate cache. The next
 * command here must be judged against the ticket as it really is, never against the stale copy.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentInstancesIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Inject
    AxonSetup axon;

    /** What another instance's acknowledgement looks like in the shared event store. */
    private void acknowledgedElsewhere(String ticketId, String accountId) {
        axon.transactionManager()
                .executeInTransaction(() -> axon.eventStore()
                        .publish(new GenericDomainEventMessage<>(
                                "Ticket",
                                ticketId,
                                1L,
                                new TicketAcknowledged(
                                        ticketId,
                                        accountId,
                                        Severity.SEV3,
                                        "from instance B",
                                        Instant.now(),
                                        "agent-b",
                                        Instant.now()))));
    }

    @Test
    void aCommandOnAStaleCachedTicketIsJudgedAgainAgainstTheRealState() {
        String account = newAccountId();
        String id = given().contentType(ContentType.JSON)
                .body(openTicket(account, "SEV3"))
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        acknowledgedElsewhere(id, account);

        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", id)
                .then()
                .statusCode(409)
                .body("code", is("already-acknowledged"));
        given().contentType(ContentType.JSON)
                .body(Map.of("toLevel", "L2"))
                .when()
                .post("/api/tickets/{id}/transfer", id)
                .then()
                .statusCode(200)
                .body("level", is("L2"));
        given().when()
                .get("/api/tickets/{id}/events", id)
                .then()
                .body(
                        "type",
                        contains(
                                "support.ticket.opened.v1",
                                "support.ticket.acknowledged.v1",
                                "support.ticket.transferred.v1"))
                .body("sequence", contains(0, 1, 2));
    }
}
