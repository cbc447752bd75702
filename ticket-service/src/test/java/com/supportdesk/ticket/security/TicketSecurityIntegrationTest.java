package com.supportdesk.ticket.security;

import static com.supportdesk.testinfra.TopicReader.header;
import static com.supportdesk.ticket.TestData.account;
import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.TestData.openTicket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.command.AcknowledgeTicket;
import com.supportdesk.contract.command.AddMessage;
import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of who may do what, over REST and Kafka alike, with signed tokens verified by the production OIDC code:
 * no token or a bad one is 401, the wrong role 403, another account's ticket 404 (its existence does not leak), and
 * a command on Kafka with someone else's identity is refused and reported.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class TicketSecurityIntegrationTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    String accountA;
    String accountB;
    String customerA;
    String cdscA;
    String customerB;
    String agent = TestTokens.staff("alice-agent", "agent");
    String engineer = TestTokens.staff("eric-engineer", "engineer");
    String ops = TestTokens.staff("olga-ops", "ops");
    String admin = TestTokens.staff("adam-admin", "admin");

    @BeforeEach
    void accounts() {
        accountA = newAccountId();
        accountB = newAccountId();
        customerA = TestTokens.token("carl-" + accountA, accountA, "customer");
        cdscA = TestTokens.token("dora-" + accountA, accountA, "cdsc");
        customerB = TestTokens.token("carl-" + accountB, accountB, "customer");
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String openAs(String token, String account) {
        return as(token)
                .body(openTicket(account, "SEV3"))
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void withoutAValidTokenEverythingIs401AsAProblemDocument() {
        String id = openAs(customerA, accountA);
        given().auth()
                .none()
                .when()
                .get("/api/tickets/{id}", id)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", is(401));
        given().auth()
                .none()
                .contentType(ContentType.JSON)
                .body(openTicket(accountA, "SEV3"))
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.forged("mallory", accountA, "customer", "agent"))
                .when()
                .get("/api/tickets/{id}", id)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid"));
        given().auth()
                .oauth2(TestTokens.expired("carl", accountA, "customer"))
                .when()
                .get("/api/tickets/{id}", id)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2("not-a-jwt")
                .when()
                .get("/api/tickets/{id}", id)
                .then()
                .statusCode(401);
        // health stays open for the platform's probes
        given().auth().none().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void rolesDecideWhoDoesWhat() {
        String id = openAs(customerA, accountA);
        // a customer may not acknowledge, resolve, transfer or reclassify
        as(customerA)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("agent"))
                .body("detail", containsString("engineer"));
        as(customerA)
                .body(Map.of("resolution", "FIXED", "summary", "done"))
                .when()
                .post("/api/tickets/{id}/resolve", id)
                .then()
                .statusCode(403);
        // only a designated contact may request priority handling
        as(customerA)
                .body(Map.of("reason", "board meeting"))
                .when()
                .post("/api/tickets/{id}/priority-request", id)
                .then()
                .statusCode(403);
        as(agent)
                .body(Map.of("reason", "board meeting"))
                .when()
                .post("/api/tickets/{id}/priority-request", id)
                .then()
                .statusCode(403);
        as(cdscA)
                .body(Map.of("reason", "board meeting"))
                .when()
                .post("/api/tickets/{id}/priority-request", id)
                .then()
                .statusCode(200);
        // the service desk acknowledges, an engineer resolves, the customer confirms
        as(agent)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", id)
                .then()
                .statusCode(200);
        as(engineer)
                .body(Map.of("resolution", "FIXED", "summary", "Patched"))
                .when()
                .post("/api/tickets/{id}/resolve", id)
                .then()
                .statusCode(200);
        as(agent)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/confirm", id)
                .then()
                .statusCode(403);
        as(customerA)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/confirm", id)
                .then()
                .statusCode(200)
                .body("status", is("CLOSED"));
        // the receipt can reach whoever opened it: their address comes from their identity, not from the request
        ConsumerRecord<String, byte[]> opened = TopicReader.await(
                        Topics.TICKET_EVENTS,
                        r -> id.equals(r.key()) && "support.ticket.opened.v1".equals(header(r, "ce_type")),
                        s -> !s.isEmpty(),
                        WAIT)
                .get(0);
        assertThat(TopicReader.body(opened))
                .contains("\"reporterEmail\":\"carl-" + accountA + "@test.example\"")
                .contains("\"by\":\"carl-" + accountA + "\"");
        // the history records who did it
        List<String> actors = as(agent)
                .when()
                .get("/api/tickets/{id}/events", id)
                .then()
                .statusCode(200)
                .extract()
                .path("data.by");
        assertThat(actors).contains("alice-agent");

        // outages are for ops, accounts for admins
        Map<String, Object> outage = Map.of(
                "application",
                "webshop",
                "description",
                "down",
                "startedAt",
                Instant.now().toString());
        as(agent).body(outage).when().post("/api/outages").then().statusCode(403);
        as(customerA).body(outage).when().post("/api/outages").then().statusCode(403);
        as(ops).body(outage).when().post("/api/outages").then().statusCode(201);
        String newAccount = newAccountId();
        as(ops).body(account(newAccount, "EUROPE", "EN"))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(403);
        as(admin)
                .body(account(newAccount, "EUROPE", "EN"))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(201);
        // partners read; they send no commands
        as(TestTokens.partner("p1", List.of(accountA)))
                .body(openTicket(accountA, "SEV3"))
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(403);
    }

    @Test
    void anotherAccountsTicketIsNotFound() {
        String id = openAs(customerA, accountA);
        as(customerB)
                .when()
                .get("/api/tickets/{id}", id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404));
        as(customerB).when().get("/api/tickets/{id}/events", id).then().statusCode(404);
        as(customerB)
                .body(Map.of("body", "let me in"))
                .when()
                .post("/api/tickets/{id}/messages", id)
                .then()
                .statusCode(404);
        // the same answer as for a ticket that does not exist at all
        as(customerB)
                .when()
                .get("/api/tickets/{id}", UUID.randomUUID().toString())
                .then()
                .statusCode(404);
        // a customer opens tickets only for their own account
        as(customerB)
                .body(openTicket(accountA, "SEV3"))
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(403);
        // partners see the accounts they are entitled to, and only those
        as(TestTokens.partner("p1", List.of(accountA)))
                .when()
                .get("/api/tickets/{id}", id)
                .then()
                .statusCode(200);
        as(TestTokens.partner("p2", List.of(accountB)))
                .when()
                .get("/api/tickets/{id}", id)
                .then()
                .statusCode(404);
        // staff see every account
        as(agent).when().get("/api/tickets/{id}", id).then().statusCode(200).body("accountId", is(accountA));
        as(customerA).when().get("/api/tickets/{id}", id).then().statusCode(200);

        // accounts: their own, not another's
        String registered = newAccountId();
        as(admin)
                .body(account(registered, "EUROPE", "EN"))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(201);
        as(TestTokens.token("x", registered, "cdsc"))
                .when()
                .get("/api/accounts/{id}", registered)
                .then()
                .statusCode(200);
        as(customerB).when().get("/api/accounts/{id}", registered).then().statusCode(404);
    }

    @Test
    void designatedContactsManageTheirOwnAccountsOutageList() {
        String account = newAccountId();
        as(admin)
                .body(account(account, "EUROPE", "EN"))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(201);
        String contact = TestTokens.token("ann-" + account, account, "cdsc");
        Map<String, Object> list =
                Map.of("addresses", List.of("noc@" + account + ".example", "cio@" + account + ".example"));
        as(contact)
                .body(list)
                .when()
                .put("/api/accounts/{id}/outage-notification-list", account)
                .then()
                .statusCode(200)
                .body(
                        "profile.outageNotificationList",
                        contains("noc@" + account + ".example", "cio@" + account + ".example"))
                .body("profile.primaryContact.userId", is("ann-" + account));
        // published as the account's full new profile, by the contact
        TopicReader.await(
                Topics.ACCOUNT_EVENTS,
                r -> account.equals(r.key())
                        && "support.account.updated.v1".equals(header(r, "ce_type"))
                        && TopicReader.body(r).contains("cio@" + account),
                s -> !s.isEmpty(),
                WAIT);
        // another account's contact: not found; a customer of the account: forbidden; a bad address: named
        as(cdscA)
                .body(list)
                .when()
                .put("/api/accounts/{id}/outage-notification-list", account)
                .then()
                .statusCode(404);
        as(TestTokens.token("carl", account, "customer"))
                .body(list)
                .when()
                .put("/api/accounts/{id}/outage-notification-list", account)
                .then()
                .statusCode(403);
        as(contact)
                .body(Map.of("addresses", List.of("not an address")))
                .when()
                .put("/api/accounts/{id}/outage-notification-list", account)
                .then()
                .statusCode(400)
                .body("violations[0].field", is("addresses[0]"));
    }

    @Test
    void aKafkaCommandIsJudgedAsItsSenderAndRefusalsAreReported() {
        String id = openAs(customerA, accountA);

        // another account's customer, through the topic: refused as "not found", reported, parked
        String foreign = publish(new AddMessage(id, UUID.randomUUID().toString(), "hello from B"), customerB);
        ConsumerRecord<String, byte[]> reported = rejection(id, foreign);
        assertThat(TopicReader.body(reported)).contains("\"code\":\"not-found\"");
        // a customer acknowledging: the wrong role
        String wrongRole = publish(new AcknowledgeTicket(id, "me"), customerA);
        assertThat(TopicReader.body(rejection(id, wrongRole))).contains("\"code\":\"forbidden\"");
        // no token, and a forged one
        String anonymous = publish(new AcknowledgeTicket(id, null), null);
        assertThat(TopicReader.body(rejection(id, anonymous))).contains("\"code\":\"unauthenticated\"");
        String forged = publish(new AcknowledgeTicket(id, null), TestTokens.forged("mallory", null, "agent"));
        assertThat(TopicReader.body(rejection(id, forged))).contains("\"code\":\"unauthenticated\"");
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.await(
                Topics.deadLetter(Topics.TICKET_COMMANDS), r -> id.equals(r.key()), s -> s.size() >= 4, WAIT);
        assertThat(dead)
                .extracting(r -> header(r, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("unauthenticated"));

        // the agent's token, the same command: applied
        publish(new AcknowledgeTicket(id, "on it"), TestTokens.staff("alice-agent", "agent"));
        TopicReader.await(
                Topics.TICKET_EVENTS,
                r -> id.equals(r.key()) && "support.ticket.acknowledged.v1".equals(header(r, "ce_type")),
                s -> !s.isEmpty(),
                WAIT);
        // and nothing of the refused ones reached the ticket
        as(agent)
                .when()
                .get("/api/tickets/{id}/events", id)
                .then()
                .statusCode(200)
                .body("type", contains("support.ticket.opened.v1", "support.ticket.acknowledged.v1"));
    }

    static String publish(Command command, String token) {
        String commandId = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(CloudEventCodec.headers(new CloudEvent(
                commandId,
                Catalog.of(command.getClass()).type(),
                "/portal-test",
                command.targetId(),
                Instant.now(),
                null,
                null,
                command)));
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        TopicReader.send(Topics.TICKET_COMMANDS, command.targetId(), headers, CloudEventCodec.body(command));
        return commandId;
    }

    static ConsumerRecord<String, byte[]> rejection(String ticketId, String commandId) {
        return TopicReader.await(
                        Topics.TICKET_EVENTS,
                        r -> ticketId.equals(r.key())
                                && "support.command.rejected.v1".equals(header(r, "ce_type"))
                                && TopicReader.body(r).contains(commandId),
                        s -> !s.isEmpty(),
                        WAIT)
                .get(0);
    }
}
