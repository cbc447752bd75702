package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reports show each caller only what is theirs: searches are narrowed to their accounts, another account's ticket,
 * timeline and monthly report are "not found", the dashboard and the rebuild need vendor roles, and without a valid
 * token nothing answers.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReportingSecurityIntegrationTest {
    static final Instant AT = Instant.parse("2026-10-14T09:00:00Z");

    static void send(String topic, String key, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "t",
                key,
                Instant.now(),
                topic.equals(Topics.TICKET_EVENTS) ? 0L : null,
                null,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    static String accountWithTicket(String account) {
        send(
                Topics.ACCOUNT_EVENTS,
                account,
                new AccountRegistered(
                        account,
                        new AccountProfile(
                                "Client " + account,
                                "EUROPE",
                                SupportLanguage.EN,
                                "standard",
                                new Contact("ann", "Ann", "ann@x.example", null),
                                new Contact("bob", "Bob", "bob@x.example", null),
                                new Contact("sam", "Sam", "sam@x.example", null),
                                List.of(),
                                List.of(),
                                false),
                        "admin",
                        AT));
        String ticket = "t-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                ticket,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-S" + ticket.substring(2, 6),
                        TicketKind.INCIDENT,
                        Severity.SEV3,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Secret plans",
                        "x",
                        null,
                        null,
                        "ann",
                        AT));
        String staff = TestTokens.allStaff();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(staff)
                                .get("/api/reports/tickets/" + ticket)
                                .statusCode()
                        == 200);
        return ticket;
    }

    @Test
    void everyoneSeesOnlyTheirAccounts() {
        String a = "sa-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        String ticketA = accountWithTicket(a);
        String ticketB = accountWithTicket(b);
        String customerA = TestTokens.token("carl", a, "customer");
        String cdscA = TestTokens.token("dora", a, "cdsc");
        String cdscB = TestTokens.token("dina", b, "cdsc");
        String partnerB = TestTokens.partner("partner-b", List.of(b));

        // searches: only the caller's accounts, even when asking for another one
        List<String> seen = given().auth()
                .oauth2(customerA)
                .get("/api/reports/tickets?size=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.accountId");
        assertThat(seen).isNotEmpty().allMatch(a::equals);
        given().auth()
                .oauth2(customerA)
                .get("/api/reports/tickets?accountId=" + b)
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        List<String> partnerSees = given().auth()
                .oauth2(partnerB)
                .get("/api/reports/tickets?size=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.ticketId");
        assertThat(partnerSees).contains(ticketB).doesNotContain(ticketA);

        // another account's ticket and timeline: not found, like a ticket that does not exist
        given().auth()
                .oauth2(customerA)
                .get("/api/reports/tickets/" + ticketB)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(customerA)
                .get("/api/reports/tickets/" + ticketB + "/timeline")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(customerA)
                .get("/api/reports/tickets/" + ticketA + "/timeline")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(partnerB)
                .get("/api/reports/tickets/" + ticketA)
                .then()
                .statusCode(404);

        // the monthly report: the account's designated contacts and partners, vendor roles; not its customers
        given().auth()
                .oauth2(cdscA)
                .get("/api/reports/accounts/" + a + "/monthly/2026-10")
                .then()
                .statusCode(200)
                .body("ticketsOpened", equalTo(1));
        given().auth()
                .oauth2(cdscB)
                .get("/api/reports/accounts/" + a + "/monthly/2026-10")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(customerA)
                .get("/api/reports/accounts/" + a + "/monthly/2026-10")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.staff("sam", "sam"))
                .get("/api/reports/accounts/" + b + "/monthly/2026-10")
                .then()
                .statusCode(200);

        // the dashboard is for the vendor's staff; the rebuild for administrators
        given().auth().oauth2(customerA).get("/api/reports/dashboard").then().statusCode(403);
        given().auth()
                .oauth2(TestTokens.staff("olga", "ops"))
                .get("/api/reports/dashboard")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.staff("alice", "agent"))
                .post("/api/reports/admin/rebuild")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.staff("alice", "agent"))
                .get("/api/reports/admin/rebuild")
                .then()
                .statusCode(403);

        // no token, a forged or an expired one
        given().auth()
                .none()
                .get("/api/reports/tickets")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forged("carl", a, "customer"))
                .get("/api/reports/tickets")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.expired("carl", a, "customer"))
                .get("/api/reports/tickets")
                .then()
                .statusCode(401);
    }

    @Test
    void theVendorsInternalNotesAreInTheVendorsTimelineOnly() {
        String a = "acc-notes-" + UUID.randomUUID();
        String ticket = accountWithTicket(a);
        var note = new com.supportdesk.contract.event.InternalNoteAdded(
                ticket, a, "n-1", "Customer runs an unsupported build", "alice", AT.plusSeconds(60), null);
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(note.getClass()).type(),
                "t",
                ticket,
                Instant.now(),
                1L, // the ticket's second event
                null,
                note);
        TopicReader.send(Topics.TICKET_EVENTS, ticket, CloudEventCodec.headers(envelope), CloudEventCodec.body(note));
        String staff = TestTokens.staff("alice", "agent");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(staff)
                        .get("/api/reports/tickets/" + ticket + "/timeline")
                        .jsonPath()
                        .getList("type")
                        .contains("support.ticket.internal-note-added.v1"));
        String customer = TestTokens.token("ann", a, "customer");
        String timeline = given().auth()
                .oauth2(customer)
                .get("/api/reports/tickets/" + ticket + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(timeline).contains("support.ticket.opened.v1").doesNotContain("internal-note", "unsupported build");
    }
}
