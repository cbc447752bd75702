package com.supportdesk.contract.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps {@link CloudEvent} to and from Kafka binary mode (headers + JSON body). Kafka-free: headers are a map of
 * strings, so every service and partner library can reuse it.
 */
public final class CloudEventCodec {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String SEQUENCE = "ce_sequence";
    public static final String ACCOUNT_ID = "ce_accountid";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            // registered after JavaTimeModule, so it reads instants (the common form without DateTimeFormatter)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("support-instants")
                    .addDeserializer(Instant.class, new Instants.Deserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // Adding a field is a compatible change: older readers ignore what they do not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private CloudEventCodec() {}

    /** The JSON mapper of the contract: ISO-8601 instants, nulls left out, unknown fields ignored. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static Map<String, String> headers(CloudEvent event) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SPEC_VERSION, Catalog.SPEC_VERSION);
        h.put(ID, event.id());
        h.put(TYPE, event.type());
        h.put(SOURCE, event.source());
        if (event.subject() != null) {
            h.put(SUBJECT, event.subject());
        }
        h.put(TIME, event.time().toString());
        h.put(CONTENT_TYPE, JSON);
        h.put(DATA_SCHEMA, Catalog.schemaBase() + event.type() + ".json");
        if (event.sequence() != null) {
            h.put(SEQUENCE, Long.toString(event.sequence()));
        }
        if (event.accountId() != null) {
            h.put(ACCOUNT_ID, event.accountId());
        }
        return h;
    }

    public static byte[] body(Object data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a message back. Fails with {@link MalformedMessageException} (naming what is wrong) when a required
     * attribute is missing, the type is unknown or the body does not match the type's record.
     */
    public static CloudEvent decode(Map<String, String> headers, byte[] body) {
        String type = required(headers, TYPE);
        String id = required(headers, ID);
        MessageType<?> messageType = Catalog.byType(type)
                .orElseThrow(() -> new MalformedMessageException(TYPE, "unknown type '" + type + "'"));
        if (body == null || body.length == 0) {
            throw new MalformedMessageException("data", "empty body");
        }
        Object data;
        try {
            data = MAPPER.readValue(body, messageType.payloadClass());
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new MalformedMessageException(fieldPath(e), e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException("data", "not JSON: " + e.getMessage());
        }
        Instant time;
        try {
            time = headers.get(TIME) == null ? null : Instants.parse(headers.get(TIME));
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(TIME, "not an RFC 3339 instant");
        }
        Long sequence;
        try {
            sequence = headers.get(SEQUENCE) == null ? null : Long.valueOf(headers.get(SEQUENCE));
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(SEQUENCE, "not a number");
        }
        return new CloudEvent(
                id, type, headers.get(SOURCE), headers.get(SUBJECT), time, sequence, headers.get(ACCOUNT_ID), data);
    }

    public static String fieldPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "data" : sb.toString();
    }

    private static String required(Map<String, String> headers, String name) {
        String v = headers.get(name);
        if (v == null || v.isBlank()) {
            throw new MalformedMessageException(name, "missing");
        }
        return v;
    }

    public static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
