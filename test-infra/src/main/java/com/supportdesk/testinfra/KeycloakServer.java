package com.supportdesk.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for end-to-end tests: the distribution from Maven Central ({@code keycloak-quarkus-dist} zip,
 * resolved by Maven), unpacked once under {@code target/}, started in dev mode as its own process on a JDK 21+ with
 * the project's realm ({@code deploy/keycloak/support-realm.json}) imported into a fresh database each time.
 */
public final class KeycloakServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final Process process;
    private final Path log;

    private KeycloakServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * @param dist  the distribution zip
     * @param realm the realm file to import
     * @param work  where to unpack and keep logs (a build directory)
     */
    public static KeycloakServer start(Path dist, Path realm, Path work, int port, int managementPort)
            throws Exception {
        Path javaHome = javaHome()
                .orElseThrow(() -> new IllegalStateException(
                        "Keycloak needs a JDK 21 or newer and none was found: set -Dkeycloak.java.home or JAVA_HOME_21, or"
                                + " install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64)"));
        if (!Files.isRegularFile(dist)) {
            throw new IllegalStateException("Keycloak distribution missing: " + dist
                    + " (org.keycloak:keycloak-quarkus-dist:zip; Maven resolves it for this module)");
        }
        Path home = unpack(dist, work.resolve("keycloak"));
        Path data = home.resolve("data");
        deleteTree(data.resolve("h2")); // a fresh database: the realm is imported as it is in the repository
        Path imports = data.resolve("import");
        Files.createDirectories(imports);
        try (Stream<Path> old = Files.list(imports)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path log = work.resolve("keycloak.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                "bash",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--import-realm",
                "--health-enabled=true"));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        KeycloakServer server = new KeycloakServer(port, pb.start(), log);
        server.awaitRealm(Duration.ofMinutes(3));
        return server;
    }

    /** A JDK of version 21 or more: the property, JAVA_HOME_21, the running JVM, or one under /usr/lib/jvm. */
    public static Optional<Path> javaHome() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("keycloak.java.home"))
                .map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("JAVA_HOME_21")).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> all = Files.list(jvms)) {
                all.sorted(Comparator.reverseOrder()).forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(p -> Files.isExecutable(p.resolve("bin/java")) && major(p) >= 21)
                .findFirst();
    }

    private static int major(Path javaHome) {
        try {
            String release = Files.readString(javaHome.resolve("release"));
            String v = release.lines()
                    .filter(l -> l.startsWith("JAVA_VERSION="))
                    .findFirst()
                    .orElse("")
                    .replace("JAVA_VERSION=", "")
                    .replace("\"", "");
            return Integer.parseInt(v.split("[.]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static Path unpack(Path zip, Path into) throws IOException {
        Path done = into.resolve(".unpacked-" + zip.getFileName());
        if (Files.exists(done)) {
            return into.resolve(Files.readString(done).trim());
        }
        deleteTree(into);
        Files.createDirectories(into);
        String top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (top == null) {
                    top = e.getName().split("/")[0];
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path home = into.resolve(top);
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        Files.writeString(done, top);
        return home;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private void awaitRealm(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited: " + tail());
            }
            try {
                HttpResponse<Void> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500); // polling another process's start-up
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout + ": " + tail());
    }

    /** The realm's issuer, which the services are configured with ({@code SUPPORT_OIDC_URL}). */
    public String issuer() {
        return "http://localhost:" + port + "/realms/support";
    }

    /** An access token for a demo user (password grant on the public client {@code portal}). */
    public String password(String username, String password) throws Exception {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                "portal",
                "username",
                username,
                "password",
                password,
                "scope",
                "openid"));
    }

    /** A token of a confidential client's own service account. */
    public String clientCredentials(String clientId, String secret) throws Exception {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) throws Exception {
        return token(form, issuer());
    }

    private String token(Map<String, String> form, String realmUrl) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<InputStream> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        JsonNode json = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !json.hasNonNull("access_token")) {
            throw new IllegalStateException("Keycloak refused a token (" + r.statusCode() + "): " + json);
        }
        return json.get("access_token").asText();
    }

    /**
     * Lets a client of the realm send browsers back to one more address (a service started on a free port): the realm
     * file allows the stack's fixed ports only. Uses the admin API with the bootstrap administrator.
     */
    public void allowRedirect(String clientId, String uriPattern) throws Exception {
        String admin = token(
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"),
                "http://localhost:" + port + "/realms/master");
        String clients = "http://localhost:" + port + "/admin/realms/support/clients";
        HttpResponse<String> found = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                clients + "?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + admin)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode client = JSON.readTree(found.body()).path(0);
        if (found.statusCode() != 200 || client.isMissingNode()) {
            throw new IllegalStateException("no client " + clientId + " (" + found.statusCode() + "): " + found.body());
        }
        com.fasterxml.jackson.databind.node.ObjectNode changed =
                (com.fasterxml.jackson.databind.node.ObjectNode) client;
        changed.withArray("redirectUris").add(uriPattern);
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(clients + "/" + client.get("id").asText()))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(changed.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 204) {
            throw new IllegalStateException(
                    "Keycloak refused the client change (" + put.statusCode() + "): " + put.body());
        }
    }

    /**
     * Adds a user to the realm (password {@code support-demo}) with one realm role and, for a client account's people,
     * its {@code account_id}: a test of its own account, apart from the demo accounts other tests register.
     */
    public void addUser(String username, String role, String accountId) throws Exception {
        String admin = token(
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"),
                "http://localhost:" + port + "/realms/master");
        String realm = "http://localhost:" + port + "/admin/realms/support";
        com.fasterxml.jackson.databind.node.ObjectNode user = JSON.createObjectNode()
                .put("username", username)
                .put("enabled", true)
                .put("emailVerified", true)
                .put(
                        "firstName",
                        username.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                                + username.substring(1).replaceAll("[.].*", ""))
                .put("lastName", "Test")
                .put("email", username + "@test.example");
        if (accountId != null) {
            user.putObject("attributes").putArray("account_id").add(accountId);
        }
        user.putArray("credentials")
                .addObject()
                .put("type", "password")
                .put("value", "support-demo")
                .put("temporary", false);
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(realm + "/users"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(user.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    "Keycloak refused the user " + username + " (" + created.statusCode() + "): " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> found = HTTP.send(
                HttpRequest.newBuilder(URI.create(realm + "/roles/" + role))
                        .header("Authorization", "Bearer " + admin)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> mapped = HTTP.send(
                HttpRequest.newBuilder(URI.create(location + "/role-mappings/realm"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[" + found.body() + "]"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (found.statusCode() != 200 || mapped.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused the role " + role + " for " + username + " ("
                    + found.statusCode() + ", " + mapped.statusCode() + "): " + mapped.body());
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
