package com.supportdesk.notification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.Received;
import java.io.IOException;
import java.util.Map;

/**
 * A Kafka record (binary-mode CloudEvent: attributes in headers) as a CloudEvents 1.0 structured-mode JSON document.
 * The files a ticket event lists gain their download path (the contract's optional {@code downloadPath}), so that a
 * subscriber fetches them without knowing the API's layout.
 */
final class StructuredCloudEvent {
    private static final ObjectMapper JSON = CloudEventCodec.mapper();

    private StructuredCloudEvent() {}

    static byte[] encode(Received raw) {
        Map<String, String> h = raw.headers();
        ObjectNode n = JSON.createObjectNode();
        n.put("specversion", h.getOrDefault(CloudEventCodec.SPEC_VERSION, "1.0"));
        n.put("id", h.get(CloudEventCodec.ID));
        n.put("type", h.get(CloudEventCodec.TYPE));
        n.put("source", h.get(CloudEventCodec.SOURCE));
        n.put("subject", h.get(CloudEventCodec.SUBJECT));
        n.put("time", h.get(CloudEventCodec.TIME));
        n.put("datacontenttype", CloudEventCodec.JSON);
        if (h.containsKey(CloudEventCodec.DATA_SCHEMA)) {
            n.put("dataschema", h.get(CloudEventCodec.DATA_SCHEMA));
        }
        if (h.containsKey(CloudEventCodec.SEQUENCE)) {
            n.put("sequence", h.get(CloudEventCodec.SEQUENCE));
        }
        if (h.containsKey(CloudEventCodec.ACCOUNT_ID)) {
            n.put("accountid", h.get(CloudEventCodec.ACCOUNT_ID));
        }
        try {
            JsonNode data = JSON.readTree(raw.body());
            withDownloadPaths(data);
            n.set("data", data);
            return JSON.writeValueAsBytes(n);
        } catch (IOException ex) {
            throw new IllegalStateException("A decoded event's body is not JSON", ex);
        }
    }

    /** Sets {@code downloadPath} on each of a ticket event's attachments (the events on the topics have none). */
    static void withDownloadPaths(JsonNode data) {
        JsonNode files = data.path("attachments");
        String ticket = data.path("ticketId").asText(null);
        if (!files.isArray() || ticket == null) {
            return;
        }
        for (JsonNode file : files) {
            if (file instanceof ObjectNode o && o.hasNonNull("id")) {
                o.put(
                        "downloadPath",
                        "/api/tickets/" + encode(ticket) + "/attachments/"
                                + encode(o.get("id").asText()));
            }
        }
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
