package com.supportdesk.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A real SMTP server as its own process: GreenMail standalone (from Maven Central; the jar's path comes in the system
 * property {@code greenmail.jar}), accepting mail for any address, with its REST API to read the mailboxes. One per
 * test JVM, started on first use, stopped when the JVM ends.
 */
public final class SmtpServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SmtpServer shared;

    private final int smtpPort;
    private final int apiPort;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    /** A message as the server stored it. */
    public record Mail(String messageId, String subject, String mime) {
        /** A header's value (first occurrence, unfolded), or null. */
        public String header(String name) {
            String head = mime.split("\r?\n\r?\n", 2)[0].replaceAll("\r?\n[ \t]+", " ");
            for (String line : head.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** The text, decoded (quoted-printable or base64, UTF-8), of a single-part message or its first text part. */
        public String text() {
            String[] parts = mime.split("\r?\n\r?\n", 2);
            String head = parts[0];
            String body = parts.length > 1 ? parts[1] : "";
            String type = String.valueOf(header("Content-Type")).toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/")) {
                int b = type.indexOf("boundary=");
                String boundary = header("Content-Type")
                        .substring(b + 9)
                        .replace("\"", "")
                        .split(";")[0]
                        .trim();
                for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
                    String p = part.replaceFirst("^\r?\n", "");
                    if (p.toLowerCase(Locale.ROOT).contains("content-type: text/plain")) {
                        return new Mail(messageId, subject, p).text();
                    }
                }
                return body;
            }
            String encoding =
                    String.valueOf(headerIn(head, "Content-Transfer-Encoding")).toLowerCase(Locale.ROOT);
            if (encoding.contains("base64")) {
                return new String(Base64.getMimeDecoder().decode(body.trim()), StandardCharsets.UTF_8);
            }
            if (encoding.contains("quoted-printable")) {
                return quotedPrintable(body);
            }
            return body;
        }

        private static String headerIn(String head, String name) {
            return new Mail(null, null, head + "\r\n\r\n").header(name);
        }

        private static String quotedPrintable(String s) {
            String joined = s.replaceAll("=\r?\n", "");
            var out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length() && isHex(joined.charAt(i + 1)) && isHex(joined.charAt(i + 2))) {
                    out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static boolean isHex(char c) {
            return Character.digit(c, 16) >= 0;
        }
    }

    private SmtpServer() {
        this.smtpPort = freePort();
        this.apiPort = freePort();
        try {
            this.log = Files.createTempFile("greenmail", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized SmtpServer shared() {
        if (shared == null) {
            SmtpServer server = new SmtpServer();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            shared = server;
        }
        return shared;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int apiPort() {
        return apiPort;
    }

    /** Starts the process (again, after {@link #stop()}) on the same ports and waits until it is ready. */
    public synchronized void start() {
        String jar = System.getProperty("greenmail.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("GreenMail standalone jar not found (system property greenmail.jar = " + jar
                    + "); the parent pom sets it, and test-infra's pom makes Maven download it");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            process = new ProcessBuilder(
                            java,
                            // GreenMail keeps every mail and mailbox in memory: room for tens of thousands (a
                            // queue of 250,000 routine mails sends that many before its test ends, and 128 MB ran
                            // out at 24,000 once, failing every test after it)
                            "-Xmx512m",
                            "-Dgreenmail.smtp.hostname=127.0.0.1",
                            "-Dgreenmail.smtp.port=" + smtpPort,
                            "-Dgreenmail.auth.disabled",
                            "-Dgreenmail.api.hostname=127.0.0.1",
                            "-Dgreenmail.api.port=" + apiPort,
                            "-jar",
                            jar)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start GreenMail", e);
        }
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("GreenMail exited; see " + log);
            }
            try {
                if (get("/api/service/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            pause();
        }
        throw new IllegalStateException("GreenMail not ready within 60 s; see " + log);
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** The messages in {@code address}'s inbox, oldest first (none when nothing was ever sent there). */
    public List<Mail> inbox(String address) {
        try {
            HttpResponse<String> r =
                    get("/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX");
            if (r.statusCode() == 404 || r.statusCode() == 400) {
                return List.of();
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GreenMail answered " + r.statusCode() + ": " + r.body());
            }
            List<Mail> mails = new ArrayList<>();
            for (JsonNode m : JSON.readTree(r.body())) {
                mails.add(new Mail(text(m, "Message-ID"), text(m, "subject"), text(m, "mimeMessage")));
            }
            return mails;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The e-mail to {@code address} titled {@code subject}, once it arrived (failing after {@code timeout}), whatever
     * arrived before it: notification-service sends an escalation before routine notices still waiting (by design),
     * so it may overtake a receipt.
     */
    public Mail awaitMail(String address, String subject, java.time.Duration timeout) {
        return org.awaitility.Awaitility.await()
                .atMost(timeout)
                .until(
                        () -> inbox(address).stream()
                                .filter(m -> subject.equals(m.subject()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .get();
    }

    /** Deletes every stored message. */
    public void purge() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(api("/api/mail/purge"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("purge: " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(api(path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + apiPort + path);
    }

    private static void pause() {
        try {
            Thread.sleep(100); // polling a starting process, not timing a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
