package com.supportdesk.ticket.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.ticket.command.InvalidCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a JSON body plus the id from the path into a contract command, so REST and Kafka accept exactly the same
 * fields and the error names the same field. The id in the path wins; a different one in the body is an error.
 */
final class CommandBodies {
    private CommandBodies() {}

    static <T extends Command> T read(Class<T> type, String idField, String id, JsonNode body) {
        ObjectNode node;
        if (body == null || body.isNull()) {
            node = CloudEventCodec.mapper().createObjectNode();
        } else if (body instanceof ObjectNode o) {
            node = o.deepCopy();
        } else {
            throw new InvalidCommand("body", "must be a JSON object");
        }
        JsonNode given = node.get(idField);
        if (given != null && !given.isNull() && !given.asText().equals(id)) {
            throw new InvalidCommand(idField, "must match the id in the path (" + id + ") or be left out");
        }
        node.put(idField, id);
        try {
            return CloudEventCodec.mapper().treeToValue(node, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new InvalidCommand(CloudEventCodec.fieldPath(e), reason(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidCommand("body", "cannot be read");
        }
    }

    static String hash(JsonNode body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(com.fasterxml.jackson.databind.JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            return "must be one of "
                    + java.util.Arrays.toString(f.getTargetType().getEnumConstants());
        }
        String m = e.getOriginalMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return m == null ? "has the wrong type" : nl < 0 ? m : m.substring(0, nl);
    }
}
