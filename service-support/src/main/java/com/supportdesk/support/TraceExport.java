package com.supportdesk.support;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Where a service's spans go when tracing is on ({@code quarkus.otel.sdk.disabled=false}): to a Zipkin server by
 * default (Zipkin's JSON v2, {@code support.tracing.endpoint}, default {@code http://localhost:9411/api/v2/spans}), or
 * with {@code support.tracing.exporter=otlp} to any OTLP/HTTP backend (an OpenTelemetry Collector, Jaeger, Tempo;
 * the endpoint then names its {@code /v1/traces}). Quarkus's built-in OTLP exporter is off at build time
 * ({@code quarkus.otel.exporter.otlp.enabled=false}) so that this choice is made at run time, and the SDK batches
 * what this exporter sends ({@code quarkus.otel.bsp.*}).
 */
@Singleton
public class TraceExport {
    /** The two wire formats a service can send its spans in. */
    public enum Kind {
        ZIPKIN,
        OTLP
    }

    @ConfigProperty(name = "support.tracing.exporter", defaultValue = "zipkin")
    String exporter;

    @ConfigProperty(name = "support.tracing.endpoint", defaultValue = "http://localhost:9411/api/v2/spans")
    String endpoint;

    @Produces
    @Singleton
    SpanExporter spanExporter() {
        return exporter(kind(exporter), endpoint);
    }

    /** The exporter's kind from its setting; an unknown one is refused at start, naming the setting. */
    static Kind kind(String setting) {
        try {
            return Kind.valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "support.tracing.exporter must be zipkin or otlp, not '" + setting + "'", e);
        }
    }

    /** A span exporter of {@code kind} sending to {@code endpoint}. */
    public static SpanExporter exporter(Kind kind, String endpoint) {
        java.net.URI.create(endpoint); // a malformed address refused at start, not at the first export
        return switch (kind) {
            case ZIPKIN ->
                ZipkinSpanExporter.builder()
                        .setSender((BytesMessageSender) URLConnectionSender.create(endpoint))
                        .build();
            case OTLP -> OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
        };
    }
}
