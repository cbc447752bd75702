package com.supportdesk.system;

import com.supportdesk.testinfra.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A packaged service running as its own operating-system process, which a test can kill like a crash would. */
final class ServiceProcess {
    private final Path app;
    private final int port;
    private static final String WEBHOOK_SECRET_KEYS = "system-test:" + randomKey();
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ServiceProcess(Path app, int port, Map<String, String> env, Path log) {
        this.app = app;
        this.port = port;
        this.env = env;
        this.log = log;
    }

    int port() {
        return port;
    }

    /** Where the service's console output goes. */
    Path log() {
        return log;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    void start() throws IOException {
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " is missing: the reactor builds the services before this module");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Ddisable-axoniq-console-message=true",
                "-Dquarkus.http.port=" + port));
        if (!env.containsKey("SUPPORT_OIDC_URL")) {
            // no Keycloak in this test: the service trusts the test-infra tokens instead
            TestTokens.oidcConfig().forEach((k, v) -> command.add("-D" + k + "=" + v));
            // a public key verifies bearer tokens only: reporting-service's dashboard login (hybrid) needs Keycloak
            command.add("-Dquarkus.oidc.application-type=service");
        }
        if (!env.containsKey("SUPPORT_NOTIFICATION_WEBHOOK_SECRET_KEYS")) {
            // notification-service seals webhook secrets with it; one key per test run, the same across restarts
            command.add("-Dsupport.notification.webhook.secret-keys=" + WEBHOOK_SECRET_KEYS);
        }
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
    }

    /** Waits until the service reports ready, failing with its log's tail if it does not within the timeout. */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited: " + tail());
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200); // polling another process for readiness
        }
        throw new IllegalStateException("not ready within " + timeout + ": " + tail());
    }

    /** SIGKILL: no shutdown hook, no graceful close, like a machine losing power. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGSTOP: the process freezes as in a long GC pause or a suspended VM; {@link #resume} thaws it. */
    void pause() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT. */
    void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " failed");
        }
    }

    /** Asks the process to stop without waiting for it (several can then stop at once). */
    void terminate() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /**
     * Stops them all at once: each is sent SIGTERM first, then each awaited (a service takes seconds to leave its
     * consumer groups and close; one after the other, ten of them took 70 s).
     */
    static void stopAll(Iterable<ServiceProcess> processes) throws InterruptedException {
        for (ServiceProcess p : processes) {
            if (p != null) {
                p.terminate();
            }
        }
        for (ServiceProcess p : processes) {
            if (p != null) {
                p.stop();
            }
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
