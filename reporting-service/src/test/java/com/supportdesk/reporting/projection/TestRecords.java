package com.supportdesk.reporting.projection;

import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.BatchConsumer;
import com.supportdesk.support.Received;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Records as the projector's consumers receive them (headers and body as the services write them), for tests. */
final class TestRecords {
    private TestRecords() {}

    /** {@code event} about {@code subject} as a record of {@code topic}, keyed by the subject. */
    static ConsumerRecord<String, byte[]> record(
            String topic, String subject, String id, Long sequence, Instant time, Object event) {
        CloudEvent envelope =
                new CloudEvent(id, Catalog.of(event.getClass()).type(), "test", subject, time, sequence, null, event);
        RecordHeaders headers = new RecordHeaders();
        CloudEventCodec.headers(envelope).forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(
                topic,
                0,
                0L,
                ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE,
                subject,
                CloudEventCodec.body(event),
                headers,
                Optional.empty());
    }

    /** Records decoded and checked as the consumer does before the writer sees them. */
    static List<BatchConsumer.Item> items(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> {
                    Received in = Received.of(r);
                    return new BatchConsumer.Item(in, BatchConsumer.decodeValid(in));
                })
                .toList();
    }
}
