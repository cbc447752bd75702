package com.supportdesk.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PublishedRecordsTest {

    private static final SlaMet MET = new SlaMet(
            "t-1",
            "acme",
            ClockKind.RESPONSE,
            "standard",
            "europe",
            Severity.SEV2,
            Duration.ofHours(4),
            Duration.ofMillis(404),
            Instant.parse("2026-12-01T12:00:00Z"),
            Instant.parse("2026-12-01T08:00:00.404Z"));

    private static ConsumerRecord<String, byte[]> record(
            String topic, String key, Map<String, String> headers, byte[] body) {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(topic, 0, 0L, key, body);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    private static Map<String, String> headersOf(Object data) {
        return CloudEventCodec.headers(new CloudEvent(
                "e-1",
                Catalog.of(data.getClass()).type(),
                "sla-service",
                "t-1",
                Instant.parse("2026-12-01T08:00:00.404Z"),
                3L,
                "acme",
                data));
    }

    @Test
    void aRecordAsTheServicesWriteItConforms() {
        assertThat(PublishedRecords.recordViolations(
                        record(Topics.SLA_EVENTS, "t-1", headersOf(MET), CloudEventCodec.body(MET))))
                .isEmpty();
    }

    @Test
    void aBodyThatBreaksItsSchemaIsNamedFieldByField() throws Exception {
        ObjectNode body = (ObjectNode) CloudEventCodec.mapper().readTree(CloudEventCodec.body(MET));
        body.put("elapsed", "404 ms");
        body.put("severity", "SEV9");
        body.put("deadline", "tomorrow");
        body.remove("ticketId");
        assertThat(PublishedRecords.recordViolations(record(
                        Topics.SLA_EVENTS,
                        "t-1",
                        headersOf(MET),
                        CloudEventCodec.mapper().writeValueAsBytes(body))))
                .anySatisfy(v -> assertThat(v).contains("elapsed"))
                .anySatisfy(v -> assertThat(v).contains("severity"))
                .anySatisfy(v -> assertThat(v).contains("deadline"))
                .anySatisfy(v -> assertThat(v).contains("ticketId"));
    }

    @Test
    void wrongAttributesTopicOrKeyAreNamed() {
        Map<String, String> headers = new java.util.HashMap<>(headersOf(MET));
        headers.put("ce_time", "2026-12-01 08:00");
        headers.put("ce_dataschema", "https://supportdesk.example/schemas/support.sla.missed.v1.json");
        headers.remove("ce_specversion");
        assertThat(PublishedRecords.recordViolations(
                        record(Topics.TICKET_EVENTS, "t-2", headers, CloudEventCodec.body(MET))))
                .anySatisfy(v -> assertThat(v).contains("ce_time"))
                .anySatisfy(v -> assertThat(v).contains("ce_dataschema"))
                .anySatisfy(v -> assertThat(v).contains("ce_specversion"))
                .anySatisfy(v -> assertThat(v).contains("belongs on sla-events"))
                .anySatisfy(v -> assertThat(v).contains("Kafka key"));
    }

    @Test
    void aWebhookBodyIsCheckedInStructuredMode() throws Exception {
        ObjectNode doc = CloudEventCodec.mapper().createObjectNode();
        doc.put("specversion", "1.0")
                .put("id", "e-1")
                .put("type", "support.sla.met.v1")
                .put("source", "sla-service")
                .put("time", "2026-12-01T08:00:00.404Z")
                .put("datacontenttype", "application/json")
                .put("dataschema", "http://localhost:8081/schemas/support.sla.met.v1.json");
        doc.set("data", CloudEventCodec.mapper().valueToTree(MET));
        assertThat(PublishedRecords.webhookViolations(CloudEventCodec.mapper().writeValueAsBytes(doc)))
                .isEmpty();
        ((ObjectNode) doc.get("data")).put("clock", "LUNCH");
        doc.remove("time");
        assertThat(PublishedRecords.webhookViolations(CloudEventCodec.mapper().writeValueAsBytes(doc)))
                .anySatisfy(v -> assertThat(v).contains("clock"))
                .anySatisfy(v -> assertThat(v).contains("time is missing"));
    }
}
