package com.supportdesk.system;

import static com.supportdesk.system.PortalStack.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.testinfra.ClamdServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The customer space as a customer uses it, in Debian's Chromium against the real Keycloak, ticket-service,
 * sla-service, reporting-service and the portal, each its own process: log in at Keycloak, open an incident with the
 * keyboard only, see the reference and the promised answer time, see support's answer arrive without a reload, reply,
 * see the solution once resolved with the confirm and reject actions in place of the message box, and open the
 * follow-up that recalls the old ticket. Another account's customer gets "not found" (in French, her account's
 * language); staff are told the space is not theirs; a forged form post is refused. axe-core checks every page
 * (WCAG 2.1 AA): a serious or critical violation fails the test. The accounts and their people are this test's own,
 * apart from the demo accounts the other system tests register.
 */
@PortalStack.Shared
@Order(1) // beside the other class on PortalStack, which then starts once
class PortalSystemTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String ACCOUNT = "pacme" + RUN;
    private static final String FRENCH_ACCOUNT = "pfr" + RUN;
    private static final String CUSTOMER = "pia." + RUN;
    private static final String FRENCH_CUSTOMER = "fred." + RUN;
    /** A colleague of pia's in the same account: her tickets are not in pia's "My tickets". */
    private static final String COLLEAGUE = "pat." + RUN;
    /** A designated contact of pia's account. */
    private static final String CONTACT = "dee." + RUN;

    @BeforeAll
    static void start() throws Exception {
        PortalStack.start();
        keycloak.addUser(CUSTOMER, "customer", ACCOUNT);
        keycloak.addUser(FRENCH_CUSTOMER, "customer", FRENCH_ACCOUNT);
        keycloak.addUser(COLLEAGUE, "customer", ACCOUNT);
        keycloak.addUser(CONTACT, "cdsc", ACCOUNT);
        String admin = keycloak.password("adam.admin", "support-demo");
        assertThat(call("POST", "/api/accounts", admin, account(ACCOUNT, "EN")).statusCode())
                .isEqualTo(201);
        assertThat(call("POST", "/api/accounts", admin, account(FRENCH_ACCOUNT, "FR"))
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void closeBrowsers() {
        quitBrowsers(); // the stack stays for the next class that shares it (PortalStack.Lifetime stops it)
    }

    @Test
    void aCustomerOpensAnIncidentWithTheKeyboardSeesSupportsAnswerLiveRepliesAndOpensTheFollowUp() throws Exception {
        ChromeDriver b = browser("en-US");
        logIn(b, CUSTOMER);
        until(b, "the empty list", d -> text(d, "main").contains("You have not opened any ticket yet.") ? true : null);
        assertThat(b.findElements(By.linkText("Outage notices")))
                .as("contacts only")
                .isEmpty();
        assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("My tickets");
        accessible(b, "list-empty");

        // the new-ticket form, with the keyboard only
        b.findElement(By.linkText("New ticket")).click();
        until(b, "the form", d -> d.findElements(By.id("title")).isEmpty() ? null : true);
        accessible(b, "new");
        tabTo(b, "title");
        new Actions(b).sendKeys("Checkout fails").perform();
        new Actions(b)
                .sendKeys(Keys.TAB)
                .sendKeys("HTTP 500 when paying by card")
                .perform();
        tabTo(b, "urgency-NONE");
        new Actions(b).sendKeys(Keys.ARROW_RIGHT).sendKeys(Keys.ARROW_RIGHT).perform(); // Low, then Serious
        assertThat(b.findElement(By.id("urgency-SERIOUS")).isSelected()).isTrue();
        assertThat(text(b, "files-help")).contains("up to 10 files of at most 25 MB each");
        new Actions(b).sendKeys(Keys.TAB).perform();
        assertThat(((JavascriptExecutor) b).executeScript("return document.activeElement.id;"))
                .as("the file field, reached with the keyboard")
                .isEqualTo("files");
        // choosing the file is the operating system's dialog; a test hands the field the path instead
        b.findElement(By.id("files")).sendKeys(file("screenshot.png", PNG).toString());
        new Actions(b).sendKeys(Keys.TAB).perform();
        assertThat(((JavascriptExecutor) b).executeScript("return document.activeElement.type;"))
                .isEqualTo("submit");
        new Actions(b).sendKeys(Keys.ENTER).perform();

        String confirmation = until(
                b,
                "the confirmation",
                d -> d.getCurrentUrl().endsWith("/opened")
                        ? d.findElement(By.tagName("main")).getText()
                        : null);
        assertThat(confirmation).contains("Your ticket is registered").containsPattern("Its reference is TKT-\\d+");
        accessible(b, "opened");
        String id = b.getCurrentUrl().replaceAll(".*/tickets/([^/]+)/opened", "$1");
        String customerToken = keycloak.password(CUSTOMER, "support-demo");
        JsonNode opened = ticket(id, customerToken);
        assertThat(opened.path("urgency").asText()).isEqualTo("SERIOUS");
        assertThat(opened.path("severity").asText())
                .as("proposed from the urgency")
                .isEqualTo("SEV2");
        assertThat(confirmation).contains(opened.path("reference").asText());
        assertThat(opened.path("attachments").path(0).path("fileName").asText()).isEqualTo("screenshot.png");
        assertThat(opened.path("attachments").path(0).path("mediaType").asText())
                .isEqualTo("image/png");

        // the ticket: the promise from the running response clock, then support's answer without a reload
        b.findElement(By.linkText("See the ticket")).click();
        until(
                b,
                "the promised answer time",
                d -> text(d, "service-level").startsWith("We will answer by") ? true : null);
        accessible(b, "ticket-open");
        String href = b.findElement(By.linkText("screenshot.png")).getAttribute("href");
        Object downloaded = ((JavascriptExecutor) b)
                .executeAsyncScript("const done = arguments[0]; fetch('" + href + "').then(r => r.arrayBuffer().then("
                        + "x => done(r.status + ' ' + r.headers.get('content-type') + ' ' + x.byteLength)));");
        assertThat(downloaded).isEqualTo("200 image/png " + PNG.length);
        ((JavascriptExecutor) b).executeScript("window.__notReloaded = 'yes';");
        String alice = keycloak.password("alice.agent", "support-demo");
        assertThat(call("POST", "/api/tickets/" + id + "/acknowledge", alice, "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(call(
                                "POST",
                                "/api/tickets/" + id + "/messages",
                                alice,
                                "{\"messageId\":\"" + UUID.randomUUID() + "\",\"body\":\"We are looking at it.\"}")
                        .statusCode())
                .isEqualTo(200);
        until(
                b,
                "support's answer on the open page",
                d -> text(d, "conversation").contains("We are looking at it.") ? true : null);
        assertThat(((JavascriptExecutor) b).executeScript("return window.__notReloaded;"))
                .as("the answer came without a reload")
                .isEqualTo("yes");
        until(b, "the answered state", d -> text(d, "service-level").startsWith("Answered on") ? true : null);

        // a forged post (no session token) changes nothing
        Object forged = ((JavascriptExecutor) b)
                .executeAsyncScript("const done = arguments[0]; const f = new FormData(); f.append('csrf', 'forged');"
                        + " f.append('body', 'Forged'); fetch('/tickets/" + id
                        + "/messages', {method: 'POST', body: f})"
                        + ".then(r => done(r.status));");
        assertThat(forged).isEqualTo(403L);

        // a file the scanner finds malware in is refused, with words a person can act on; nothing is sent
        b.findElement(By.id("message-body")).sendKeys("Here is the tool that crashes");
        b.findElement(By.id("message-files"))
                .sendKeys(file("tool.txt", ClamdServer.eicar()).toString());
        b.findElement(By.cssSelector("section.reply button[type=submit]")).click();
        String refused = until(b, "the malware refusal", d -> {
            String t = text(d, "message-files-problem");
            return t.isEmpty() ? null : t;
        });
        assertThat(refused).contains("malware scanner found").contains("choose your files again");
        assertThat(b.findElement(By.id("message-body")).getAttribute("value"))
                .as("what the customer wrote is kept")
                .isEqualTo("Here is the tool that crashes");
        accessible(b, "ticket-refused-file");
        // a file over the limit is refused before it is sent, naming the limit
        b.findElement(By.id("message-files"))
                .sendKeys(file("dump.log", new byte[26 * 1024 * 1024]).toString());
        b.findElement(By.cssSelector("section.reply button[type=submit]")).click();
        until(
                b,
                "the size refusal",
                d -> text(d, "message-files-problem")
                                .contains("dump.log is larger than 25 MB, the most a file may have.")
                        ? true
                        : null);

        // the customer answers in the box, with a PDF
        b.findElement(By.id("message-body")).clear();
        b.findElement(By.id("message-body")).sendKeys("It fails for Visa cards only.");
        b.findElement(By.id("message-files")).sendKeys(file("trace.pdf", PDF).toString());
        b.findElement(By.cssSelector("section.reply button[type=submit]")).click();
        until(
                b,
                "the reply in the conversation",
                d -> text(d, "conversation").contains("It fails for Visa cards only.") ? true : null);
        assertThat(text(b, "conversation")).contains("trace.pdf");
        JsonNode afterReply = ticket(id, customerToken);
        assertThat(afterReply.path("messages").findValuesAsText("body"))
                .containsExactly("We are looking at it.", "It fails for Visa cards only.")
                .doesNotContain("Forged");
        assertThat(afterReply
                        .path("messages")
                        .path(1)
                        .path("attachments")
                        .path(0)
                        .path("mediaType")
                        .asText())
                .isEqualTo("application/pdf");

        // support resolves: the box gives way to the resolution's actions and the follow-up
        String eric = keycloak.password("eric.engineer", "support-demo");
        assertThat(call(
                                "POST",
                                "/api/tickets/" + id + "/resolve",
                                eric,
                                "{\"resolution\":\"FIXED\",\"summary\":\"The card gateway's certificate was renewed.\"}")
                        .statusCode())
                .isEqualTo(200);
        until(b, "the solution", d -> text(d, "solution").contains("certificate was renewed") ? true : null);
        until(
                b,
                "the resolution's actions",
                d -> d.findElements(By.id("confirm")).isEmpty() ? null : true);
        assertThat(b.findElements(By.id("message-body")))
                .as("no message box once resolved")
                .isEmpty();
        assertThat(b.findElement(By.id("reject")).isDisplayed()).isTrue();
        accessible(b, "ticket-resolved");

        b.findElement(By.id("follow-up")).click();
        until(
                b,
                "the follow-up form",
                d -> d.findElements(By.cssSelector(".follow-up")).isEmpty() ? null : true);
        assertThat(b.findElement(By.cssSelector(".follow-up")).getText())
                .isEqualTo("Follow-up of " + opened.path("reference").asText());
        b.findElement(By.id("title")).sendKeys("Checkout fails again");
        b.findElement(By.id("description")).sendKeys("Same error since this morning");
        b.findElement(By.cssSelector("form.ticket-form button[type=submit]")).click();
        until(b, "the follow-up's confirmation", d -> d.getCurrentUrl().endsWith("/opened") ? true : null);
        String followUp = b.getCurrentUrl().replaceAll(".*/tickets/([^/]+)/opened", "$1");
        assertThat(ticket(followUp, customerToken).path("relatedTicketId").asText())
                .isEqualTo(id);

        // the list: newest first, both tickets, the old one under "Waiting for me" (a resolution to confirm)
        b.get("http://localhost:" + portalPort + "/?filter=waiting");
        until(b, "the resolved ticket in the list", d -> text(d, "rows").contains("Checkout fails") ? true : null);
        accessible(b, "list-waiting");
        // support closes it: the open list follows without a reload ("Nothing is waiting for you.")
        ((JavascriptExecutor) b).executeScript("window.__notReloaded = 'yes';");
        assertThat(call("POST", "/api/tickets/" + id + "/close", eric, "{}").statusCode())
                .isEqualTo(200);
        until(
                b,
                "the list without the closed ticket",
                d -> text(d, "rows").contains("Nothing is waiting for you.") ? true : null);
        assertThat(((JavascriptExecutor) b).executeScript("return window.__notReloaded;"))
                .as("the list changed without a reload")
                .isEqualTo("yes");

        // the search: words of the title or a message find the tickets in every state, the closed one too
        b.findElement(By.id("q")).sendKeys("checkout" + Keys.ENTER);
        until(b, "the search's results", d -> text(d, "rows").contains("Checkout fails again") ? true : null);
        assertThat(text(b, "rows")).contains("Checkout fails again", "Closed");
        accessible(b, "list-search");
        b.findElement(By.id("q")).clear();
        b.findElement(By.id("q")).sendKeys("zebraquokka" + Keys.ENTER);
        until(b, "no match", d -> text(d, "rows").contains("No ticket matches") ? true : null);
        b.findElement(By.linkText("Clear the search")).click();
        until(
                b,
                "the list again",
                d -> d.findElements(By.cssSelector("nav.choices")).isEmpty() ? null : true);
    }

    @Test
    void aDesignatedContactSeesTheAccountsTicketsAndEditsTheOutageNotificationList() throws Exception {
        ChromeDriver b = browser("en-US");
        logIn(b, CONTACT);
        until(b, "the list", d -> d.findElement(By.tagName("h1")).getText().equals("My tickets") ? true : null);
        b.findElement(By.linkText("All of my account's")).click();
        until(
                b,
                "the account's tickets",
                d -> d.findElement(By.tagName("h1")).getText().equals("All tickets of my account") ? true : null);

        b.findElement(By.linkText("Outage notices")).click();
        until(b, "the outage list", d -> d.findElements(By.id("addresses")).isEmpty() ? null : true);
        accessible(b, "outages");
        b.findElement(By.id("addresses")).clear();
        b.findElement(By.id("addresses")).sendKeys("ops@client.example\nnot an address\n");
        b.findElement(By.cssSelector("form button[type=submit]")).click();
        String problem = until(b, "the refusal", d -> {
            String t = text(d, "addresses-problem");
            return t.isEmpty() ? null : t;
        });
        assertThat(problem).isEqualTo("Line 2 (“not an address”) is not an e-mail address.");
        assertThat(b.findElement(By.id("addresses")).getAttribute("value")).contains("not an address");
        accessible(b, "outages-refused");

        b.findElement(By.id("addresses")).clear();
        b.findElement(By.id("addresses")).sendKeys("ops@client.example\nnoc@client.example\n");
        b.findElement(By.cssSelector("form button[type=submit]")).click();
        until(b, "the confirmation", d -> text(d, "saved").startsWith("Saved: 2 addresses") ? true : null);
        JsonNode account = JSON.readTree(
                call("GET", "/api/accounts/" + ACCOUNT, keycloak.password("adam.admin", "support-demo"), null)
                        .body());
        List<String> list = new ArrayList<>();
        account.path("profile").path("outageNotificationList").forEach(a -> list.add(a.asText()));
        assertThat(list).containsExactly("ops@client.example", "noc@client.example");
        assertThat(b.findElement(By.id("addresses")).getAttribute("value"))
                .as("the page shows the saved list")
                .contains("noc@client.example");
    }

    @Test
    void anotherAccountsCustomerGetsNotFoundInHerAccountsLanguageAndStaffAreSentAway() throws Exception {
        String customerToken = keycloak.password(COLLEAGUE, "support-demo");
        HttpResponse<String> upload = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + ticketPort + "/api/attachments"))
                        .header("Authorization", "Bearer " + customerToken)
                        .header("Content-Disposition", "attachment; filename=private.png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(PNG))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String attachment = JSON.readTree(upload.body()).path("id").asText();
        String ticket = "{\"accountId\":\"" + ACCOUNT + "\",\"kind\":\"INCIDENT\",\"severity\":\"SEV3\","
                + "\"title\":\"Private\",\"description\":\"Ours\",\"attachments\":[\"" + attachment + "\"]}";
        HttpResponse<String> opened = call("POST", "/api/tickets", customerToken, ticket);
        assertThat(opened.statusCode()).isEqualTo(201);
        String id = JSON.readTree(opened.body()).path("id").asText();

        ChromeDriver b = browser("en-US"); // the account's French comes before the browser's English
        logIn(b, FRENCH_CUSTOMER);
        until(
                b,
                "the French list",
                d -> d.findElement(By.tagName("h1")).getText().equals("Mes tickets") ? true : null);
        assertThat(b.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        accessible(b, "list-fr");
        b.get("http://localhost:" + portalPort + "/tickets/" + id);
        until(
                b,
                "not found",
                d -> d.findElement(By.tagName("h1")).getText().equals("Ticket introuvable") ? true : null);
        assertThat(b.findElement(By.tagName("main")).getText()).doesNotContain("Private");
        accessible(b, "not-found-fr");
        b.get("http://localhost:" + portalPort + "/tickets/" + id + "/attachments/" + attachment);
        until(
                b,
                "not found for the file",
                d -> d.findElement(By.tagName("h1")).getText().equals("Ticket introuvable") ? true : null);
        b.get("http://localhost:" + portalPort + "/tickets/new");
        until(
                b,
                "the French form",
                d -> d.findElement(By.tagName("h1")).getText().equals("Ouvrir un ticket") ? true : null);
        accessible(b, "new-fr");

        ChromeDriver staff = browser("en-US");
        logIn(staff, "alice.agent");
        until(
                staff,
                "the page for staff",
                d -> d.findElement(By.tagName("h1")).getText().equals("This space is for customers") ? true : null);
        accessible(staff, "staff");
    }
}
