package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.testinfra.Chromium;
import com.supportdesk.testinfra.ClamdServer;
import com.supportdesk.testinfra.KeycloakServer;
import com.supportdesk.testinfra.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The platform the browser tests and the end-to-end story run against, each part its own process: Keycloak, Zipkin,
 * ticket-service (with ClamAV), sla-service, escalation-service, notification-service (with the SMTP server),
 * reporting-service and the portal; and what the browser tests share: a browser, logging in at Keycloak, axe-core,
 * waiting for the page. The test classes marked {@link Shared} run one after the other ({@code @Order}) on one start
 * of it; it stops before any other class begins ({@link Lifetime}), since the other system tests need the machine's
 * two cores, and their own Keycloak the same data directory.
 */
final class PortalStack {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration WAIT = Duration.ofSeconds(60);

    private PortalStack() {}

    static KeycloakServer keycloak;
    static final com.supportdesk.testinfra.SmtpServer SMTP = com.supportdesk.testinfra.SmtpServer.shared();
    private static final Map<String, ServiceProcess> services = new java.util.LinkedHashMap<>();
    static com.supportdesk.deploy.ZipkinServer zipkin;
    static int ticketPort;
    static int slaPort;
    static int escalationPort;
    static int notificationPort;
    static int reportingPort;
    static int portalPort;
    static final List<ChromeDriver> browsers = new ArrayList<>();

    private static boolean started;
    private static boolean hooked;

    /** A test class that runs on this stack: it is started once for all of them, and stopped after the last. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Shared {}

    /**
     * Stops the stack before a class that does not share it begins, and after the last test of the run (an
     * extension every class gets: junit.jupiter.extensions.autodetection).
     */
    public static final class Lifetime implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            if (context.getRequiredTestClass().isAnnotationPresent(Shared.class)) {
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Lifetime.class, k ->
                        (ExtensionContext.Store.CloseableResource) PortalStack::stop);
            } else {
                stop();
            }
        }
    }

    /** Starts the stack for a browser test of the portal or the workspace: Chromium and ClamAV needed. */
    static synchronized void start() throws Exception {
        Chromium.assumeInstalled();
        ClamdServer.assumeInstalled();
        startServices();
    }

    /**
     * Starts Keycloak, Zipkin, every service and the portal, unless they run, configured for each test class that
     * shares them: tracing on and sent to Zipkin, notification-service's log in JSON, sla-service with the seconds
     * policy, webhooks to loopback allowed, the dashboard's cookies over plain http, uploads scanned where ClamAV is
     * installed.
     */
    static synchronized void startServices() throws Exception {
        if (started) {
            return;
        }
        started = true;
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(PortalStack::stop)); // a test JVM killed midway
        }
        keycloak = KeycloakServer.start(
                Path.of(System.getProperty("keycloak.dist")),
                Path.of(System.getProperty("keycloak.realm")),
                Path.of("target"),
                Http.freePort(),
                Http.freePort());
        zipkin = com.supportdesk.deploy.ZipkinServer.start(
                Path.of(System.getProperty("zipkin.jar")), Http.freePort(), Files.createTempFile("zipkin-", ".log"));
        Map<String, String> env = new HashMap<>(Map.of(
                "SUPPORT_DB_URL", RealInfrastructure.jdbcUrl(),
                "SUPPORT_DB_REACTIVE_URL", RealInfrastructure.jdbcUrl().substring("jdbc:".length()),
                "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers(),
                "SUPPORT_SMTP_HOST", "127.0.0.1",
                "SUPPORT_SMTP_PORT", String.valueOf(SMTP.smtpPort()),
                "SUPPORT_OIDC_URL", keycloak.issuer()));
        ticketPort = Http.freePort();
        slaPort = Http.freePort();
        escalationPort = Http.freePort();
        notificationPort = Http.freePort();
        reportingPort = Http.freePort();
        portalPort = Http.freePort();
        // as on the stack: every record names its schema where ticket-service serves it
        env.put("SUPPORT_EVENTS_SCHEMA_BASE", "http://localhost:" + ticketPort + "/schemas/");
        // the partners' receivers of the system tests listen on loopback: the explicit allow-list lets them in
        env.put("SUPPORT_NOTIFICATION_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        // the dashboard is served over plain http here, as on the local stack (see reporting-service's settings)
        env.put("SUPPORT_DASHBOARD_SECURE_COOKIES", "false");
        // tracing on, exported to Zipkin (the stack's --observability does this)
        env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        env.put("SUPPORT_TRACING_ENDPOINT", zipkin.spansUrl());
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        // the realm lets the dashboard's login come back to the stack's port 8085 only; this run's port is another
        keycloak.allowRedirect("dashboard", "http://localhost:" + reportingPort + "/*");
        Map<String, String> ticketEnv = new HashMap<>(env);
        if (ClamdServer.installed()) {
            ticketEnv.put("SUPPORT_ATTACHMENTS_SCAN_HOST", "127.0.0.1");
            ticketEnv.put(
                    "SUPPORT_ATTACHMENTS_SCAN_PORT",
                    String.valueOf(ClamdServer.shared().port()));
        }
        Map<String, String> slaEnv = new HashMap<>(env);
        slaEnv.put("SUPPORT_SLA_POLICY_DIR", Http.secondsPolicy().toString());
        slaEnv.put("SUPPORT_SLA_POLICIES", "standard,seconds");
        Map<String, String> notificationEnv = new HashMap<>(env);
        notificationEnv.put("SUPPORT_NOTIFICATION_PORTAL_URL", "http://localhost:" + portalPort);
        // structured logs as in production: JSON lines, each record's handling with its trace, ticket and account
        notificationEnv.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        notificationEnv.put("QUARKUS_LOG_CATEGORY__COM_SUPPORTDESK_SUPPORT__LEVEL", "DEBUG");
        Map<String, String> reportingEnv = new HashMap<>(env);
        // each event the read model applies, in the service's log, for whoever reads a failure
        reportingEnv.put("QUARKUS_LOG_CATEGORY__COM_SUPPORTDESK_REPORTING_PROJECTION__LEVEL", "DEBUG");
        Map<String, String> portalEnv = new HashMap<>(env);
        portalEnv.put("SUPPORT_TICKET_URL", "http://localhost:" + ticketPort);
        portalEnv.put("SUPPORT_REPORTING_URL", "http://localhost:" + reportingPort);
        portalEnv.put("SUPPORT_SLA_URL", "http://localhost:" + slaPort);
        portalEnv.put("SUPPORT_PORTAL_SECURE_COOKIES", "false"); // plain http here, as on the local stack
        add("ticket-service", ticketPort, ticketEnv);
        add("sla-service", slaPort, slaEnv);
        add("escalation-service", escalationPort, env);
        add("notification-service", notificationPort, notificationEnv);
        add("reporting-service", reportingPort, reportingEnv);
        add("portal", portalPort, portalEnv);
        for (ServiceProcess p : services.values()) {
            p.start();
        }
        for (ServiceProcess p : services.values()) {
            p.awaitReady(WAIT);
        }
    }

    /** The running process of a service ("ticket-service", ..., "portal"). */
    static ServiceProcess service(String name) {
        return services.get(name);
    }

    private static void add(String name, int port, Map<String, String> env) throws Exception {
        services.put(name, process(name, port, env));
    }

    private static ServiceProcess process(String name, int port, Map<String, String> env) throws Exception {
        return new ServiceProcess(
                Path.of(System.getProperty(name + ".app")), port, env, Files.createTempFile(name + "-", ".log"));
    }

    static String account(String id, String language) {
        return """
                {"accountId":"%s","profile":{"name":"Client %s","region":"EUROPE","language":"%s",
                 "supportPlan":"standard","applications":["ERP","Webshop"],
                 "primaryContact":{"userId":"dora.%s","name":"Dora","email":"dora@%s.example"},
                 "backupContact":{"userId":"bo.%s","name":"Bo","email":"bo@%s.example"},
                 "strategicAccountManager":{"userId":"sam.acme","name":"Sam","email":"sam@vendor.example"}}}""".formatted(id, id, language, id, id, id, id);
    }

    /** Closes the browsers a test class opened. */
    static void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }

    /** Stops everything, all at once (also from the JVM's shutdown, which has only seconds). */
    static synchronized void stop() {
        quitBrowsers();
        services.values().forEach(ServiceProcess::terminate);
        if (keycloak != null) {
            keycloak.close();
            keycloak = null;
        }
        if (zipkin != null) {
            zipkin.close();
            zipkin = null;
        }
        for (ServiceProcess p : services.values()) {
            try {
                p.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        started = false;
    }

    static HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + ticketPort + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ticket(String id, String token) throws Exception {
        HttpResponse<String> r = call("GET", "/api/tickets/" + id, token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static ChromeDriver browser(String acceptLanguage) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--lang=" + acceptLanguage);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriver b = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Chromium.DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        browsers.add(b);
        return b;
    }

    /** A 1×1 PNG. */
    static final byte[] PNG = java.util.HexFormat.of()
            .parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A file to hand to a file field. */
    static Path file(String name, byte[] content) throws java.io.IOException {
        Path dir = Files.createTempDirectory("portal-files");
        return Files.write(dir.resolve(name), content);
    }

    static <T> T until(WebDriver b, String what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(b, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        try {
            return wait.until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(("waited in vain for " + what + " at " + b.getCurrentUrl() + "; the page says: "
                            + b.findElement(By.tagName("body")).getText())
                    .replaceAll("\\s+", " "));
        }
    }

    /** The portal's address: the browser is sent to Keycloak, whose own login form is filled in. */
    static void logIn(ChromeDriver b, String user) {
        b.get("http://localhost:" + portalPort + "/");
        until(b, "Keycloak's login form", d -> d.findElements(By.id("kc-login")).isEmpty() ? null : true);
        b.findElement(By.id("username")).sendKeys(user);
        b.findElement(By.id("password")).sendKeys("support-demo");
        b.findElement(By.id("kc-login")).click();
        until(
                b,
                "the portal after logging in as " + user,
                d -> d.getCurrentUrl().startsWith("http://localhost:" + portalPort) ? true : null);
    }

    /** axe-core on the page as it is: no serious or critical WCAG 2.1 A/AA violation. Keeps a screenshot. */
    static void accessible(ChromeDriver b, String page) throws Exception {
        List<Rule> violations = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(b)
                .getViolations();
        Path shot = Path.of("target", "portal-" + page + ".png");
        Files.write(shot, b.getScreenshotAs(OutputType.BYTES));
        assertThat(violations.stream()
                        .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                        .map(v -> v.getId() + ": " + v.getHelp() + " "
                                + v.getNodes().stream()
                                        .map(n -> String.valueOf(n.getTarget()))
                                        .toList())
                        .toList())
                .as("serious or critical accessibility violations on " + page + " (" + shot + ")")
                .isEmpty();
    }

    /**
     * The text of the element with this id; empty while there is none, or while the page it was found on is being
     * replaced (a form's answer loading): Chromium then reports the node as not belonging to the document, which is a
     * stale element under another name, and the caller's wait asks again.
     */
    static String text(WebDriver b, String id) {
        List<org.openqa.selenium.WebElement> found = b.findElements(By.id(id));
        if (found.isEmpty()) {
            return "";
        }
        try {
            return found.get(0).getText();
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e instanceof StaleElementReferenceException
                    || String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return "";
            }
            throw e;
        }
    }

    /** Presses Tab until the element with this id has the focus (at most 40 times), as a keyboard user would. */
    static void tabTo(ChromeDriver b, String id) {
        for (int i = 0; i < 40; i++) {
            Object focused = ((JavascriptExecutor) b).executeScript("return document.activeElement.id;");
            if (id.equals(focused)) {
                return;
            }
            new Actions(b).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id);
    }
}
