package com.supportdesk.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** Reads the audit trail as it really is on {@code audit-events} of the test broker. */
public final class AuditEntries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditEntries() {}

    /** Waits for the entries of {@code action} on {@code targetId} (key of the record) and returns their bodies. */
    public static List<JsonNode> await(String targetId, String action, int count, Duration timeout) {
        return TopicReader.await(
                        "audit-events",
                        r -> targetId.equals(r.key())
                                && "support.audit.recorded.v1".equals(TopicReader.header(r, "ce_type"))
                                && action.equals(
                                        tree(TopicReader.body(r)).path("action").asText()),
                        seen -> seen.size() >= count,
                        timeout)
                .stream()
                .map(r -> tree(TopicReader.body(r)))
                .toList();
    }

    /** The one entry of {@code action} on {@code targetId}. */
    public static JsonNode awaitOne(String targetId, String action) {
        return await(targetId, action, 1, Duration.ofSeconds(30)).get(0);
    }

    /** The value of the named detail of an entry, or null. */
    public static String detail(JsonNode entry, String name) {
        for (JsonNode d : entry.path("details")) {
            if (name.equals(d.path("name").asText())) {
                return d.path("value").asText();
            }
        }
        return null;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
