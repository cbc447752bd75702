package com.supportdesk.sla.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.testinfra.Chromium;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administrator's page of the calendars in a real headless Chromium, against the real service, broker and
 * database: the year view shows a calendar's holidays and closures; the administrator adds a holiday and a closure
 * and imports an .ics file, each a new version the API serves; the history lists them. Ops read the same page
 * without the forms.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AdminPageIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/admin/index.html")
    URL page;

    static String calendar() {
        String id = "osaka-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.staff("adam", "admin"))
                .contentType("application/json")
                .body(CalendarChangeIntegrationTest.TOKYO.replace("Tokyo office", "Osaka office"))
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    static ChromeDriver browser() {
        Chromium.assumeInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1400,1200");
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Chromium.DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    static <T> T until(WebDriver browser, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(condition);
    }

    static boolean marked(WebDriver b, String date, String kind) {
        return !b.findElements(By.cssSelector("#year-view td[data-date='" + date + "']." + kind))
                .isEmpty();
    }

    @Test
    @TestSecurity(user = "adam", roles = "admin")
    void theAdministratorSeesTheYearAddsAHolidayAndAClosureImportsAFeedAndReadsTheHistory() throws Exception {
        String id = calendar();
        ChromeDriver b = browser();
        try {
            b.get(page + "?calendar=" + id + "&year=2027");
            until(b, x -> marked(x, "2027-01-01", "holiday")); // New Year's Day, a date holiday
            assertThat(marked(b, "2027-01-02", "closed"))
                    .as("a Saturday has no business hours")
                    .isTrue();
            assertThat(b.findElement(By.id("edit")).isDisplayed()).isTrue();

            b.findElement(By.cssSelector("#add-holiday input[name=name]")).sendKeys("Founders' Day");
            b.findElement(By.cssSelector("#add-holiday input[name=date]"))
                    .sendKeys("03/15/2027"); // Chromium's date field, en-US
            b.findElement(By.cssSelector("#add-holiday button")).click();
            until(b, x -> marked(x, "2027-03-15", "holiday"));
            assertThat(b.findElement(By.id("message")).getText()).contains("Version 2");

            b.findElement(By.cssSelector("#add-closure input[name=from]")).sendKeys("2027-05-10T00:00:00Z");
            b.findElement(By.cssSelector("#add-closure input[name=to]")).sendKeys("2027-05-11T12:00:00Z");
            b.findElement(By.cssSelector("#add-closure input[name=reason]")).sendKeys("office move");
            b.findElement(By.cssSelector("#add-closure button")).click();
            // 09:00 on the 10th to 21:00 on the 11th in Osaka
            until(b, x -> marked(x, "2027-05-10", "closure") && marked(x, "2027-05-11", "closure"));
            assertThat(marked(b, "2027-05-12", "closure")).isFalse();

            Path feed = Files.createTempFile("holidays", ".ics");
            Files.writeString(
                    feed,
                    String.join(
                            "\r\n",
                            "BEGIN:VCALENDAR",
                            "VERSION:2.0",
                            "PRODID:-//Test//Holidays//EN",
                            "BEGIN:VEVENT",
                            "UID:marine@example.com",
                            "DTSTAMP:20261101T000000Z",
                            "SUMMARY:Marine Day",
                            "DTSTART;VALUE=DATE:20270719",
                            "DTEND;VALUE=DATE:20270720",
                            "END:VEVENT",
                            "BEGIN:VEVENT",
                            "UID:party@example.com",
                            "DTSTAMP:20261101T000000Z",
                            "SUMMARY:Party",
                            "DTSTART:20270720T090000Z",
                            "END:VEVENT",
                            "END:VCALENDAR",
                            ""));
            b.findElement(By.cssSelector("#import input[name=file]")).sendKeys(feed.toString());
            b.findElement(By.cssSelector("#import button")).click();
            until(b, x -> marked(x, "2027-07-19", "holiday"));
            assertThat(b.findElement(By.id("message")).getText())
                    .contains("added 1 (Marine Day)")
                    .contains("skipped 1: Party (not an all-day event");

            // every change is a version the API serves, listed newest first with who made it
            until(b, x -> x.findElements(By.cssSelector("#history li")).size() == 4);
            List<String> history = b.findElements(By.cssSelector("#history li")).stream()
                    .map(e -> e.getText())
                    .toList();
            assertThat(history.get(0)).startsWith("version 4").contains("adam").contains("Marine Day");
            assertThat(history.get(1)).contains("closure added");
            assertThat(history.get(3)).startsWith("version 1").contains("created");
            given().auth()
                    .oauth2(TestTokens.staff("adam", "admin"))
                    .get("/api/sla/calendars/" + id + "?year=2027")
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"4\"")
                    .body("holidays", org.hamcrest.Matchers.hasItems("2027-03-15", "2027-07-19"))
                    .body("closures[0].reason", org.hamcrest.Matchers.equalTo("office move"));
        } finally {
            b.quit();
        }
    }

    @Test
    @TestSecurity(user = "olga", roles = "ops")
    void opsReadTheYearAndTheHistoryWithoutTheForms() {
        // (the test identity is ops for every request here, so the shipped Europe calendar is read)
        ChromeDriver b = browser();
        try {
            b.get(page + "?calendar=europe&year=2027");
            until(b, x -> marked(x, "2027-01-01", "holiday"));
            until(
                    b,
                    x -> !x.findElements(By.cssSelector("#history li[data-version='1']"))
                            .isEmpty());
            assertThat(b.findElement(By.id("edit")).isDisplayed()).isFalse();
            assertThat(b.findElement(By.id("who")).getText()).contains("olga").contains("read only");
        } finally {
            b.quit();
        }
    }
}
