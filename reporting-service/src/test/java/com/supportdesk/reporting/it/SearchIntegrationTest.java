package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.InternalNoteAdded;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.testing.TestEvents;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding tickets by their words (GET /api/reports/tickets?q=): reference, title, description and messages, accents
 * folded, stemmed in the account's language; never by an internal note's words; ranked (title before messages) and
 * paged by key; within the caller's accounts only.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class SearchIntegrationTest {
    static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

    @BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    static void account(String account, SupportLanguage language) {
        com.supportdesk.testinfra.TestEvents.send(
                Topics.ACCOUNT_EVENTS,
                account,
                0L,
                account,
                new AccountRegistered(
                        account,
                        new AccountProfile(
                                "Client " + account,
                                "EUROPE",
                                language,
                                "standard",
                                new Contact("ann", "Ann", "ann@x.example", null),
                                new Contact("bob", "Bob", "bob@x.example", null),
                                new Contact("sam", "Sam", "sam@x.example", null),
                                List.of(),
                                List.of(),
                                false),
                        "admin",
                        AT));
    }

    /** Opens a ticket and adds its messages (sequence 1, 2, ...); returns its id. */
    static String ticket(
            String account, String reference, String title, String description, int minutes, String... messages) {
        String ticket = "t-" + UUID.randomUUID();
        com.supportdesk.testinfra.TestEvents.send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                account,
                TestEvents.opened(ticket, account)
                        .reference(reference)
                        .title(title)
                        .description(description)
                        .severity(minutes % 2 == 0 ? Severity.SEV2 : Severity.SEV3)
                        .level(SupportLevel.L1)
                        .at(AT.plusSeconds(60L * minutes))
                        .build());
        long sequence = 1;
        for (String body : messages) {
            com.supportdesk.testinfra.TestEvents.send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    sequence++,
                    account,
                    new MessageAdded(
                            ticket,
                            account,
                            "m-" + UUID.randomUUID(),
                            body,
                            true,
                            "ann",
                            AT.plusSeconds(60L * minutes + sequence),
                            null));
        }
        return ticket;
    }

    static List<String> found(String q, String... more) {
        var request = given().queryParam("q", q);
        for (int i = 0; i + 1 < more.length; i += 2) {
            request = request.queryParam(more[i], more[i + 1]);
        }
        return request.get("/api/reports/tickets")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.ticketId");
    }

    @Test
    void wordsOfTheReferenceTitleDescriptionAndMessagesFindTheTicketInItsLanguage() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String english = "se-en-" + tag;
        String french = "se-fr-" + tag;
        account(english, SupportLanguage.EN);
        account(french, SupportLanguage.FR);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/reports/accounts/" + french + "/monthly/2026-11")
                                .statusCode()
                        != 404);
        String word = "zq" + tag; // a word no other test's ticket has
        String checkout = ticket(
                english,
                "TKT-S" + tag,
                "Checkout " + word + " crashes",
                "Payments fail",
                1,
                "The servers restarted twice",
                "Attached the résumé of the logs");
        String serveurs = ticket(
                french,
                "TKT-F" + tag,
                "Les serveurs sont tombés",
                "Depuis ce matin " + word,
                2,
                "Nous avons redémarré les serveurs");
        String inMessage = ticket(
                english, "TKT-M" + tag, "Slow reports", "Monthly export", 3, "Maybe related to " + word + " as well");
        String noted = ticket(english, "TKT-N" + tag, "Quiet ticket", "Nothing special", 4);
        com.supportdesk.testinfra.TestEvents.send(
                Topics.TICKET_EVENTS,
                noted,
                1L,
                english,
                new InternalNoteAdded(
                        noted,
                        english,
                        "n-1",
                        "vendor-only " + word + " secretnote" + tag,
                        "eric",
                        AT.plusSeconds(400),
                        null));
        await().atMost(Duration.ofSeconds(30)).until(() -> found(word).size() == 3);

        // ranked: a word in the title before one in the description, before one in a message
        assertThat(found(word)).containsExactly(checkout, serveurs, inMessage);
        // a reference, as written or in lower case
        assertThat(found("TKT-F" + tag)).containsExactly(serveurs);
        assertThat(found("tkt-s" + tag)).containsExactly(checkout);
        // accents folded; stemmed in the account's language (French "serveur" finds "serveurs", English "server"
        // finds "servers")
        assertThat(found("resume " + word)).containsExactly(checkout);
        assertThat(found("serveur " + word)).containsExactly(serveurs);
        assertThat(found("server " + word)).containsExactly(checkout);
        assertThat(found("\"servers restarted\" " + word)).containsExactly(checkout);
        assertThat(found(word + " -crashes")).containsExactly(serveurs, inMessage);
        // an internal note's words find nothing, for anyone
        assertThat(found("secretnote" + tag)).isEmpty();
        // filters narrow it
        assertThat(found(word, "accountId", french)).containsExactly(serveurs);
        assertThat(found(word, "severity", "SEV3")).containsExactly(checkout, inMessage);
        assertThat(found(word, "level", "L1")).hasSize(3);
        assertThat(found(word, "level", "L2")).isEmpty();
        com.supportdesk.testinfra.TestEvents.send(
                Topics.TICKET_EVENTS,
                inMessage,
                2L,
                english,
                new TicketAcknowledged(inMessage, english, Severity.SEV3, null, AT, "alice", AT.plusSeconds(500)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> found(word, "status", "ACKNOWLEDGED").equals(List.of(inMessage)));

        // paged by key: one at a time, each once, in the same order
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("q", word)
                    .queryParam("limit", 1)
                    .queryParam("cursor", cursor)
                    .get("/api/reports/tickets")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            paged.addAll(page.getList("items.ticketId"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(paged).containsExactly(checkout, serveurs, inMessage);

        // a customer finds only their own account's tickets
        String customer = TestTokens.token("carl", french, "customer");
        assertThat(given().auth()
                        .oauth2(customer)
                        .queryParam("q", word)
                        .get("/api/reports/tickets")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.ticketId"))
                .containsExactly(serveurs);
        assertThat(given().auth()
                        .oauth2(customer)
                        .queryParam("q", "TKT-S" + tag)
                        .get("/api/reports/tickets")
                        .jsonPath()
                        .getList("items"))
                .isEmpty();
    }

    @Test
    void aSearchThatCannotBeRunIsAProblemNamingTheField() {
        given().queryParam("q", " ")
                .get("/api/reports/tickets")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations[0].field", equalTo("q"));
        given().queryParam("q", "x".repeat(201))
                .get("/api/reports/tickets")
                .then()
                .statusCode(400);
        given().queryParam("q", "printer")
                .queryParam("cursor", "not-a-cursor")
                .get("/api/reports/tickets")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("cursor"));
        given().queryParam("q", "printer")
                .queryParam("level", "L9")
                .get("/api/reports/tickets")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("level"));
        // only stop words: nothing to look for, nothing found
        given().queryParam("q", "the")
                .get("/api/reports/tickets")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }
}
