package com.supportdesk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ticket's traces as a Zipkin server has them, read through its query API ({@code /api/v2/traces},
 * {@code /api/v2/trace/{id}}), the same the Zipkin UI reads: what {@code stack trace TICKET_ID} prints and what the
 * system test asserts. The services tag every span that handles a ticket with {@code ticketId}.
 */
public final class ZipkinTraces {
    /** The tag naming the ticket a span handled (the services' {@code Tracing.TICKET_ID}). */
    public static final String TICKET_TAG = "ticketId";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOOKBACK = Duration.ofDays(7);

    /**
     * One span as Zipkin keeps it: ids lower-case hex, parent empty for a root, times in epoch microseconds. Zipkin
     * keeps span and service names in lower case ({@code post /api/tickets}); kind is {@code INTERNAL} when Zipkin has
     * none.
     */
    public record Span(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String service,
            String kind,
            long startMicros,
            long durationMicros,
            Map<String, String> tags) {
        public String attribute(String key) {
            return tags.get(key);
        }

        public double durationMs() {
            return durationMicros / 1e3;
        }

        /** Failed: the exporter tags a span whose status is an error with {@code error}. */
        public boolean failed() {
            return tags.containsKey("error") || "ERROR".equals(tags.get("otel.status_code"));
        }
    }

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code base}: the server's address, e.g. {@code http://localhost:9411}. */
    public ZipkinTraces(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The ids of the traces with a span tagged with the ticket (the last 7 days), oldest first. */
    public Set<String> tracesOf(String ticketId) throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        String query = "annotationQuery="
                + URLEncoder.encode(TICKET_TAG + "=" + ticketId, StandardCharsets.UTF_8)
                + "&endTs=" + now + "&lookback=" + LOOKBACK.toMillis() + "&limit=1000";
        JsonNode traces = get("/api/v2/traces?" + query);
        Map<Long, List<String>> byStart = new TreeMap<>();
        for (JsonNode trace : traces) {
            List<Span> spans = spans(trace);
            if (!spans.isEmpty()) {
                byStart.computeIfAbsent(spans.get(0).startMicros(), k -> new ArrayList<>())
                        .add(spans.get(0).traceId());
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        byStart.values().forEach(ids::addAll);
        return ids;
    }

    /** Every span of one trace, oldest first; empty if Zipkin has none of it. */
    public List<Span> trace(String traceId) throws IOException, InterruptedException {
        JsonNode trace = get("/api/v2/trace/" + URLEncoder.encode(traceId, StandardCharsets.UTF_8));
        return trace == null ? List.of() : spans(trace);
    }

    /** Where the Zipkin UI shows a trace. */
    public String uiUrl(String traceId) {
        return base + "/zipkin/traces/" + traceId;
    }

    /** Where the Zipkin UI lists every trace of a ticket (its tag query, filled in: one "Run query" away). */
    public String uiSearchUrl(String ticketId) {
        return base + "/zipkin/?annotationQuery="
                + URLEncoder.encode(TICKET_TAG + "=" + ticketId, StandardCharsets.UTF_8) + "&lookback=7d&limit=100";
    }

    /**
     * A trace as an indented tree: offset from the trace's start, service, span name (with the event type a
     * record's handling had), kind, duration.
     */
    public static String tree(List<Span> all) {
        if (all.isEmpty()) {
            return "";
        }
        Map<String, List<Span>> children = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(s -> ids.add(s.spanId()));
        List<Span> roots = new ArrayList<>();
        for (Span s : all) {
            if (s.parentSpanId().isEmpty() || !ids.contains(s.parentSpanId())) {
                roots.add(s);
            } else {
                children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>())
                        .add(s);
            }
        }
        long start = all.get(0).startMicros();
        StringBuilder out = new StringBuilder("trace " + all.get(0).traceId() + "\n");
        for (Span root : roots) {
            print(out, root, children, start, 0);
        }
        return out.toString();
    }

    private static void print(StringBuilder out, Span s, Map<String, List<Span>> children, long start, int depth) {
        out.append(String.format(
                "%10.1f ms  %s%-22s %s%s (%s, %.1f ms%s)%n",
                (s.startMicros() - start) / 1e3,
                "  ".repeat(depth),
                s.service(),
                s.name(),
                s.attribute("cloudevents.event_type") == null ? "" : " " + s.attribute("cloudevents.event_type"),
                s.kind().toLowerCase(java.util.Locale.ROOT),
                s.durationMs(),
                s.failed() ? ", failed" : ""));
        for (Span c : children.getOrDefault(s.spanId(), List.of())) {
            print(out, c, children, start, depth + 1);
        }
    }

    private static List<Span> spans(JsonNode trace) {
        List<Span> spans = new ArrayList<>();
        for (JsonNode s : trace) {
            Map<String, String> tags = new TreeMap<>();
            s.path("tags")
                    .fields()
                    .forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            spans.add(new Span(
                    s.path("traceId").asText(),
                    s.path("id").asText(),
                    s.path("parentId").asText(""),
                    s.path("name").asText(""),
                    s.path("localEndpoint").path("serviceName").asText("unknown"),
                    s.path("kind").asText("INTERNAL"),
                    s.path("timestamp").asLong(),
                    s.path("duration").asLong(),
                    tags));
        }
        spans.sort(Comparator.comparingLong(Span::startMicros));
        return spans;
    }

    /** The answer as JSON; null for 404 (no such trace). */
    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IOException("Zipkin answered " + r.statusCode() + " to " + pathAndQuery + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * {@code ZipkinTraces BASE_URL TICKET_ID}: prints each trace of the ticket as a tree and the address of the trace
     * in the Zipkin UI ({@code stack trace}). Exit status 1 when the server cannot be asked.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ZipkinTraces ZIPKIN_URL TICKET_ID");
            System.exit(2);
        }
        ZipkinTraces zipkin = new ZipkinTraces(args[0]);
        Set<String> ids;
        try {
            ids = zipkin.tracesOf(args[1]);
        } catch (IOException e) {
            System.err.println("Zipkin at " + args[0] + " cannot be asked: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (ids.isEmpty()) {
            System.out.println("no trace names ticket " + args[1] + " (yet: spans are exported within seconds)");
            return;
        }
        for (String id : ids) {
            System.out.print(tree(zipkin.trace(id)));
            System.out.println("  in the Zipkin UI: " + zipkin.uiUrl(id));
            System.out.println();
        }
        System.out.println("every trace of the ticket in the Zipkin UI: " + zipkin.uiSearchUrl(args[1]));
    }
}
