package com.supportdesk.bench.jmh;

import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.contract.wire.Validator;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What reading one event costs a consumer (issue 15): a {@code support.ticket.opened.v1} record decoded from its
 * CloudEvents headers and JSON body, and the same followed by the check against its type's rules that every consumer
 * now runs before a handler sees the event ({@code BatchConsumer.decodeValid}).
 *
 * <p>Run: {@code bench/run-jmh.sh EventDecodingBenchmark} (one fork, one thread: the figure is per core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventDecodingBenchmark {
    private Map<String, String> headers;
    private byte[] body;

    @Setup
    public void setUp() {
        String ticket = UUID.randomUUID().toString();
        TicketOpened opened = new TicketOpened(
                ticket,
                "acc-42",
                "TKT-000042",
                TicketKind.INCIDENT,
                Severity.SEV2,
                Impact.STANDARD,
                null,
                false,
                SupportLevel.L1,
                "Checkout fails for every order",
                "Since 09:00 every order ends with HTTP 500; the log shows a timeout to the payment provider.",
                "webshop",
                null,
                "ann-acc-42",
                Instant.parse("2026-11-23T09:00:00Z"));
        headers = CloudEventCodec.headers(new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(TicketOpened.class).type(),
                "/ticket-service",
                ticket,
                Instant.now(),
                0L,
                "acc-42",
                opened));
        body = CloudEventCodec.body(opened);
    }

    @Benchmark
    public Object decode() {
        return CloudEventCodec.decode(headers, body);
    }

    @Benchmark
    public Object decodeAndValidate() {
        CloudEvent e = CloudEventCodec.decode(headers, body);
        return Validator.violations(e.data()).isEmpty() ? e : null;
    }
}
