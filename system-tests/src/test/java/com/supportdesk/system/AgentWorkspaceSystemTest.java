package com.supportdesk.system;

import static com.supportdesk.system.PortalStack.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.testinfra.SmtpServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The agent workspace as two agents use it at once, in Chromium against the real services: alice finds the ticket in
 * the work queue with the keyboard, acknowledges it (its response clock stops on the page), writes an internal note
 * (which the customer sees neither in the portal, nor in the API, nor in any e-mail) and replies with a canned reply
 * (the customer's contact gets the e-mail, the customer sees it in the portal); meanwhile bob, in a second browser, is
 * on the same ticket (each sees the other, and that bob is typing) and reclassifies it; alice's resolve, sent on the
 * version she saw, shows what bob changed and succeeds when she sends it again; she closes the ticket. axe-core checks
 * every page.
 */
@PortalStack.Shared
@Order(2) // beside the other class on PortalStack, which then starts once
class AgentWorkspaceSystemTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String ACCOUNT = "wacme" + RUN;
    /** The account's primary contact (PortalStack.account), who opens the ticket and receives its e-mails. */
    private static final String CUSTOMER = "dora." + ACCOUNT;

    private static final String ALICE = "al." + RUN;
    private static final String BOB = "bo." + RUN;
    private static final String NOTE = "Reproduced on 4.2 with the expired certificate " + RUN;

    @BeforeAll
    static void start() throws Exception {
        PortalStack.start();
        keycloak.addUser(CUSTOMER, "customer", ACCOUNT);
        keycloak.addUser(ALICE, "agent", null);
        keycloak.addUser(BOB, "agent", null);
        String admin = keycloak.password("adam.admin", "support-demo");
        assertThat(call("POST", "/api/accounts", admin, account(ACCOUNT, "EN")).statusCode())
                .isEqualTo(201);
        HttpResponse<String> canned = call("PUT", "/api/canned-replies/restart-" + RUN, admin, """
                {"title":"Ask to restart (%s)","bodies":{"EN":"Dear {customerName}, about {reference}: please restart the service and tell us. {agentName}","FR":"Bonjour {customerName}"}}""".formatted(RUN));
        assertThat(canned.statusCode()).as(canned.body()).isEqualTo(201);
    }

    @AfterAll
    static void closeBrowsers() {
        quitBrowsers(); // the stack stays for the next class that shares it (PortalStack.Lifetime stops it)
    }

    static String openTicket() throws Exception {
        String token = keycloak.password(CUSTOMER, "support-demo");
        HttpResponse<String> opened = call("POST", "/api/tickets", token, """
                {"accountId":"%s","kind":"INCIDENT","severity":"SEV1","urgency":"CRITICAL",
                 "title":"Invoices stuck %s","description":"No invoice has left since 9:00."}""".formatted(ACCOUNT, RUN));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return JSON.readTree(opened.body()).path("id").asText();
    }

    static void key(ChromeDriver b, CharSequence keys) {
        new Actions(b).sendKeys(keys).perform();
    }

    static String focusedId(ChromeDriver b) {
        return String.valueOf(((JavascriptExecutor) b).executeScript("return document.activeElement.id;"));
    }

    static void blur(ChromeDriver b) {
        ((JavascriptExecutor) b).executeScript("document.activeElement.blur();");
    }

    @Test
    void twoAgentsWorkOneTicketFromTheQueueToItsCloseWithoutOverwritingEachOther() throws Exception {
        String id = openTicket();
        String reference = ticket(id, keycloak.password(CUSTOMER, "support-demo"))
                .path("reference")
                .asText();

        // alice: the work queue, the ticket found with j and opened with Enter
        ChromeDriver alice = browser("en-US");
        logIn(alice, ALICE);
        alice.get("http://localhost:" + portalPort + "/agent/");
        until(alice, "the queue with the ticket", d -> text(d, "main").contains(reference) ? true : null);
        assertThat(alice.findElement(By.tagName("h1")).getText()).isEqualTo("Work queue");
        accessible(alice, "agent-queue");
        // "/" goes to the search box: the ticket found by words of its title (stemmed: "invoice" finds "Invoices")
        key(alice, "/");
        assertThat(focusedId(alice)).isEqualTo("q");
        key(alice, "invoice " + RUN + Keys.ENTER);
        until(alice, "the search's results", d -> text(d, "main").contains(reference) ? true : null);
        assertThat(alice.findElement(By.tagName("h1")).getText()).isEqualTo("Search");
        accessible(alice, "agent-search");
        alice.get("http://localhost:" + portalPort + "/agent/");
        until(alice, "the queue again", d -> text(d, "main").contains(reference) ? true : null);
        boolean found = false;
        for (int i = 0; i < 100 && !found; i++) {
            key(alice, "j");
            found = alice.switchTo().activeElement().getText().contains(reference);
        }
        assertThat(found).as("j reaches the ticket's row").isTrue();
        key(alice, Keys.ENTER);
        until(alice, "the ticket's page", d -> d.getCurrentUrl().endsWith("/agent/tickets/" + id) ? true : null);
        until(
                alice,
                "the response clock running",
                d -> d.findElements(By.cssSelector("li.clock[data-status=RUNNING] .countdown"))
                                .isEmpty()
                        ? null
                        : true);
        assertThat(text(alice, "state")).isEqualTo("Open, not acknowledged");
        assertThat(text(alice, "main")).contains("Sev 1", "Client " + ACCOUNT, "Opened as SEV1");
        accessible(alice, "agent-ticket");

        // the shortcuts: ? shows them; a acknowledges
        key(alice, "?");
        until(
                alice,
                "the shortcuts",
                d -> d.findElement(By.id("shortcuts")).getAttribute("open") != null ? true : null);
        key(alice, Keys.ESCAPE);
        blur(alice);
        key(alice, "a");
        assertThat(focusedId(alice)).isEqualTo("acknowledge");
        key(alice, Keys.ENTER);
        until(alice, "acknowledged", d -> "In progress".equals(text(d, "state")) ? true : null);
        until(
                alice,
                "the response clock stopped on the page",
                d -> d.findElements(By.cssSelector("li.clock[data-status=MET]")).isEmpty() ? null : true);

        // bob opens the same ticket: each sees the other within two seconds of a report
        ChromeDriver bob = browser("fr-FR"); // bob reads the workspace in French
        logIn(bob, BOB);
        bob.get("http://localhost:" + portalPort + "/agent/tickets/" + id);
        until(bob, "bob on the ticket", d -> d.getCurrentUrl().endsWith("/agent/tickets/" + id) ? true : null);
        until(bob, "alice present for bob", d -> text(d, "presence").contains(ALICE) ? true : null);
        assertThat(text(bob, "timeline-title")).isEqualTo("Historique");
        assertThat(text(bob, "presence")).startsWith("Également sur ce ticket");
        accessible(bob, "agent-ticket-fr");
        until(alice, "bob present for alice", d -> text(d, "presence").contains(BOB) ? true : null);
        // bob types a reply: alice sees it
        bob.findElement(By.id("reply-body")).sendKeys("Looking at the logs");
        until(alice, "bob typing", d -> text(d, "presence").contains("typing a reply") ? true : null);

        // alice: an internal note (n), then a canned reply
        blur(alice);
        key(alice, "n");
        assertThat(focusedId(alice)).isEqualTo("note-body");
        key(alice, NOTE);
        alice.findElement(By.id("note-send")).click();
        until(alice, "the note in the timeline", d -> text(d, "timeline").contains(NOTE) ? true : null);
        new Select(alice.findElement(By.id("canned"))).selectByVisibleText("Ask to restart (" + RUN + ")");
        alice.findElement(By.id("canned-insert")).click();
        String inserted = alice.findElement(By.id("reply-body")).getAttribute("value");
        assertThat(inserted).startsWith("Dear Dora, about " + reference + ": please restart the service");
        alice.findElement(By.id("reply-send")).click();
        until(alice, "the reply in the timeline", d -> text(d, "timeline").contains("please restart") ? true : null);

        // bob reclassifies, on the version he saw; his page is current (live)
        until(bob, "bob's page with alice's reply", d -> text(d, "timeline").contains("please restart") ? true : null);
        bob.navigate().refresh();
        until(
                bob,
                "bob's form",
                d -> d.findElements(By.id("reclassify-severity")).isEmpty() ? null : true);
        new Select(bob.findElement(By.id("reclassify-severity"))).selectByValue("SEV2");
        bob.findElement(By.id("reclassify-reason")).sendKeys("Only invoices, orders flow");
        bob.findElement(By.id("reclassify-send")).click();
        until(bob, "reclassified", d -> text(d, "severity").equals("Sév. 2") ? true : null);

        // alice resolves on the version she saw: the conflict shows what bob did; sent again, it applies
        until(
                alice,
                "alice's page learning of bob's change",
                d -> text(d, "severity").equals("Sev 2") ? true : null);
        blur(alice);
        key(alice, "v");
        assertThat(focusedId(alice)).isEqualTo("resolve-summary");
        key(alice, "Restarted the invoice queue");
        alice.findElement(By.id("resolve-send")).click();
        until(alice, "the conflict", d -> d.findElements(By.id("conflict")).isEmpty() ? null : true);
        assertThat(text(alice, "conflict")).contains(BOB, "Severity SEV1 → SEV2");
        assertThat(alice.findElement(By.id("resolve-summary")).getAttribute("value"))
                .isEqualTo("Restarted the invoice queue");
        accessible(alice, "agent-conflict");
        alice.findElement(By.id("resolve-send")).click();
        until(alice, "resolved", d -> text(d, "state").startsWith("Resolved") ? true : null);

        // the customer's side: the reply, never the note
        String customerToken = keycloak.password(CUSTOMER, "support-demo");
        JsonNode seen = ticket(id, customerToken);
        assertThat(seen.has("internalNotes")).isFalse();
        assertThat(seen.toString()).contains("please restart").doesNotContain(NOTE);
        assertThat(call("GET", "/api/tickets/" + id + "/events", customerToken, null)
                        .body())
                .doesNotContain(NOTE)
                .doesNotContain("internal-note");
        String contact = "dora@" + ACCOUNT + ".example";
        SmtpServer.Mail reply = SMTP.awaitMail(contact, "[" + reference + "] New message", WAIT);
        assertThat(reply.text()).contains("please restart", "/tickets/" + id);
        List<SmtpServer.Mail> all = SMTP.inbox(contact);
        assertThat(all).allSatisfy(m -> assertThat(m.mime()).doesNotContain(NOTE));
        ChromeDriver customer = browser("en-US");
        logIn(customer, CUSTOMER);
        customer.get("http://localhost:" + portalPort + "/tickets/" + id);
        until(
                customer,
                "the reply in the customer space",
                d -> text(d, "main").contains("please restart") ? true : null);
        assertThat(text(customer, "main")).doesNotContain(NOTE);

        // alice closes it (c)
        blur(alice);
        key(alice, "c");
        assertThat(focusedId(alice)).isEqualTo("close");
        key(alice, Keys.ENTER);
        until(alice, "closed", d -> "Closed".equals(text(d, "state")) ? true : null);
        assertThat(text(alice, "timeline")).contains("Internal note", "Reply to the customer", "Resolved (FIXED)");
    }

    @Test
    void anAdministratorManagesCannedRepliesAndCustomersHaveNoWorkspace() throws Exception {
        ChromeDriver admin = browser("en-US");
        logIn(admin, "adam.admin");
        admin.get("http://localhost:" + portalPort + "/agent/canned-replies");
        until(admin, "the canned replies", d -> d.findElements(By.id("new-id")).isEmpty() ? null : true);
        accessible(admin, "agent-replies");
        admin.findElement(By.id("new-id")).sendKeys("logs-" + RUN);
        admin.findElement(By.id("new-title")).sendKeys("Ask for logs " + RUN);
        admin.findElement(By.id("new-EN")).sendKeys("Please send the logs of {reference}.");
        admin.findElement(By.id("new-FR")).sendKeys("Merci d'envoyer les journaux de {client}.");
        admin.findElement(By.cssSelector("form[aria-labelledby=new-reply] button[type=submit]"))
                .click();
        until(admin, "the refusal naming the placeholder", d -> text(d, "main").contains("{client}") ? true : null);
        WebElement fr = admin.findElement(By.id("new-FR"));
        fr.clear();
        admin.findElement(By.id("new-id")).clear();
        admin.findElement(By.id("new-id")).sendKeys("logs-" + RUN);
        admin.findElement(By.id("new-title")).clear();
        admin.findElement(By.id("new-title")).sendKeys("Ask for logs " + RUN);
        admin.findElement(By.id("new-EN")).clear();
        admin.findElement(By.id("new-EN")).sendKeys("Please send the logs of {reference}.");
        fr.sendKeys("Merci d'envoyer les journaux de {reference}.");
        admin.findElement(By.cssSelector("form[aria-labelledby=new-reply] button[type=submit]"))
                .click();
        until(admin, "the saved reply", d -> text(d, "main").contains("Ask for logs " + RUN + "\n") ? true : null);

        ChromeDriver customer = browser("en-US");
        logIn(customer, CUSTOMER);
        customer.get("http://localhost:" + portalPort + "/agent/");
        until(
                customer,
                "the notice",
                d -> text(d, "main").contains("The agent workspace is for support staff") ? true : null);
        accessible(customer, "agent-not-staff");
    }
}
