package com.supportdesk.notification.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.Received;
import java.io.IOException;
import java.util.Map;

/** A Kafka record (binary-mode CloudEvent: attributes in headers) as a CloudEvents 1.0 structured-mode JSON document. */
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
            n.set("data", data);
            return JSON.writeValueAsBytes(n);
        } catch (IOException ex) {
            throw new IllegalStateException("A decoded event's body is not JSON", ex);
        }
    }
}
