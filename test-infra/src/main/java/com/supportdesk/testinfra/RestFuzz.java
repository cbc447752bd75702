package com.supportdesk.testinfra;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Property-based fuzzing of a service's whole REST API, as the test of each service runs it: the operations come from
 * the service's own OpenAPI document ({@code /q/openapi}), and each gets generated requests (jqwik arbitraries, a fixed
 * seed so a run is reproducible: {@code -Dfuzz.seed=N}, {@code -Dfuzz.cases=N}): path parameters that are real ids or
 * anything at all, query parameters, headers ({@code Content-Type}, {@code Accept}, {@code If-Match},
 * {@code Idempotency-Key}), and bodies that are valid by the schema, valid but for one field, objects of the schema's
 * fields with values of any type, any JSON, no JSON, truncated JSON, JSON nested 3,000 deep, or 70 KiB of it.
 * <p>
 * The properties: no answer is a 5xx; every refusal is {@code application/problem+json} with its status and a title
 * (but a 414 or 431 that the HTTP codec sends before the application sees the request);
 * and a refused request changes nothing, as the service's witness (a snapshot of what its mutations would touch, e.g.
 * its event store or its tables) shows before and after each refused request that is not a GET.
 */
public final class RestFuzz {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    /** One operation of the OpenAPI document. */
    public record Operation(
            String method,
            String path,
            List<String> pathParams,
            List<String> queryParams,
            List<String> headerParams,
            JsonNode bodySchema) {
        public String name() {
            return method + " " + path;
        }
    }

    /** What a case found wrong. */
    public record Finding(String operation, String request, int status, String problem) {
        @Override
        public String toString() {
            return operation + " -> " + status + " " + problem + "\n      (" + request + ")";
        }
    }

    private final Map<String, List<String>> ids = new LinkedHashMap<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private Supplier<Object> witness = () -> "";
    private String token = TestTokens.allStaff();
    private JsonNode document;
    private final Map<Integer, Integer> answers = new LinkedHashMap<>();

    /** Real values for a path parameter (e.g. "id" -> an existing ticket's id): half of the cases use one. */
    public RestFuzz ids(String pathParam, String... values) {
        ids.put(pathParam, List.of(values));
        return this;
    }

    /** Operations left out ("GET /path"), e.g. an endless event stream; say why in the test. */
    public RestFuzz skip(String operation) {
        skipped.add(operation);
        return this;
    }

    /** A snapshot of the state mutations would change; compared before and after each refused mutation. */
    public RestFuzz witness(Supplier<Object> witness) {
        this.witness = witness;
        return this;
    }

    /** The token most cases carry (default: every vendor role, so authorisation lets the input through). */
    public RestFuzz token(String token) {
        this.token = token;
        return this;
    }

    /** The operations of the service's OpenAPI document (the service under test, on RestAssured's port). */
    public List<Operation> operations() {
        document = tree(given().auth().none().get("/q/openapi?format=json").asString());
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (String m : METHODS) {
                JsonNode op = p.getValue().get(m);
                if (op == null) {
                    continue;
                }
                List<String> path = new ArrayList<>();
                List<String> query = new ArrayList<>();
                List<String> header = new ArrayList<>();
                List<JsonNode> params = new ArrayList<>();
                p.getValue().path("parameters").forEach(params::add);
                op.path("parameters").forEach(params::add);
                for (JsonNode param : params) {
                    switch (param.path("in").asText()) {
                        case "path" -> path.add(param.path("name").asText());
                        case "query" -> query.add(param.path("name").asText());
                        case "header" -> header.add(param.path("name").asText());
                        default -> {}
                    }
                }
                JsonNode schema = op.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                Operation o = new Operation(
                        m.toUpperCase(),
                        p.getKey(),
                        path,
                        query,
                        header,
                        schema.isMissingNode() ? null : resolve(schema));
                if (!skipped.contains(o.name())) {
                    ops.add(o);
                }
            }
        }
        return ops;
    }

    /** Runs {@code cases} generated requests against every operation and returns what went wrong. */
    public List<Finding> run() {
        long seed = Long.getLong("fuzz.seed", 20261201L);
        int cases = Integer.getInteger("fuzz.cases", 25);
        List<Finding> findings = new ArrayList<>();
        List<Operation> ops = operations();
        if (ops.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document lists no operation");
        }
        JqwikSession.start();
        try {
            for (Operation op : ops) {
                Random random = new Random(seed ^ op.name().hashCode());
                for (int i = 0; i < cases; i++) {
                    findings.addAll(attempt(op, random, "seed " + seed + " case " + i));
                }
            }
        } finally {
            JqwikSession.finish();
        }
        System.out.printf(
                "RestFuzz: %d operations, %d requests (seed %d): %s%n",
                ops.size(), ops.size() * cases, seed, new java.util.TreeMap<>(answers));
        return findings;
    }

    private List<Finding> attempt(Operation op, Random random, String label) {
        String path = op.path();
        for (String p : op.pathParams()) {
            List<String> real = ids.getOrDefault(p, List.of());
            String value = !real.isEmpty() && random.nextBoolean()
                    ? real.get(random.nextInt(real.size()))
                    : sample(Values.pathValue(), random);
            path = path.replace(
                    "{" + p + "}",
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        RequestSpecification spec = given().urlEncodingEnabled(false);
        spec = random.nextInt(10) == 0
                ? spec.auth().oauth2(TestTokens.token("fuzz-customer", "acc-fuzz", "customer"))
                : spec.auth().oauth2(token);
        StringBuilder query = new StringBuilder();
        for (String q : op.queryParams()) {
            if (random.nextBoolean()) {
                query.append(query.length() == 0 ? "?" : "&")
                        .append(q)
                        .append('=')
                        .append(URLEncoder.encode(sample(Values.text(), random), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(4) == 0) {
            headers.put("If-Match", sample(Values.etag(), random));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Idempotency-Key", sample(Values.text(), random));
        }
        if (random.nextInt(8) == 0) {
            headers.put("Accept", sample(Values.mediaType(), random));
        }
        for (String h : op.headerParams()) {
            if (random.nextBoolean()) {
                headers.put(h, sample(Values.text(), random));
            }
        }
        headers.replaceAll((k, v) -> headerSafe(v));
        spec = spec.headers(headers);
        String description;
        if (!"GET".equals(op.method()) && !"DELETE".equals(op.method()) || random.nextInt(6) == 0) {
            Body body = body(op, random);
            spec = spec.contentType(random.nextInt(10) == 0 ? sample(Values.mediaType(), random) : "application/json")
                    .body(body.bytes());
            description = op.method() + " " + path + query + " " + headers + " body " + body.what() + ": "
                    + excerpt(new String(body.bytes(), StandardCharsets.UTF_8));
        } else {
            description = op.method() + " " + path + query + " " + headers;
        }
        boolean mutation = !"GET".equals(op.method());
        Object before = mutation ? witness.get() : null;
        Response r;
        try {
            r = spec.request(op.method(), path + query);
        } catch (Exception dropped) { // RestAssured rethrows the client's IOException unchecked
            // the server answered and hung up before the client had sent the whole body: what it said shows when
            // the same request comes without one (the HTTP codec's 414 or 431, or an early refusal)
            Response again;
            try {
                again = given().urlEncodingEnabled(false)
                        .auth()
                        .oauth2(token)
                        .headers(headers)
                        .request(op.method(), path + query);
            } catch (Exception droppedAgain) {
                // hung up on the request line or the headers alone: the HTTP codec's limits, before any of the
                // application's code saw the request; acceptable only if it changed nothing
                answers.merge(0, 1, Integer::sum);
                if (mutation && !Objects.equals(before, witness.get())) {
                    return List.of(new Finding(
                            op.name(),
                            label + ": " + excerpt(description),
                            0,
                            "the connection was dropped, yet the state changed (" + droppedAgain + ")"));
                }
                return List.of();
            }
            answers.merge(again.statusCode(), 1, Integer::sum);
            if (again.statusCode() >= 500) {
                return List.of(new Finding(
                        op.name(),
                        label + ": " + excerpt(description),
                        again.statusCode(),
                        "a 5xx after the connection was dropped while sending the body (" + dropped + ")"));
            }
            return List.of();
        }
        int status = r.statusCode();
        answers.merge(status, 1, Integer::sum);
        List<Finding> found = new ArrayList<>();
        String where =
                label + ": " + (description.length() > 300 ? description.substring(0, 300) + "..." : description);
        if (status >= 500) {
            found.add(new Finding(op.name(), where, status, "a 5xx: " + excerpt(r.asString())));
        }
        if ((status == 414 || status == 431) && r.asByteArray().length == 0) {
            // refused by the HTTP server's codec (request line over 4 KiB, headers over 20 KiB) before any of the
            // application's code can see the request, so no problem document can be written (quarkus#55082); it
            // changes nothing either
            return found;
        }
        if (status >= 400) {
            String type = r.contentType();
            if (type == null || !type.startsWith("application/problem+json")) {
                found.add(new Finding(
                        op.name(), where, status, "not a problem document: " + type + " " + excerpt(r.asString())));
            } else {
                JsonNode problem = treeOrNull(r.asString());
                if (problem == null
                        || problem.path("status").asInt() != status
                        || problem.path("title").asText("").isBlank()) {
                    found.add(new Finding(
                            op.name(),
                            where,
                            status,
                            "a problem without its status or title: " + excerpt(r.asString())));
                }
            }
            if (mutation && !Objects.equals(before, witness.get())) {
                found.add(new Finding(op.name(), where, status, "refused, yet the state changed"));
            }
        }
        return found;
    }

    private record Body(String what, byte[] bytes) {}

    private Body body(Operation op, Random random) {
        JsonNode schema = op.bodySchema();
        int kind = random.nextInt(schema == null ? 6 : 10);
        return switch (kind) {
            case 0 -> new Body("any JSON", json(sample(Values.json(), random)));
            case 1 -> new Body("not JSON", sample(Values.text(), random).getBytes(StandardCharsets.UTF_8));
            case 2 -> new Body("truncated JSON", "{\"a\": [1, {\"b\": ".getBytes(StandardCharsets.UTF_8));
            case 3 ->
                new Body(
                        "JSON nested 3000 deep",
                        ("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.UTF_8));
            case 4 -> new Body("70 KiB", json(Map.of("description", "x".repeat(70 * 1024))));
            case 5 -> new Body("empty", new byte[0]);
            case 6, 7 -> new Body("valid but one field", json(mutated(schema, random)));
            case 8 -> new Body("schema fields, any values", json(anyValues(schema, random)));
            default -> new Body("valid by the schema", json(valid(schema, random, 0)));
        };
    }

    /** A value the schema admits (the service may still refuse it by a rule the schema cannot say). */
    private Object valid(JsonNode schema, Random random, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).asText();
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                Map<String, Object> o = new LinkedHashMap<>();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(f -> {
                        if (random.nextInt(4) != 0) {
                            o.put(f.getKey(), valid(f.getValue(), random, depth + 1));
                        }
                    });
                }
                yield o;
            }
            case "array" -> {
                List<Object> a = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0 && depth < 4; i--) {
                    a.add(valid(schema.path("items"), random, depth + 1));
                }
                yield a;
            }
            case "integer", "number" -> random.nextInt(100);
            case "boolean" -> random.nextBoolean();
            default ->
                switch (schema.path("format").asText()) {
                    // far from any instant other tests use, so an accepted one disturbs nothing
                    case "date-time" ->
                        "209" + random.nextInt(10) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T0"
                                + random.nextInt(10) + ":00:00Z";
                    case "duration" -> "PT" + (1 + random.nextInt(48)) + "H";
                    default -> sample(Values.word(), random);
                };
        };
    }

    /** A valid object with one field changed to a value of another kind (or removed, or null). */
    private Object mutated(JsonNode schema, Random random) {
        Object v = valid(schema, random, 0);
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) m;
            List<String> keys = new ArrayList<>(o.keySet());
            String k = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(3)) {
                case 0 -> o.remove(k);
                case 1 -> o.put(k, null);
                default -> o.put(k, sample(Values.json(), random));
            }
            return o;
        }
        return sample(Values.json(), random);
    }

    private Object anyValues(JsonNode schema, Random random) {
        Map<String, Object> o = new LinkedHashMap<>();
        resolve(schema).path("properties").fieldNames().forEachRemaining(f -> {
            if (random.nextBoolean()) {
                o.put(f, sample(Values.json(), random));
            }
        });
        return o;
    }

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(schema.get("allOf").get(0));
        }
        return schema;
    }

    private static <T> T sample(Arbitrary<T> arbitrary, Random random) {
        return arbitrary.generator(1000, true).next(random).value();
    }

    /** Header values go on the wire as ISO-8859-1 without line breaks; the rest of the value is kept. */
    private static String headerSafe(String v) {
        StringBuilder b = new StringBuilder();
        for (char c : v.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.length() > 8000 ? b.substring(0, 8000) : b.toString();
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode treeOrNull(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }

    private static String excerpt(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    /** The arbitraries. */
    static final class Values {
        private static final List<String> TRICKY = List.of(
                "",
                " ",
                "null",
                "-1",
                "0",
                "1e309",
                "NaN",
                "99999999999999999999999",
                "../../etc/passwd",
                "%00",
                "' OR 1=1 --",
                "<script>alert(1)</script>",
                "\u0000",
                "😀",
                "SEV1",
                "L2",
                "FIXED",
                "2026-13-45T25:61:00Z",
                "P-1D",
                "PT-5H",
                "true",
                "[]",
                "{}",
                "\\u0000",
                "${jndi:ldap://x}",
                "a".repeat(300),
                "é".repeat(1000));

        private Values() {}

        static Arbitrary<String> text() {
            return Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                    net.jqwik.api.Tuple.of(
                            3,
                            Arbitraries.strings()
                                    .alpha()
                                    .numeric()
                                    .withChars("-_.:@/")
                                    .ofMaxLength(60)),
                    net.jqwik.api.Tuple.of(3, Arbitraries.of(TRICKY)),
                    net.jqwik.api.Tuple.of(
                            1, Arbitraries.strings().ascii().ofMinLength(2000).ofMaxLength(9000)));
        }

        static Arbitrary<String> pathValue() {
            return text().filter(s -> !s.isEmpty());
        }

        static Arbitrary<String> word() {
            return Arbitraries.oneOf(
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20), Arbitraries.of(TRICKY));
        }

        static Arbitrary<String> etag() {
            return Arbitraries.oneOf(
                    Arbitraries.of("\"1\"", "W/\"1\"", "*", "\"-1\"", "\"99999999999999999999\"", "\"abc\"", "1", ""),
                    text());
        }

        static Arbitrary<String> mediaType() {
            return Arbitraries.of(
                    "text/plain",
                    "application/xml",
                    "application/json; charset=latin1",
                    "*/*",
                    "garbage",
                    "application/json;;");
        }

        static Arbitrary<Object> json() {
            return Arbitraries.recursive(
                    Values::scalar,
                    inner -> Arbitraries.oneOf(
                            inner.list().ofMaxSize(4).map(l -> (Object) l),
                            Arbitraries.maps(word(), inner).ofMaxSize(4).map(m -> (Object) m)),
                    0,
                    3);
        }

        static Arbitrary<Object> scalar() {
            return Arbitraries.oneOf(
                    Arbitraries.just(null),
                    Arbitraries.of(true, false),
                    Arbitraries.longs().map(l -> (Object) l),
                    Arbitraries.doubles().map(d -> (Object) d),
                    Arbitraries.bigIntegers()
                            .between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                            .map(b -> (Object) b),
                    text().map(s -> (Object) s));
        }
    }
}
