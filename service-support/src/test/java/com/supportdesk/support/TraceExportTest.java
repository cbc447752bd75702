package com.supportdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans' way out, over real HTTP to a receiver on loopback: Zipkin's JSON v2 by default, OTLP/HTTP when asked.
 * (That a Zipkin server takes them is the system test's: EndToEndSystemTest reads the traces back from Zipkin.)
 */
class TraceExportTest {
    private record Request(String path, String contentType, byte[] body) {}

    /** The body as sent, unzipped when the sender compressed it (Zipkin's sender gzips by default). */
    private static byte[] body(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        java.io.InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new java.util.zip.GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    private final List<Request> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void listen() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Request(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body(exchange)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    /** One consumer span of "ticket-service" about ticket-7, exported through {@code kind}'s exporter. */
    private void exportOneSpan(TraceExport.Kind kind, String endpoint) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(io.opentelemetry.api.common.Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "ticket-service"))))
                .addSpanProcessor(SimpleSpanProcessor.create(TraceExport.exporter(kind, endpoint)))
                .build();
        Span span = provider.get("test")
                .spanBuilder("process ticket-events")
                .setSpanKind(SpanKind.CONSUMER)
                .startSpan();
        Tracing.aboutTicket(span, "ticket-7");
        span.end();
        provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    @Test
    void byDefaultASpanGoesToZipkinAsJsonV2WithItsServiceKindAndTicket() throws Exception {
        exportOneSpan(TraceExport.kind("zipkin"), base() + "/api/v2/spans");

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v2/spans");
            assertThat(r.contentType()).startsWith("application/json");
            JsonNode spans = new ObjectMapper().readTree(r.body());
            assertThat(spans).hasSize(1);
            JsonNode s = spans.get(0);
            assertThat(s.path("name").asText()).isEqualTo("process ticket-events");
            assertThat(s.path("kind").asText()).isEqualTo("CONSUMER");
            assertThat(s.path("localEndpoint").path("serviceName").asText()).isEqualTo("ticket-service");
            assertThat(s.path("tags").path(Tracing.TICKET_ID).asText()).isEqualTo("ticket-7");
            assertThat(s.path("traceId").asText()).hasSize(32);
        });
    }

    @Test
    void withOtlpTheSameSpanGoesToAnOtlpBackendAsProtobuf() {
        exportOneSpan(TraceExport.kind("OTLP"), base() + "/v1/traces");

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/traces");
            assertThat(r.contentType()).isEqualTo("application/x-protobuf");
            String bytes = new String(r.body(), StandardCharsets.ISO_8859_1);
            assertThat(bytes)
                    .contains("process ticket-events")
                    .contains("ticket-service")
                    .contains("ticket-7");
        });
    }

    @Test
    void anUnknownExporterOrAMalformedAddressIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TraceExport.kind("jaeger"))
                .hasMessageContaining("support.tracing.exporter")
                .hasMessageContaining("jaeger");
        assertThatThrownBy(() -> TraceExport.exporter(TraceExport.Kind.ZIPKIN, "http://bad host/api/v2/spans"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
