package com.supportdesk.contract.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.TicketOpened;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static final Pattern TYPE_NAME = Pattern.compile("support\\.[a-z]+\\.[a-z-]+\\.v[0-9]+");

    @Test
    void everyTypeNameFollowsTheVersionedNamingRule() {
        for (var group : java.util.List.of(Catalog.events(), Catalog.commands())) {
            for (MessageType<?> t : group) {
                assertThat(t.type()).matches(TYPE_NAME);
                assertThat(t.revision()).isEqualTo("1");
            }
        }
        assertThat(Catalog.byType("support.ticket.opened.v1"))
                .get()
                .extracting(MessageType::payloadClass)
                .isEqualTo(TicketOpened.class);
    }

    @Test
    void accountEventsGoToTheCompactedAccountTopicAndTicketEventsToTicketEvents() {
        assertThat(Catalog.of(AccountRegistered.class).topic()).isEqualTo(Topics.ACCOUNT_EVENTS);
        assertThat(Catalog.of(TicketOpened.class).topic()).isEqualTo(Topics.TICKET_EVENTS);
        assertThat(Catalog.commands()).allSatisfy(t -> assertThat(t.topic()).isEqualTo(Topics.TICKET_COMMANDS));
    }

    @Test
    void everyMessageRoundTripsThroughTheCloudEventsBinaryForm() {
        for (var group : java.util.List.of(Catalog.events(), Catalog.commands())) {
            for (MessageType<?> t : group) {
                Object sample = Samples.of(t.payloadClass());
                CloudEvent out = new CloudEvent(
                        "id-1",
                        t.type(),
                        "/test",
                        t.subjectOf(sample),
                        Instant.parse("2026-01-02T03:04:05Z"),
                        3L,
                        "acc-1",
                        sample);
                Map<String, String> headers = CloudEventCodec.headers(out);
                assertThat(headers)
                        .containsEntry("ce_specversion", "1.0")
                        .containsEntry("ce_type", t.type())
                        .containsEntry("ce_sequence", "3")
                        .containsEntry("content-type", "application/json");
                CloudEvent back = CloudEventCodec.decode(headers, CloudEventCodec.body(sample));
                assertThat(back).as(t.type()).isEqualTo(out);
            }
        }
    }

    private static JsonSchema schema(String file) {
        // formats asserted, as strict validators (ajv with its formats, networknt) do
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(
                        CatalogDocs.schemas().get(file),
                        com.networknt.schema.SchemaValidatorsConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build());
    }

    @Test
    void everySampleBodyValidatesAgainstItsPublishedSchema() throws Exception {
        for (var group : java.util.List.of(Catalog.events(), Catalog.commands())) {
            for (MessageType<?> t : group) {
                JsonSchema schema = schema(t.schemaFile());
                JsonNode body = CloudEventCodec.mapper().readTree(CloudEventCodec.body(Samples.of(t.payloadClass())));
                Set<ValidationMessage> errors = schema.validate(body);
                assertThat(errors).as(t.type()).isEmpty();
            }
        }
    }

    @Test
    void durationsValidateAsJavaWritesThemFractionsOfASecondIncluded() throws Exception {
        JsonSchema schema = schema("support.sla.met.v1.json");
        for (java.time.Duration d : java.util.List.of(
                java.time.Duration.ofMillis(404),
                java.time.Duration.ZERO,
                java.time.Duration.ofHours(4),
                java.time.Duration.ofDays(400).plusNanos(1),
                java.time.Duration.ofMinutes(90).plusSeconds(7))) {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) CloudEventCodec.mapper()
                    .readTree(CloudEventCodec.body(Samples.of(com.supportdesk.contract.event.SlaMet.class)));
            body.put("elapsed", CloudEventCodec.mapper().valueToTree(d).asText());
            assertThat(schema.validate(body)).as(body.get("elapsed").asText()).isEmpty();
        }
        for (String bad : java.util.List.of("PT-5S", "P", "PT", "90 minutes", "PT1.5H", "P1DT")) {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) CloudEventCodec.mapper()
                    .readTree(CloudEventCodec.body(Samples.of(com.supportdesk.contract.event.SlaMet.class)));
            body.put("elapsed", bad);
            assertThat(schema.validate(body))
                    .as(bad)
                    .extracting(ValidationMessage::getMessage)
                    .anySatisfy(m -> assertThat(m).contains("elapsed"));
        }
    }

    @Test
    void aSchemaRejectsABodyWithoutARequiredField() throws Exception {
        JsonSchema schema = schema("support.ticket.opened.v1.json");
        var body = (com.fasterxml.jackson.databind.node.ObjectNode)
                CloudEventCodec.mapper().readTree(CloudEventCodec.body(Samples.of(TicketOpened.class)));
        body.remove("accountId");
        body.put("severity", "SEV9");
        assertThat(schema.validate(body))
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("accountId"))
                .anySatisfy(m -> assertThat(m).contains("severity"));
    }

    @Test
    void decodingNamesWhatIsWrongWithAMalformedMessage() {
        Map<String, String> headers = new HashMap<>(Map.of("ce_id", "1", "ce_type", "support.ticket.opened.v1"));
        assertThatThrownBy(() -> CloudEventCodec.decode(headers, "{not json".getBytes()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CloudEventCodec.decode(headers, "{\"severity\":\"SEV9\"}".getBytes()))
                .isInstanceOf(MalformedMessageException.class)
                .satisfies(
                        e -> assertThat(((MalformedMessageException) e).field()).isEqualTo("severity"));
        headers.put("ce_type", "support.ticket.exploded.v1");
        assertThatThrownBy(() -> CloudEventCodec.decode(headers, "{}".getBytes()))
                .hasMessageContaining("unknown type");
        headers.remove("ce_id");
        assertThatThrownBy(() -> CloudEventCodec.decode(headers, "{}".getBytes()))
                .hasMessage("ce_id: missing");
    }
}
