package com.supportdesk.testinfra;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who may call what, as one table per service that is both the test and the documentation: each row is a request,
 * each column a kind of caller (a customer, designated contact or partner of the account concerned or of another one,
 * each vendor role, the platform's service identity, nobody), each cell the answer expected. {@link #verify} sends
 * every cell and lists every disagreement; {@link #render} writes the same table into docs/api.md (between markers;
 * {@code -Dmatrix.write=true} rewrites it, otherwise a stale page fails the test).
 * <p>
 * A cell is {@code ok} (authorised: any answer but 401, 403 and 404, and never a 5xx; a 409 for a ticket already
 * closed is still authorised), or the exact status of a refusal: {@code 401}, {@code 403}, {@code 404}.
 */
public final class AuthorizationMatrix {

    /** The callers, in column order. "own" = of the account the request concerns; "other" = of another account. */
    public enum Who {
        CUSTOMER_OWN("customer (own)"),
        CUSTOMER_OTHER("customer (other)"),
        CDSC_OWN("cdsc (own)"),
        CDSC_OTHER("cdsc (other)"),
        PARTNER_OWN("partner (entitled)"),
        PARTNER_OTHER("partner (not entitled)"),
        AGENT("agent"),
        ENGINEER("engineer"),
        SAM("sam"),
        OPS("ops"),
        ADMIN("admin"),
        SERVICE("service"),
        NOBODY("no token");

        final String title;

        Who(String title) {
            this.title = title;
        }
    }

    /** One request and the answer expected for each caller. */
    public record Row(String method, String path, Supplier<Object> body, List<String> expected, String note) {}

    /** A body sent as {@code contentType} (a row's body is JSON otherwise). */
    public record Typed(String contentType, String text) {}

    private final String service;
    private final Map<Who, String> tokens = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param own   the account the requests concern
     * @param other another account
     */
    public AuthorizationMatrix(String service, String own, String other) {
        this.service = service;
        tokens.put(Who.CUSTOMER_OWN, TestTokens.token("matrix-customer-" + own, own, "customer"));
        tokens.put(Who.CUSTOMER_OTHER, TestTokens.token("matrix-customer-" + other, other, "customer"));
        tokens.put(Who.CDSC_OWN, TestTokens.token("matrix-cdsc-" + own, own, "cdsc"));
        tokens.put(Who.CDSC_OTHER, TestTokens.token("matrix-cdsc-" + other, other, "cdsc"));
        tokens.put(Who.PARTNER_OWN, TestTokens.partner("matrix-partner-" + own, List.of(own)));
        tokens.put(Who.PARTNER_OTHER, TestTokens.partner("matrix-partner-" + other, List.of(other)));
        tokens.put(Who.AGENT, TestTokens.staff("matrix-agent", "agent"));
        tokens.put(Who.ENGINEER, TestTokens.staff("matrix-engineer", "engineer"));
        tokens.put(Who.SAM, TestTokens.staff("matrix-sam", "sam"));
        tokens.put(Who.OPS, TestTokens.staff("matrix-ops", "ops"));
        tokens.put(Who.ADMIN, TestTokens.staff("matrix-admin", "admin"));
        tokens.put(Who.SERVICE, TestTokens.staff("matrix-service", "service"));
    }

    /**
     * A row: {@code request} is "METHOD /path" as documented; {@code expected} the 13 cells in column order,
     * separated by spaces; {@code body} makes a valid body for each call (or null for none).
     */
    public AuthorizationMatrix row(String request, Supplier<Object> body, String expected) {
        return row(request, body, expected, "");
    }

    public AuthorizationMatrix row(String request, Supplier<Object> body, String expected, String note) {
        String[] parts = request.split(" ", 2);
        List<String> cells = Arrays.asList(expected.trim().split("\\s+"));
        if (cells.size() != Who.values().length) {
            throw new IllegalArgumentException(request + ": " + cells.size() + " cells, want " + Who.values().length);
        }
        rows.add(new Row(parts[0], parts[1], body, cells, note));
        return this;
    }

    /**
     * Sends every cell and returns every disagreement, as "METHOD path, caller: expected X, got Y". {@code paths}
     * fills the path's {name} placeholders: a String, or a {@code Supplier} asked again for each cell (a fresh
     * resource when an authorised call would use it up, like a DELETE). A row is sent in column order, so a change
     * by an authorised caller is seen by the next ones.
     */
    public List<String> verify(Map<String, ?> paths) {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            for (Who who : Who.values()) {
                String path = fill(row.path(), paths);
                String want = row.expected().get(who.ordinal());
                int got;
                String contentType;
                String body;
                if (row.note().startsWith("stream")) {
                    // a server-sent event stream: the status and the type of the answer, then hang up
                    Answer a = headersOnly(path, who == Who.NOBODY ? null : tokens.get(who));
                    got = a.status();
                    contentType = a.contentType();
                    body = "";
                } else {
                    RequestSpecification spec = given();
                    spec = who == Who.NOBODY ? spec.auth().none() : spec.auth().oauth2(tokens.get(who));
                    Object b = row.body() == null ? null : row.body().get();
                    if (b instanceof Typed typed) {
                        spec = spec.contentType(typed.contentType()).body(typed.text());
                    } else if (b != null) {
                        spec = spec.contentType("application/json").body(b);
                    }
                    Response r = spec.request(row.method(), path);
                    got = r.statusCode();
                    contentType = r.contentType();
                    body = r.asString().replaceAll("\\s+", " ");
                }
                boolean fine = want.equals("ok")
                        ? got != 401 && got != 403 && got != 404 && got < 500
                        : Integer.toString(got).equals(want);
                if (fine
                        && got >= 400
                        && (contentType == null || !contentType.startsWith("application/problem+json"))) {
                    fine = false;
                }
                if (!fine) {
                    wrong.add(row.method() + " " + row.path() + ", " + who.title + ": expected " + want + ", got " + got
                            + " " + body.substring(0, Math.min(160, body.length())));
                }
            }
        }
        return wrong;
    }

    private static String fill(String path, Map<String, ?> paths) {
        for (var p : paths.entrySet()) {
            String key = "{" + p.getKey() + "}";
            if (path.contains(key)) {
                Object v = p.getValue() instanceof Supplier<?> s ? s.get() : p.getValue();
                path = path.replace(key, String.valueOf(v));
            }
        }
        return path;
    }

    private record Answer(int status, String contentType) {}

    private static Answer headersOnly(String path, String token) {
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path))
                    .header("Accept", "text/event-stream")
                    .timeout(java.time.Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            java.net.http.HttpResponse<java.io.InputStream> r =
                    client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return new Answer(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tokens that must be refused everywhere: expired, not yet valid, from another issuer, for another audience,
     * without an expiry, unsigned ({@code alg: none}), signed by a key the realm does not have, not a JWT at all.
     * Each carries every vendor role, so a refusal can only be the token's fault.
     */
    public static Map<String, String> badTokens() {
        String[] all = {"agent", "engineer", "sam", "ops", "admin", "service", "customer"};
        long now = java.time.Instant.now().getEpochSecond();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", TestTokens.expired("mallory", null, all));
        bad.put(
                "not yet valid",
                TestTokens.altered(
                        "mallory", null, Map.of("nbf", now + 3600, "iat", now + 3600, "exp", now + 7200), all));
        bad.put(
                "another issuer",
                TestTokens.altered("mallory", null, Map.of("iss", "https://evil.example/realms/support"), all));
        bad.put("another audience", TestTokens.altered("mallory", null, Map.of("aud", List.of("another-api")), all));
        bad.put("no expiry", TestTokens.altered("mallory", null, java.util.Collections.singletonMap("exp", null), all));
        bad.put("alg none", TestTokens.unsigned("mallory", null, all));
        bad.put("another realm's key", TestTokens.forged("mallory", null, all));
        bad.put("not a JWT", "not-a-jwt");
        return bad;
    }

    /** Sends each of {@link #badTokens()} to {@code method path} and returns those not answered 401 problem+json. */
    public static List<String> refusesBadTokens(String method, String path) {
        List<String> wrong = new ArrayList<>();
        badTokens().forEach((what, token) -> {
            Response r = given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{}")
                    .request(method, path);
            if (r.statusCode() != 401
                    || !r.contentType().startsWith("application/problem+json")
                    || r.header("WWW-Authenticate") == null) {
                wrong.add(method + " " + path + " with a token " + what + ": " + r.statusCode());
            }
        });
        return wrong;
    }

    /** Every row's path with every bad token ({@link #refusesBadTokens}). */
    public List<String> verifyBadTokens(Map<String, ?> paths) {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            wrong.addAll(refusesBadTokens(row.method(), fill(row.path(), paths)));
        }
        return wrong;
    }

    /** The table as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| ").append(service).append(" |");
        for (Who w : Who.values()) {
            md.append(' ').append(w.title).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(Who.values().length)).append('\n');
        for (Row row : rows) {
            md.append("| `").append(row.method()).append(' ').append(row.path()).append('`');
            if (!row.note().isEmpty()) {
                md.append(" (").append(row.note()).append(')');
            }
            md.append(" |");
            for (String cell : row.expected()) {
                md.append(' ').append(cell.equals("ok") ? "✓" : cell).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Puts the table into {@code docs/api.md} between {@code <!-- matrix:SERVICE -->} and
     * {@code <!-- /matrix:SERVICE -->} with {@code -Dmatrix.write=true}; otherwise returns null when the page holds
     * this very table, or what is wrong.
     */
    public String render(Path apiMd) {
        String start = "<!-- matrix:" + service + " -->\n";
        String end = "<!-- /matrix:" + service + " -->";
        try {
            String page = Files.readString(apiMd, StandardCharsets.UTF_8);
            int a = page.indexOf(start);
            int b = page.indexOf(end);
            if (a < 0 || b < a) {
                return apiMd + " has no markers " + start.trim() + " ... " + end;
            }
            String now = page.substring(a + start.length(), b);
            String wanted = markdown();
            if (now.equals(wanted)) {
                return null;
            }
            if (Boolean.getBoolean("matrix.write")) {
                Files.writeString(
                        apiMd,
                        page.substring(0, a + start.length()) + wanted + page.substring(b),
                        StandardCharsets.UTF_8);
                return null;
            }
            return apiMd + " does not show this table; run the test with -Dmatrix.write=true";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
