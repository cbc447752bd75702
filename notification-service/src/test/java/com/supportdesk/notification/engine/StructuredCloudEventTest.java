package com.supportdesk.notification.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.model.Attachment;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.contract.wire.Validator;
import com.supportdesk.support.Received;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A webhook's body: the structured CloudEvent, whose files carry their download path; the topic's record has none. */
class StructuredCloudEventTest {

    @Test
    void theFilesOfATicketEventGainTheirDownloadPathAndStayValid() throws Exception {
        MessageAdded event = new MessageAdded(
                "T-1",
                "ACME",
                "M-1",
                "The log you asked for",
                true,
                "carla",
                Instant.parse("2026-12-04T10:00:00Z"),
                List.of(new Attachment("a1", "server.log", "text/x-log", 12, "ab".repeat(32))));
        byte[] onTopic = CloudEventCodec.mapper().writeValueAsBytes(event);
        assertThat(new String(onTopic)).doesNotContain("downloadPath");

        byte[] webhook = StructuredCloudEvent.encode(new Received(
                "support.ticket.events",
                "T-1",
                Map.of(
                        CloudEventCodec.ID, "e-1",
                        CloudEventCodec.TYPE, "support.ticket.message-added.v1",
                        CloudEventCodec.SOURCE, "/ticket-service",
                        CloudEventCodec.SUBJECT, "T-1",
                        CloudEventCodec.TIME, "2026-12-04T10:00:00Z"),
                onTopic));

        JsonNode data = CloudEventCodec.mapper().readTree(webhook).path("data");
        assertThat(data.path("attachments").path(0).path("downloadPath").asText())
                .isEqualTo("/api/tickets/T-1/attachments/a1");
        MessageAdded decoded = CloudEventCodec.mapper().treeToValue(data, MessageAdded.class);
        assertThat(decoded.attachments().get(0).downloadPath()).isEqualTo("/api/tickets/T-1/attachments/a1");
        assertThat(Validator.violations(decoded)).isEmpty();
    }

    @Test
    void anEventWithoutFilesIsPassedOnAsItIs() throws Exception {
        byte[] body = "{\"ticketId\":\"T-2\",\"by\":\"alice\"}".getBytes();
        byte[] webhook = StructuredCloudEvent.encode(new Received(
                "support.ticket.events",
                "T-2",
                Map.of(CloudEventCodec.ID, "e-2", CloudEventCodec.TYPE, "support.ticket.acknowledged.v1"),
                body));
        assertThat(CloudEventCodec.mapper().readTree(webhook).path("data"))
                .isEqualTo(CloudEventCodec.mapper().readTree(body));
    }
}
