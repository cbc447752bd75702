package com.supportdesk.ticket.rest;

import static com.supportdesk.testinfra.TopicReader.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.ClamdResource;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import com.supportdesk.ticket.TestData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Internal notes: written by agents and engineers in every state, published as support.ticket.internal-note-added.v1,
 * and never in what the customer's side reads (the ticket, its history, the files of a note).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ClamdResource.class, scope = TestResourceScope.GLOBAL)
class InternalNotesIntegrationTest {
    static final String NOTE = "support.ticket.internal-note-added.v1";

    String account;
    String customer;
    String agent = TestTokens.staff("alice", "agent");
    String ticket;

    @BeforeEach
    void ticket() {
        account = TestData.registeredAccount();
        customer = TestTokens.token("carla-" + account, account, "customer");
        ticket = given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(TestData.openTicket(account, "SEV3"))
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void anAgentsNoteIsTheVendorsOnlyWithItsFile() {
        String file = given().auth()
                .oauth2(agent)
                .contentType("text/plain")
                .header("Content-Disposition", "attachment; filename*=UTF-8''trace.txt")
                .body("java.lang.IllegalStateException: certificate expired")
                .post("/api/attachments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(agent)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "noteId",
                        "n-" + account,
                        "body",
                        "Reproduced: the certificate expired",
                        "attachments",
                        List.of(file)))
                .post("/api/tickets/" + ticket + "/internal-notes")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("internalNotes", hasSize(1))
                .body("internalNotes[0].body", equalTo("Reproduced: the certificate expired"))
                .body("internalNotes[0].by", equalTo("alice"))
                .body("internalNotes[0].attachments[0].fileName", equalTo("trace.txt"))
                .body("messages", hasSize(0));

        // the vendor reads it and its file
        given().auth()
                .oauth2(TestTokens.staff("bob", "engineer"))
                .get("/api/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("internalNotes[0].id", equalTo("n-" + account));
        given().auth()
                .oauth2(agent)
                .get("/api/tickets/" + ticket + "/events")
                .then()
                .body("type", hasItem(NOTE));
        given().auth()
                .oauth2(agent)
                .get("/api/tickets/" + ticket + "/attachments/" + file)
                .then()
                .statusCode(200);

        // the customer's side never does: not in the ticket, not in its history, not the file
        given().auth()
                .oauth2(customer)
                .get("/api/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("internalNotes", nullValue())
                .body("messages", hasSize(0));
        assertThat(given().auth().oauth2(customer).get("/api/tickets/" + ticket).asString())
                .doesNotContain("certificate", "trace.txt");
        given().auth()
                .oauth2(customer)
                .get("/api/tickets/" + ticket + "/events")
                .then()
                .statusCode(200)
                .body("type", not(hasItem(NOTE)));
        given().auth()
                .oauth2(customer)
                .get("/api/tickets/" + ticket + "/attachments/" + file)
                .then()
                .statusCode(404);
        // nor the answer to a command of theirs
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", "Any news?"))
                .post("/api/tickets/" + ticket + "/messages")
                .then()
                .statusCode(200)
                .body("internalNotes", nullValue());

        // published for the vendor's consumers and the partners who ask for this type
        List<ConsumerRecord<String, byte[]>> notes = TopicReader.await(
                Topics.TICKET_EVENTS,
                r -> ticket.equals(r.key()) && NOTE.equals(header(r, "ce_type")),
                seen -> !seen.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(TopicReader.body(notes.get(0)))
                .contains("\"noteId\":\"n-" + account + "\"", "\"fileName\":\"trace.txt\"");
    }

    @Test
    void onlyAgentsAndEngineersWriteNotesAndTheSameNoteTwiceIsOne() {
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", "let me in"))
                .post("/api/tickets/" + ticket + "/internal-notes")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(agent)
                .contentType(ContentType.JSON)
                .body(Map.of("body", ""))
                .post("/api/tickets/" + ticket + "/internal-notes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"));
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(agent)
                    .contentType(ContentType.JSON)
                    .body(Map.of("noteId", "twice-" + account, "body", "Checked the logs"))
                    .post("/api/tickets/" + ticket + "/internal-notes")
                    .then()
                    .statusCode(200)
                    .body("internalNotes", hasSize(1));
        }
    }
}
