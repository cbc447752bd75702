package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketTransferred;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.PlanLevel;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.model.Urgency;
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
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agents' work queue from the topics to the answer of {@code GET /api/reports/queue} and to the page, in a real
 * headless Chromium: tickets of accounts on three plan levels come out in the agreed order (priority, plan level,
 * urgency, arrival), a ticket on hold is left out, and a new priority ticket goes to the top of the page without a
 * reload. The tickets are at L3, where no other test puts any, so the shared read model does not mix them up.
 */
@QuarkusTest
@TestSecurity(user = "alice-agent", roles = "agent")
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class WorkQueueIntegrationTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/queue.html?level=L3")
    URL page;

    String run;

    @BeforeEach
    void ids() {
        run = UUID.randomUUID().toString().substring(0, 6);
    }

    static void send(String topic, String key, Long sequence, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "test",
                key,
                Instant.now(),
                sequence,
                null,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    String account(PlanLevel plan) {
        String id = "acc-" + run + "-" + plan.stars();
        Contact c = new Contact("ann", "Ann", "ann@x.example", null);
        send(
                Topics.ACCOUNT_EVENTS,
                id,
                null,
                new AccountRegistered(
                        id,
                        new AccountProfile(
                                plan.stars() + "-star client " + run,
                                "EUROPE",
                                SupportLanguage.EN,
                                "standard",
                                c,
                                c,
                                c,
                                List.of(),
                                List.of(),
                                false,
                                plan,
                                null),
                        "admin",
                        Instant.now()));
        return id;
    }

    /** The account's profile again, now on the five-star plan. */
    String upgrade(String id) {
        Contact c = new Contact("ann", "Ann", "ann@x.example", null);
        send(
                Topics.ACCOUNT_EVENTS,
                id,
                null,
                new com.supportdesk.contract.event.AccountUpdated(
                        id,
                        new AccountProfile(
                                "upgraded client " + run,
                                "EUROPE",
                                SupportLanguage.EN,
                                "standard",
                                c,
                                c,
                                c,
                                List.of(),
                                List.of(),
                                false,
                                PlanLevel.STARS_5,
                                null),
                        "admin",
                        Instant.now()));
        return id;
    }

    /** A ticket opened {@code minutesAgo}, moved to L3, with a running response clock; returns its reference. */
    String ticket(String account, String name, Severity severity, Urgency urgency, int minutesAgo) {
        String id = "t-" + UUID.randomUUID();
        String reference = name + "-" + run;
        Instant at = Instant.now().minus(Duration.ofMinutes(minutesAgo));
        send(
                Topics.TICKET_EVENTS,
                id,
                0L,
                new TicketOpened(
                        id,
                        account,
                        reference,
                        TicketKind.INCIDENT,
                        severity,
                        Impact.STANDARD,
                        urgency,
                        severity.priorityByDefault(),
                        SupportLevel.L1,
                        name,
                        "x",
                        null,
                        null,
                        "ann",
                        at));
        send(
                Topics.TICKET_EVENTS,
                id,
                1L,
                new TicketTransferred(id, account, SupportLevel.L1, SupportLevel.L3, "needs a fix", "eng", at));
        send(
                Topics.SLA_EVENTS,
                id,
                null,
                new ClockStarted(
                        id,
                        account,
                        ClockKind.RESPONSE,
                        "standard",
                        "always-open",
                        severity,
                        Duration.ofHours(8),
                        Duration.ZERO,
                        at.plus(Duration.ofHours(8)),
                        at));
        lastTicket = id;
        return reference;
    }

    String lastTicket;

    List<String> mine() {
        return given()
                .get("/api/reports/queue?level=L3&limit=500")
                .jsonPath()
                .<String>getList("tickets.reference")
                .stream()
                .filter(r -> r != null && r.endsWith("-" + run))
                .toList();
    }

    @Test
    void theQueueGivesTheAgreedOrderAndLeavesOutWhatWaitsOnTheCustomer() {
        String three = account(PlanLevel.STARS_3);
        String four = account(PlanLevel.STARS_4);
        String five = account(PlanLevel.STARS_5);
        String a = ticket(three, "A", Severity.SEV3, null, 300); // oldest
        String b = ticket(five, "B", Severity.SEV4, null, 5); // best plan, least severe
        String c = ticket(four, "C", Severity.SEV3, Urgency.CRITICAL, 10);
        String d = ticket(four, "D", Severity.SEV3, Urgency.LOW, 60);
        String e = ticket(three, "E", Severity.SEV3, null, 1);
        send(
                Topics.TICKET_EVENTS,
                lastTicket,
                2L,
                new PriorityHandlingGranted(lastTicket, three, "go-live", "esc", Instant.now()));
        String f = ticket(five, "F", Severity.SEV3, null, 2);
        send(
                Topics.TICKET_EVENTS,
                lastTicket,
                2L,
                new TicketPutOnHold(lastTicket, five, "waiting for logs", "eng", Instant.now()));

        await().atMost(WAIT)
                .until(() -> mine().size() == 5
                        && !given().get("/api/reports/queue?level=L3&limit=500")
                                .jsonPath()
                                .getList("tickets.reference")
                                .contains(f));
        // E has priority handling; then five stars, four stars (critical before low urgency), three stars
        assertThat(mine()).containsExactly(e, b, c, d, a);
        // paged by key, two at a time: the same order, each once, positions going on
        List<String> paged = new java.util.ArrayList<>();
        List<Integer> positions = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("level", "L3")
                    .queryParam("limit", 2)
                    .queryParam("cursor", cursor)
                    .get("/api/reports/queue")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            paged.addAll(page.getList("tickets.reference"));
            positions.addAll(page.getList("tickets.position"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(paged.stream()
                        .filter(r -> r != null && r.endsWith("-" + run))
                        .toList())
                .containsExactly(e, b, c, d, a);
        for (int i = 0; i < positions.size(); i++) {
            assertThat(positions.get(i)).isEqualTo(i + 1);
        }
        given().get("/api/reports/queue?cursor=nonsense")
                .then()
                .statusCode(400)
                .body("violations[0].field", is("cursor"));
        given().get("/api/reports/queue?level=L3&limit=500")
                .then()
                .body("level", is("L3"))
                .body("workspace", is("http://localhost:8086/agent")) // each ticket's page: <workspace>/tickets/<id>
                .body("tickets.find { it.reference == '" + e + "' }.why", containsString("priority, 3-star plan"))
                .body("tickets.find { it.reference == '" + b + "' }.planLevel", is("STARS_5"))
                .body("tickets.find { it.reference == '" + b + "' }.clock", is("RESPONSE"));
        assertThat(given().get("/api/reports/queue?level=L3&limit=500")
                        .jsonPath()
                        .getLong("tickets.find { it.reference == '" + b + "' }.secondsLeft"))
                .isBetween(
                        Duration.ofMinutes(400).toSeconds(),
                        Duration.ofMinutes(476).toSeconds());

        given().get("/api/reports/queue?level=L9")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("level"));
        given().get("/api/reports/queue?limit=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));

        // the three-star account moves to five stars: its waiting tickets move up at once (A before B: SEV3)
        upgrade(three);
        await().atMost(WAIT).until(() -> mine().equals(List.of(e, a, b, c, d)));
    }

    @Test
    void thePageShowsTheQueueAndANewPriorityTicketGoesToTheTopLive() {
        com.supportdesk.testinfra.Chromium.assumeInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        ChromeDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        try {
            String five = account(PlanLevel.STARS_5);
            String three = account(PlanLevel.STARS_3);
            String older = ticket(three, "P", Severity.SEV3, null, 30);
            String newer = ticket(five, "Q", Severity.SEV3, null, 3);
            await().atMost(WAIT).until(() -> mine().size() == 2);

            browser.get(page.toString());
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            wait.ignoring(StaleElementReferenceException.class);
            wait.until(x -> x.findElement(By.id("live-text")).getText().equals("live"));
            ((JavascriptExecutor) browser).executeScript("window.__notReloaded = 'yes';");
            wait.until(x -> onPage(x.findElements(By.cssSelector("#rows tr[data-reference]")))
                    .equals(List.of(newer, older)));

            // a Sev 1 (priority by default) arrives: first on the page, without a reload
            String urgent = ticket(three, "R", Severity.SEV1, Urgency.CRITICAL, 0);
            wait.until(x -> onPage(x.findElements(By.cssSelector("#rows tr[data-reference]")))
                    .equals(List.of(urgent, newer, older)));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__notReloaded;"))
                    .isEqualTo("yes");
            // its clock arrives with sla-service's event, a moment after the ticket itself
            String row = wait.until(x -> {
                String text = x.findElement(By.cssSelector("#rows tr[data-reference='" + urgent + "']"))
                        .getText();
                return text.contains("(response)") ? text : null;
            });
            assertThat(row)
                    .contains("SEV1")
                    .contains("critical")
                    .contains("priority")
                    .contains("(response)");
            assertThat(browser.findElement(By.cssSelector("#rows tr[data-reference='" + newer + "']"))
                            .getText())
                    .contains("★★★★★");
        } finally {
            browser.quit();
        }
    }

    private List<String> onPage(List<WebElement> rows) {
        return rows.stream()
                .map(r -> r.getAttribute("data-reference"))
                .filter(r -> r.endsWith("-" + run))
                .toList();
    }
}
