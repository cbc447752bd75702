package com.supportdesk.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A small trace collector for the local stack and the system tests: it receives spans over OTLP/HTTP
 * ({@code POST /v1/traces}, protobuf, as the services' OpenTelemetry exporter sends them), keeps the newest
 * {@value #DEFAULT_CAPACITY} in memory, and answers:
 * <ul>
 *   <li>{@code GET /api/traces?ticket=ID}: the traces that touch a ticket (a span names it as its Kafka key, its
 *       CloudEvents subject, or {@code support.ticket_id}/{@code support.subject_id}), as JSON;
 *   <li>{@code GET /api/traces/{traceId}}: every span of one trace, oldest first, as JSON;
 *   <li>{@code GET /api/traces/{traceId}/tree}: the same as an indented tree in plain text (what {@code stack trace}
 *       prints).
 * </ul>
 * It stands in for no product: any OTLP backend (an OpenTelemetry Collector, Jaeger, Tempo) takes the same exports.
 * This one exists because none of them is installable here, and a test needs to read what the services sent.
 */
public final class TraceCollector implements AutoCloseable {
    static final int DEFAULT_CAPACITY = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TICKET_ATTRIBUTES = List.of(
            "support.ticket_id", "support.subject_id", "cloudevents.event_subject", "messaging.kafka.message.key");

    /** One span as received. Times are epoch nanoseconds; ids lower-case hex; parent empty for a root. */
    public record Span(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String service,
            String kind,
            long startNanos,
            long endNanos,
            String status,
            Map<String, String> attributes) {
        public String attribute(String key) {
            return attributes.get(key);
        }

        public double durationMs() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private final HttpServer server;
    private final int capacity;
    private final ArrayDeque<Span> spans = new ArrayDeque<>();

    private TraceCollector(HttpServer server, int capacity) {
        this.server = server;
        this.capacity = capacity;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    public static TraceCollector start(int port) throws IOException {
        return start(port, DEFAULT_CAPACITY);
    }

    public static TraceCollector start(int port, int capacity) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        TraceCollector collector = new TraceCollector(server, capacity);
        server.createContext("/v1/traces", collector::receive);
        server.createContext("/api/traces", collector::query);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "trace-collector");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return collector;
    }

    /** The base URL the services' exporter is pointed at. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every span kept, in the order received. */
    public synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace, oldest first. */
    public synchronized List<Span> trace(String traceId) {
        return spans.stream()
                .filter(s -> s.traceId().equals(traceId))
                .sorted(Comparator.comparingLong(Span::startNanos))
                .toList();
    }

    /** The ids of the traces a ticket's spans are in, in the order their first span was received. */
    public synchronized Set<String> tracesOf(String ticketId) {
        Set<String> ids = new LinkedHashSet<>();
        for (Span s : spans) {
            for (String key : TICKET_ATTRIBUTES) {
                if (ticketId.equals(s.attribute(key))) {
                    ids.add(s.traceId());
                    break;
                }
            }
        }
        return ids;
    }

    /** A trace as an indented tree: offset from the trace's start, service, span name, kind, duration. */
    public String tree(String traceId) {
        List<Span> all = trace(traceId);
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
        long start = all.get(0).startNanos();
        StringBuilder out = new StringBuilder("trace " + traceId + "\n");
        for (Span root : roots) {
            print(out, root, children, start, 0);
        }
        return out.toString();
    }

    private static void print(StringBuilder out, Span s, Map<String, List<Span>> children, long start, int depth) {
        out.append(String.format(
                "%10.1f ms  %s%-22s %s (%s, %.1f ms%s)%n",
                (s.startNanos() - start) / 1e6,
                "  ".repeat(depth),
                s.service(),
                s.name(),
                s.kind().toLowerCase(),
                s.durationMs(),
                s.status().equals("ERROR") ? ", failed" : ""));
        for (Span c : children.getOrDefault(s.spanId(), List.of())) {
            print(out, c, children, start, depth + 1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-protobuf")) {
                byte[] body = "OTLP/HTTP protobuf only (Content-Type: application/x-protobuf)"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(415, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            InputStream in = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            add(request);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private void add(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        List<Span> received = new ArrayList<>();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = "unknown";
            for (KeyValue kv : rs.getResource().getAttributesList()) {
                if (kv.getKey().equals("service.name")) {
                    service = text(kv.getValue());
                }
            }
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    Map<String, String> attributes = new TreeMap<>();
                    s.getAttributesList().forEach(kv -> attributes.put(kv.getKey(), text(kv.getValue())));
                    received.add(new Span(
                            hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getName(),
                            service,
                            s.getKind().name().replace("SPAN_KIND_", ""),
                            s.getStartTimeUnixNano(),
                            s.getEndTimeUnixNano(),
                            s.getStatus().getCode().name().replace("STATUS_CODE_", ""),
                            attributes));
                }
            }
        }
        synchronized (this) {
            for (Span s : received) {
                if (spans.size() >= capacity) {
                    spans.removeFirst();
                }
                spans.addLast(s);
            }
        }
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> String.valueOf(v.getBoolValue());
            case INT_VALUE -> String.valueOf(v.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(v.getDoubleValue());
            default -> v.toString().strip();
        };
    }

    private void query(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String rest = path.length() > "/api/traces".length() ? path.substring("/api/traces/".length()) : "";
            Object answer;
            String contentType = "application/json";
            if (rest.isEmpty()) {
                String ticket = parameter(exchange.getRequestURI().getRawQuery(), "ticket");
                if (ticket == null) {
                    send(exchange, 400, "text/plain", "name a ticket: /api/traces?ticket=ID");
                    return;
                }
                List<Map<String, Object>> traces = new ArrayList<>();
                for (String id : tracesOf(ticket)) {
                    List<Span> t = trace(id);
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("traceId", id);
                    summary.put("spans", t.size());
                    summary.put(
                            "services", t.stream().map(Span::service).distinct().toList());
                    summary.put("root", t.isEmpty() ? null : t.get(0).name());
                    traces.add(summary);
                }
                answer = traces;
            } else if (rest.endsWith("/tree")) {
                answer = tree(rest.substring(0, rest.length() - "/tree".length()));
                contentType = "text/plain";
            } else {
                answer = Map.of("traceId", rest, "spans", trace(rest));
            }
            send(
                    exchange,
                    200,
                    contentType,
                    answer instanceof String s
                            ? s
                            : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        }
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code TraceCollector [port]}: runs until killed (the stack's {@code --observability}, port 4318). */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4318;
        TraceCollector collector = start(port);
        System.out.println("Trace collector listening on " + collector.url() + " (OTLP/HTTP: /v1/traces)");
        Thread.currentThread().join();
    }
}
