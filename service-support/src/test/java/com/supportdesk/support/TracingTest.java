package com.supportdesk.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.wire.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace context in record headers, the spans of a record's handling, and the logging context of it. */
class TracingTest {
    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();
    private final Tracing tracing =
            Tracing.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build(), "test-service");

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aStampedRecordCarriesTheContextAsCloudEventsAttributeAndAsPlainW3cHeader() {
        Span parent = tracing.internal("made it", Context.root());
        Map<String, String> headers =
                Tracing.stamp(new LinkedHashMap<>(), Context.root().with(parent));
        parent.end();

        String expected = "00-" + parent.getSpanContext().getTraceId() + "-"
                + parent.getSpanContext().getSpanId() + "-01";
        assertThat(headers)
                .containsEntry(Tracing.CE_TRACEPARENT, expected)
                .containsEntry(Tracing.TRACEPARENT, expected);
        SpanContext read = Span.fromContext(Tracing.extract(headers)).getSpanContext();
        assertThat(read.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
        assertThat(read.getSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(read.isRemote()).isTrue();
    }

    @Test
    void theCloudEventsAttributeWinsOverThePlainHeaderAndNoContextMeansNoHeader() {
        String ce = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String plain = "00-11111111111111111111111111111111-2222222222222222-01";
        Map<String, String> headers = Map.of(Tracing.CE_TRACEPARENT, ce, Tracing.TRACEPARENT, plain);
        assertThat(Span.fromContext(Tracing.extract(headers)).getSpanContext().getTraceId())
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(Span.fromContext(Tracing.extract(Map.of(Tracing.TRACEPARENT, plain)))
                        .getSpanContext()
                        .getTraceId())
                .isEqualTo("11111111111111111111111111111111");
        assertThat(Tracing.stamp(new LinkedHashMap<>(), Context.root())).isEmpty();
        assertThat(Tracing.traceparent(Context.root())).isNull();
        assertThat(Span.fromContext(Tracing.fromTraceparent(null))
                        .getSpanContext()
                        .isValid())
                .isFalse();
    }

    @Test
    void aRecordsHandlingIsAChildSpanOfItsContextAndItsLogLinesNameTheTraceTheTicketAndTheAccount() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_id", "event-1");
        headers.put("ce_type", "support.ticket.opened.v1");
        headers.put("ce_subject", "ticket-7");
        headers.put("ce_accountid", "acme");
        headers.put(Tracing.CE_TRACEPARENT, traceparent);
        Received in = new Received("ticket-events", "ticket-7", headers, new byte[0]);
        Span span = tracing.processing(in);
        BatchConsumer.Item item = new BatchConsumer.Item(
                in,
                new CloudEvent(
                        "event-1",
                        "support.ticket.opened.v1",
                        "/ticket-service",
                        "ticket-7",
                        Instant.EPOCH,
                        0L,
                        "acme",
                        null),
                Context.root().with(span));

        try (var scope = item.traced()) {
            assertThat(Span.current().getSpanContext()).isEqualTo(span.getSpanContext());
            assertThat(MDC.get("traceId")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(MDC.get("spanId")).isEqualTo(span.getSpanContext().getSpanId());
            assertThat(MDC.get("ticketId")).isEqualTo("ticket-7");
            assertThat(MDC.get("accountId")).isEqualTo("acme");
            assertThat(MDC.get("eventId")).isEqualTo("event-1");
            // what the handling sends carries the handling's context on
            assertThat(Tracing.stamp(new LinkedHashMap<>()).get(Tracing.CE_TRACEPARENT))
                    .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-"
                            + span.getSpanContext().getSpanId() + "-01");
        }
        span.end();

        assertThat(MDC.get("ticketId"))
                .as("the logging context ends with the scope")
                .isNull();
        assertThat(MDC.get("traceId")).isNull();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(exported).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("process ticket-events");
            assertThat(s.getParentSpanId()).isEqualTo("b7ad6b7169203331");
            assertThat(s.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(s.getAttributes().asMap().toString())
                    .contains("cloudevents.event_type=support.ticket.opened.v1")
                    .contains("cloudevents.event_subject=ticket-7")
                    .contains("ticketId=ticket-7");
        });
    }

    @Test
    void onlyRecordsAboutATicketNameItAsTheSpansTicket() {
        assertThat(Tracing.ticketSubject("support.ticket.opened.v1")).isTrue();
        assertThat(Tracing.ticketSubject("support.sla.breached.v1")).isTrue();
        assertThat(Tracing.ticketSubject("support.escalation.decided.v1")).isTrue();
        assertThat(Tracing.ticketSubject("support.command.escalate-ticket.v1")).isTrue();
        assertThat(Tracing.ticketSubject("support.outage.declared.v1"))
                .as("an outage")
                .isFalse();
        assertThat(Tracing.ticketSubject("support.account.updated.v1"))
                .as("an account")
                .isFalse();
        assertThat(Tracing.ticketSubject("support.sla.calendar-changed.v1"))
                .as("a calendar")
                .isFalse();
        assertThat(Tracing.ticketSubject("support.notification.sent.v1"))
                .as("a notice (its subject may be an outage)")
                .isFalse();
        assertThat(Tracing.ticketSubject("no.such.type")).isFalse();
        assertThat(Tracing.ticketSubject(null)).isFalse();

        Map<String, String> outage = new LinkedHashMap<>();
        outage.put("ce_type", "support.outage.declared.v1");
        outage.put("ce_subject", "outage-3");
        tracing.processing(new Received("ticket-events", "outage-3", outage, new byte[0]))
                .end();
        assertThat(exported)
                .singleElement()
                .satisfies(s -> assertThat(s.getAttributes().asMap().keySet().stream()
                                .map(io.opentelemetry.api.common.AttributeKey::getKey))
                        .contains("cloudevents.event_subject")
                        .doesNotContain(Tracing.TICKET_ID));
    }
}
