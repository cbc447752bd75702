package com.supportdesk.support;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Map;

/**
 * One trace per ticket across every hop. The W3C trace context travels with each record as the CloudEvents
 * distributed-tracing extension: in Kafka's binary mode the headers {@code ce_traceparent} and {@code ce_tracestate}
 * (the context in which the event was made), and beside them the plain W3C {@code traceparent} and
 * {@code tracestate} that generic Kafka tooling (OpenTelemetry's own Kafka instrumentation) reads. Reading prefers
 * the CloudEvents attribute. Where a context has to wait in a store (an SLA clock until its deadline, an e-mail in
 * its queue, an event in ticket-service's event store), the {@code traceparent} text is kept with it.
 * <p>
 * With the OpenTelemetry SDK off (the default outside the stack's {@code --observability}), spans are no-ops and no
 * trace header is written; nothing else changes.
 */
public final class Tracing {
    /** The CloudEvents distributed-tracing extension's attributes, as Kafka headers (binary content mode). */
    public static final String CE_TRACEPARENT = "ce_traceparent";

    public static final String CE_TRACESTATE = "ce_tracestate";
    /** The plain W3C trace-context headers. */
    public static final String TRACEPARENT = "traceparent";

    public static final String TRACESTATE = "tracestate";

    /**
     * The span attribute naming the ticket a span handled (a command on it, a record about it, its timer, its
     * notices): a ticket's traces are found by it in the tracing server ({@code stack trace TICKET_ID}).
     */
    public static final String TICKET_ID = "ticketId";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> FROM_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            String ce = carrier.get("ce_" + key);
            return ce != null ? ce : carrier.get(key);
        }
    };

    private static final TextMapSetter<Map<String, String>> TO_HEADERS = (carrier, key, value) -> {
        carrier.put("ce_" + key, value);
        carrier.put(key, value);
    };

    private static final TextMapSetter<Map<String, String>> TO_PLAIN = Map::put;

    private static final Tracing NONE = new Tracing(OpenTelemetry.noop().getTracer("none"));

    private final Tracer tracer;

    private Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Spans of {@code service} through the service's OpenTelemetry (a no-op one when the SDK is off). */
    public static Tracing of(OpenTelemetry otel, String service) {
        return new Tracing(otel.getTracer(service));
    }

    /** No spans at all (tests of other things). */
    public static Tracing none() {
        return NONE;
    }

    /** The context a record's headers carry, as the parent of what handling it does; the root if none. */
    public static Context extract(Map<String, String> headers) {
        return W3C.extract(Context.root(), headers, FROM_HEADERS);
    }

    /** The context a stored {@code traceparent} names (see {@link #traceparent}); the root if none. */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isEmpty()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_HEADERS);
    }

    /** The current span's {@code traceparent} text, to keep with something that waits in a store; null if none. */
    public static String traceparent() {
        return traceparent(Context.current());
    }

    public static String traceparent(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        java.util.HashMap<String, String> h = new java.util.HashMap<>(2);
        W3C.inject(context, h, TO_PLAIN);
        return h.get(TRACEPARENT);
    }

    /**
     * {@code headers} with the current context written in (both header pairs), when there is one; returns the same
     * map, which must be mutable.
     */
    public static Map<String, String> stamp(Map<String, String> headers) {
        return stamp(headers, Context.current());
    }

    public static Map<String, String> stamp(Map<String, String> headers, Context context) {
        if (Span.fromContext(context).getSpanContext().isValid()) {
            W3C.inject(context, headers, TO_HEADERS);
        }
        return headers;
    }

    /** Writes the context as plain W3C headers only (an HTTP request to a partner, an e-mail). */
    public static void stampPlain(Map<String, String> headers, Context context) {
        if (Span.fromContext(context).getSpanContext().isValid()) {
            W3C.inject(context, headers, TO_PLAIN);
        }
    }

    /**
     * A consumer span for handling one record ({@code process <topic>}, after the messaging conventions), child of the
     * context the record carries.
     */
    public Span processing(Received in) {
        Map<String, String> h = in.headers();
        var b = tracer.spanBuilder("process " + in.topic())
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(extract(h))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", in.topic());
        attribute(b, "messaging.message.id", h.get("ce_id"));
        attribute(b, "messaging.kafka.message.key", in.key());
        attribute(b, "cloudevents.event_id", h.get("ce_id"));
        attribute(b, "cloudevents.event_type", h.get("ce_type"));
        attribute(b, "cloudevents.event_subject", h.get("ce_subject"));
        if (ticketSubject(h.get("ce_type"))) {
            attribute(b, TICKET_ID, h.get("ce_subject"));
        }
        return b.startSpan();
    }

    /**
     * The types whose records have a ticket as their subject: ticket events and commands on a ticket, SLA clock
     * events, escalation decisions (not outages, accounts, calendars or notices, whose subject may be something else).
     */
    private static final java.util.Set<String> TICKET_SUBJECT_TYPES = java.util.stream.Stream.concat(
                    com.supportdesk.contract.wire.Catalog.events().stream(),
                    com.supportdesk.contract.wire.Catalog.commands().stream())
            .filter(t -> com.supportdesk.contract.event.TicketEvent.class.isAssignableFrom(t.payloadClass())
                    || com.supportdesk.contract.event.SlaEvent.class.isAssignableFrom(t.payloadClass())
                    || com.supportdesk.contract.command.TicketCommand.class.isAssignableFrom(t.payloadClass())
                    || t.payloadClass() == com.supportdesk.contract.event.EscalationDecided.class)
            .map(com.supportdesk.contract.wire.MessageType::type)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether records of a type have a ticket as their subject (the span's and the log line's {@code ticketId}). */
    public static boolean ticketSubject(String type) {
        return type != null && TICKET_SUBJECT_TYPES.contains(type);
    }

    /** Names the ticket the current span handles ({@link #TICKET_ID}); nothing when tracing is off. */
    public static void aboutTicket(Span span, String ticketId) {
        if (ticketId != null) {
            span.setAttribute(TICKET_ID, ticketId);
        }
    }

    /** A producer span for sending to {@code destination} (an outbox record, an e-mail, a webhook), child of parent. */
    public Span sending(String name, String destination, Context parent) {
        return tracer.spanBuilder(name)
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute("messaging.destination.name", destination)
                .startSpan();
    }

    /** An internal span (a timer firing, a decision), child of parent. */
    public Span internal(String name, Context parent) {
        return tracer.spanBuilder(name)
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(parent)
                .startSpan();
    }

    /** Marks a span failed with the reason, for whoever reads the trace. */
    public static void failed(Span span, Throwable t) {
        span.recordException(t);
        span.setStatus(StatusCode.ERROR, t.getClass().getSimpleName());
    }

    private static void attribute(io.opentelemetry.api.trace.SpanBuilder b, String key, String value) {
        if (value != null) {
            b.setAttribute(key, value);
        }
    }
}
