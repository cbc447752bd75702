package com.supportdesk.system;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at the operations dashboard: Debian's Chromium, headless, logging in on Keycloak's own login page (the
 * authorization code flow of the {@code dashboard} client), then watching the page. {@link #available()} says
 * whether Chromium and its driver are installed (.ci/run installs them).
 */
final class DashboardBrowser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    private final ChromeDriver browser;
    private final WebDriverWait wait;
    private final String page;

    static boolean available() {
        return com.supportdesk.testinfra.Chromium.installed();
    }

    static String missing() {
        return com.supportdesk.testinfra.Chromium.missing();
    }

    DashboardBrowser(int reportingPort, Duration timeout) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        wait = new WebDriverWait(browser, timeout);
        // the page replaces its rows whenever the data changes: an element found a moment ago may be gone
        wait.ignoring(StaleElementReferenceException.class);
        page = "http://localhost:" + reportingPort + "/";
    }

    /** Opens the dashboard: the service sends the browser to Keycloak, whose login form is filled in and sent. */
    String logIn(String username, String password) {
        browser.get(page);
        until("Keycloak's login form", d -> d.findElements(By.id("kc-login")).isEmpty() ? null : true);
        String loginPage = browser.getCurrentUrl();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        until(
                "the dashboard after logging in as " + username,
                d -> d.getCurrentUrl().startsWith(page)
                                && !d.findElements(By.id("live-text")).isEmpty()
                        ? true
                        : null);
        return loginPage;
    }

    /** The cookies the dashboard's origin set in the browser (the session's among them). */
    java.util.Set<org.openqa.selenium.Cookie> cookies() {
        return browser.manage().getCookies();
    }

    /** Waits until the page says it is live (or that the user has no access), and returns what it says. */
    String status() {
        return until("the page to say 'live' or 'no access'", d -> {
            String s = d.findElement(By.id("live-text")).getText();
            return "live".equals(s) || "no access".equals(s) ? s : null;
        });
    }

    /** Marks the page, to show later that it was never reloaded. */
    void mark() {
        ((JavascriptExecutor) browser).executeScript("window.__notReloaded = 'yes';");
    }

    boolean stillMarked() {
        return "yes".equals(((JavascriptExecutor) browser).executeScript("return window.__notReloaded;"));
    }

    /** The text of the row of a ticket in one of the page's lists ({@code near}, {@code late}, {@code prio}). */
    String awaitRow(String list, String reference, String containing) {
        String css = "#" + list + " tr[data-reference='" + reference + "']";
        try {
            return wait.until(d -> d.findElements(By.cssSelector(css)).stream()
                    .map(e -> e.getText())
                    .filter(t -> t.contains(containing))
                    .findFirst()
                    .orElse(null));
        } catch (RuntimeException e) {
            throw new AssertionError(
                    ("no row of " + reference + " in #" + list + " containing " + containing + "; the page says: "
                                    + text() + "; its data call answers: " + fetch("/api/reports/dashboard"))
                            .replaceAll("\\s+", " "),
                    e);
        }
    }

    /** What one of the page's own calls answers now (status and body), as the page would get it. */
    String fetch(String path) {
        return String.valueOf(((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[0];"
                        + "fetch('" + path + "', {headers: {Accept: 'application/json'}}).then(r => r.text()"
                        + ".then(t => done(r.status + ' ' + t))).catch(x => done('fetch failed: ' + x));"));
    }

    void awaitNoRow(String list, String reference) {
        String css = "#" + list + " tr[data-reference='" + reference + "']";
        until(
                "no row of " + reference + " in #" + list,
                d -> d.findElements(By.cssSelector(css)).isEmpty() ? true : null);
    }

    String notice() {
        return until("a notice on the page", d -> {
            String text = d.findElement(By.id("notice")).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** Clicks "log out": Keycloak ends the session and the browser comes back to the dashboard's login. */
    void logOut() {
        browser.findElement(By.id("logout")).click();
        until(
                "Keycloak's login form after logging out",
                d -> d.findElements(By.id("kc-login")).isEmpty() ? null : true);
    }

    /**
     * Waits for a condition of the page; on time-out the failure names what was awaited, where the browser is and what
     * the page says (a bare WebDriver time-out names only a lambda).
     */
    private <T> T until(String what, java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            return wait.until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String body;
            try {
                body = text();
            } catch (RuntimeException unreadable) {
                body = "(unreadable: " + unreadable.getMessage() + ")";
            }
            throw new AssertionError(
                    ("waited in vain for " + what + "; the browser is at " + url() + "; the page says: " + body)
                            .replaceAll("\\s+", " "),
                    e);
        }
    }

    String url() {
        return browser.getCurrentUrl();
    }

    String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    @Override
    public void close() {
        browser.quit();
    }
}
