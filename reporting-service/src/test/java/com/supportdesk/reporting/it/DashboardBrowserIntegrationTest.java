package com.supportdesk.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: it loads, shows a ticket opened during the test, and updates when the
 * ticket changes, without a reload (a marker set on the page survives). Chromium and its driver are Debian's
 * packages; .ci/run installs them. Without them the test is skipped and says why. The browser's calls carry an ops
 * identity ({@code @TestSecurity}); in the stack a person logs in at Keycloak first (ADR 0009).
 */
@QuarkusTest
@TestSecurity(user = "olga-ops", roles = "ops")
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DashboardBrowserIntegrationTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL root;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        com.supportdesk.testinfra.Chromium.assumeInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static void send(String key, long sequence, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "test",
                key,
                Instant.now(),
                sequence,
                null,
                event);
        TopicReader.send(
                event instanceof ClockStarted ? Topics.SLA_EVENTS : Topics.TICKET_EVENTS,
                key,
                CloudEventCodec.headers(envelope),
                CloudEventCodec.body(event));
    }

    @Test
    void showsATicketOpenedDuringTheTestAndFollowsItLive() throws Exception {
        String ticket = "t-" + UUID.randomUUID();
        try {
            followTheTicket(ticket);
        } catch (RuntimeException | AssertionError e) {
            // what the page showed and what its data call answers, for whoever reads the failure
            Object page = ((JavascriptExecutor) browser).executeScript("return document.body.innerText;");
            Object api = ((JavascriptExecutor) browser)
                    .executeAsyncScript("const done = arguments[0];"
                            + "fetch('/api/reports/dashboard').then(r => r.text().then(t => done(r.status + ' ' + t)))"
                            + ".catch(x => done('fetch failed: ' + x));");
            Object row = ((JavascriptExecutor) browser)
                    .executeAsyncScript("const done = arguments[0];"
                            + "fetch('/api/reports/tickets/" + ticket
                            + "/timeline').then(r => r.text().then(t => done(r.status"
                            + " + ' ' + t)));");
            Object record = ((JavascriptExecutor) browser)
                    .executeAsyncScript("const done = arguments[0];"
                            + "fetch('/api/reports/tickets/" + ticket + "').then(r => r.text().then(t => done(r.status"
                            + " + ' ' + t)));");
            Object rows = ((JavascriptExecutor) browser)
                    .executeAsyncScript("const done = arguments[0];"
                            + "fetch('/api/reports/tickets?size=500').then(r => r.text().then(t => done(r.status"
                            + " + ' ' + t)));");
            String db = com.supportdesk.testinfra.RealInfrastructure.databaseActivity();
            Files.writeString(
                    Path.of("target", "dashboard-failure.txt"),
                    "DATABASE\n" + db + "\nPAGE\n" + page
                            + "\n\nAPI\n" + api
                            + "\n\nALL ROWS\n" + rows
                            + "\n\nTICKET\n" + record + "\n\nTIMELINE\n" + row);
            // the gist on one line, so that a CI log's summary tells the story without the file
            throw new AssertionError(
                    oneLine("Dashboard test failed (" + e.getMessage() + "); ticket row: " + record + "; its timeline: "
                            + row + "; page: " + page + " (all of it: target/dashboard-failure.txt)"),
                    e);
        }
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 3000 ? flat.substring(0, 3000) + "..." : flat;
    }

    /** The text of an element as it is now (found again if the page re-rendered it meanwhile). */
    private static String text(WebDriverWait wait, String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    private void followTheTicket(String ticket) throws Exception {
        browser.get(root.toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        // the page replaces its rows whenever the data changes: an element found a moment ago may be gone
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("live-text")).getText().equals("live"));
        ((JavascriptExecutor) browser).executeScript("window.__notReloaded = 'yes';");

        String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String reference = "TKT-B" + ticket.substring(2, 7).toUpperCase();
        Instant now = Instant.now();
        send(
                ticket,
                0,
                new TicketOpened(
                        ticket,
                        account,
                        reference,
                        TicketKind.INCIDENT,
                        Severity.SEV1,
                        Impact.STANDARD,
                        null,
                        true,
                        SupportLevel.L1,
                        "Payments failing",
                        "HTTP 500",
                        "pay",
                        null,
                        "ann",
                        now));
        send(
                ticket,
                0,
                new ClockStarted(
                        ticket,
                        account,
                        ClockKind.RESPONSE,
                        "standard",
                        "always-open",
                        Severity.SEV1,
                        Duration.ofMinutes(30),
                        Duration.ZERO,
                        now.plus(Duration.ofMinutes(30)),
                        now));

        // a second ticket whose response deadline passed ten minutes ago: overdue, not "near breach"
        String lateTicket = "t-" + UUID.randomUUID();
        String lateReference = "TKT-L" + lateTicket.substring(2, 7).toUpperCase();
        Instant earlier = now.minus(Duration.ofMinutes(40));
        send(
                lateTicket,
                0,
                new TicketOpened(
                        lateTicket,
                        account,
                        lateReference,
                        TicketKind.INCIDENT,
                        Severity.SEV2,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Reports slow",
                        "x",
                        "pay",
                        null,
                        "ann",
                        earlier));
        send(
                lateTicket,
                0,
                new ClockStarted(
                        lateTicket,
                        account,
                        ClockKind.RESPONSE,
                        "standard",
                        "always-open",
                        Severity.SEV2,
                        Duration.ofMinutes(30),
                        Duration.ZERO,
                        earlier.plus(Duration.ofMinutes(30)),
                        earlier));

        // it appears, near breach and among the priority tickets, without a reload
        String near = "#near tr[data-reference='" + reference + "']";
        wait.until(d -> !d.findElements(By.cssSelector(near)).isEmpty());
        String late = "#late tr[data-reference='" + lateReference + "']";
        wait.until(d -> !d.findElements(By.cssSelector(late)).isEmpty());
        assertThat(text(wait, late)).contains("Reports slow").contains("RESPONSE");
        assertThat(browser.findElements(By.cssSelector("#near tr[data-reference='" + lateReference + "']")))
                .isEmpty();
        assertThat(Integer.parseInt(text(wait, "[data-testid='overdue-total']")))
                .isGreaterThanOrEqualTo(1);
        assertThat(text(wait, near))
                .contains(account)
                .contains("SEV1")
                .contains("OPEN")
                .contains("RESPONSE")
                .contains("Payments failing");
        String prio = "#prio tr[data-reference='" + reference + "']";
        wait.until(d -> !d.findElements(By.cssSelector(prio)).isEmpty());
        assertThat(text(wait, prio)).contains("no");
        assertThat(Integer.parseInt(text(wait, "[data-testid='count-SEV1']"))).isGreaterThanOrEqualTo(1);

        // the ticket changes: it is escalated, then acknowledged
        send(
                ticket,
                1,
                new TicketEscalated(
                        ticket,
                        account,
                        EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                        Severity.SEV1,
                        "breach",
                        "priority-breach",
                        "escalation-service",
                        now.plusSeconds(1)));
        send(ticket, 2, new TicketAcknowledged(ticket, account, Severity.SEV1, null, now, "agent", now.plusSeconds(2)));
        wait.until(d -> d.findElement(By.cssSelector(prio)).getText().contains("ACKNOWLEDGED")
                && d.findElement(By.cssSelector(prio)).getText().contains("STRATEGIC_ACCOUNT_MANAGER"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__notReloaded;"))
                .isEqualTo("yes");

        // a picture of what a person sees, kept with the build's reports
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "dashboard.png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isPositive();
    }
}
