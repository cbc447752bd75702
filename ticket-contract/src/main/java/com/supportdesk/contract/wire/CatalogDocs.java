package com.supportdesk.contract.wire;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.supportdesk.contract.Description;
import com.supportdesk.contract.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the published catalogue: one JSON Schema per message type and the AsyncAPI document. The rendered
 * files are committed (partners read them without building); {@code CatalogDocsTest} fails when they are stale and
 * says how to refresh them.
 */
public final class CatalogDocs {

    private CatalogDocs() {}

    /** File name -> content of every schema. */
    public static Map<String, String> schemas() {
        Map<String, String> files = new TreeMap<>();
        for (List<MessageType<?>> group : List.of(Catalog.events(), Catalog.commands())) {
            for (MessageType<?> t : group) {
                files.put(t.schemaFile(), pretty(JsonSchemas.schemaOf(t)));
            }
        }
        return files;
    }

    public static String asyncApi(String schemaDirFromDocs) {
        StringBuilder y = new StringBuilder();
        y.append("# Rendered from ticket-contract by CatalogDocs; do not edit by hand.\n");
        y.append("asyncapi: 3.0.0\n");
        y.append("info:\n  title: Support ticket platform events\n  version: 1.0.0\n");
        y.append("  description: |\n");
        y.append("    Every message is a CloudEvents 1.0 record in Kafka binary mode: attributes in ce_* headers\n");
        y.append("    (ce_id, ce_type, ce_source, ce_subject = ticket/outage/account id, ce_time, ce_specversion),\n");
        y.append("    extensions ce_sequence (per-aggregate sequence number) and ce_accountid, JSON body.\n");
        y.append(
                "    The Kafka key is the subject. Consumers drop duplicates by ce_id and notice gaps by ce_sequence.\n");
        y.append("    Adding a field is a compatible change; anything else is a new type version (.v2).\n");
        y.append(
                "    Commands on ticket-commands also carry the sender's access token (Keycloak realm support) in the\n");
        y.append(
                "    header authorization ('Bearer <token>'); ticket-service judges each command as that caller, exactly\n");
        y.append(
                "    like a REST call, and refuses one without a valid token (support.command.rejected.v1). The token\n");
        y.append(
                "    must have been valid when the broker appended the record: the topic stamps LogAppendTime, so a\n");
        y.append(
                "    command waiting while ticket-service is away keeps its sender (for up to seven days past the token's\n");
        y.append("    expiry) and a producer cannot choose the time it is judged at.\n");
        y.append(
                "    Tracing: a record made while a trace was recorded carries its W3C trace context as the CloudEvents\n");
        y.append(
                "    distributed-tracing extension (ce_traceparent, ce_tracestate) and, with the same values, as the plain\n");
        y.append(
                "    W3C headers traceparent and tracestate that generic Kafka instrumentation reads. Both are optional:\n");
        y.append("    a consumer must not require them. Webhook requests carry traceparent as an HTTP header.\n");
        y.append("defaultContentType: application/json\n");
        Map<String, List<MessageType<?>>> byTopic = new LinkedHashMap<>();
        for (MessageType<?> t : Catalog.events()) {
            byTopic.computeIfAbsent(t.topic(), k -> new java.util.ArrayList<>()).add(t);
        }
        byTopic.put(Topics.TICKET_COMMANDS, Catalog.commands());
        y.append("channels:\n");
        for (var e : byTopic.entrySet()) {
            String ch = channelId(e.getKey());
            y.append("  ").append(ch).append(":\n");
            y.append("    address: ").append(e.getKey()).append('\n');
            y.append("    messages:\n");
            for (MessageType<?> t : e.getValue()) {
                y.append("      ").append(messageId(t)).append(":\n");
                y.append("        $ref: '#/components/messages/")
                        .append(messageId(t))
                        .append("'\n");
            }
        }
        y.append("operations:\n");
        for (var e : byTopic.entrySet()) {
            String ch = channelId(e.getKey());
            boolean commands = e.getKey().equals(Topics.TICKET_COMMANDS);
            y.append("  ")
                    .append(commands ? "sendCommand" : "receive" + capital(ch))
                    .append(":\n");
            y.append("    action: ").append(commands ? "send" : "receive").append('\n');
            y.append("    channel:\n      $ref: '#/channels/").append(ch).append("'\n");
        }
        y.append("components:\n  messages:\n");
        for (List<MessageType<?>> group : List.of(Catalog.events(), Catalog.commands())) {
            for (MessageType<?> t : group) {
                y.append("    ").append(messageId(t)).append(":\n");
                y.append("      name: ").append(t.type()).append('\n');
                y.append("      title: ")
                        .append(t.payloadClass().getSimpleName())
                        .append('\n');
                Description d = t.payloadClass().getAnnotation(Description.class);
                if (d != null) {
                    y.append("      summary: ").append(quote(d.value())).append('\n');
                }
                y.append("      headers:\n        type: object\n        properties:\n");
                y.append("          ce_type:\n            const: ")
                        .append(t.type())
                        .append('\n');
                y.append("          ce_specversion:\n            const: '1.0'\n");
                for (String h : List.of("ce_traceparent", "traceparent")) {
                    y.append("          ")
                            .append(h)
                            .append(":\n            $ref: '#/components/schemas/Traceparent'\n");
                }
                for (String h : List.of("ce_tracestate", "tracestate")) {
                    y.append("          ").append(h).append(":\n            $ref: '#/components/schemas/Tracestate'\n");
                }
                if (t.topic().equals(Topics.TICKET_COMMANDS)) {
                    y.append("          authorization:\n            type: string\n            pattern: '^Bearer .+'\n");
                    y.append(
                            "            description: the sender's access token; the command is judged as this caller\n");
                    y.append("        required: [authorization]\n");
                }
                y.append("      payload:\n        $ref: '")
                        .append(schemaDirFromDocs)
                        .append(t.schemaFile())
                        .append("'\n");
            }
        }
        y.append("  schemas:\n");
        y.append("    Traceparent:\n      type: string\n");
        y.append("      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'\n");
        y.append(
                "      description: W3C trace context (version-traceid-parentid-flags) of the span that made the record\n");
        y.append("    Tracestate:\n      type: string\n");
        y.append("      description: W3C tracestate (vendor entries) travelling with traceparent\n");
        return y.toString();
    }

    /** Writes the schemas and the AsyncAPI document under the project root given as the only argument. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        write(root);
    }

    public static void write(Path root) throws IOException {
        Path schemaDir = root.resolve(SCHEMA_DIR);
        Files.createDirectories(schemaDir);
        for (var e : schemas().entrySet()) {
            Files.writeString(schemaDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        Path asyncApi = root.resolve(ASYNCAPI_FILE);
        Files.createDirectories(asyncApi.getParent());
        Files.writeString(asyncApi, asyncApi(SCHEMA_DIR_FROM_DOCS), StandardCharsets.UTF_8);
    }

    public static final String SCHEMA_DIR = "ticket-contract/src/main/resources/schemas";
    public static final String ASYNCAPI_FILE = "docs/events/asyncapi.yaml";
    public static final String SCHEMA_DIR_FROM_DOCS = "../../" + SCHEMA_DIR + "/";

    private static String pretty(Object o) {
        try {
            return CloudEventCodec.mapper()
                            .copy()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String channelId(String topic) {
        StringBuilder sb = new StringBuilder();
        for (String part : topic.split("-")) {
            sb.append(sb.isEmpty() ? part : capital(part));
        }
        return sb.toString();
    }

    private static String messageId(MessageType<?> t) {
        return t.payloadClass().getSimpleName();
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
