package com.supportdesk.contract.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schemas of the last release are kept in {@value #BASELINE} (the contract partners built against). A change to
 * a published type that would break them fails the build here, naming the type and the field: publish a {@code .v2}
 * type beside the old one instead (docs/events/README.md). At a release, the new baseline is taken with
 * {@code ./mvnw -pl ticket-contract test -Dtest=SchemaEvolutionTest -Dcatalog.baseline=write}.
 */
class SchemaEvolutionTest {

    static final String BASELINE = "docs/events/baseline";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noPublishedTypeChangedIncompatiblySinceTheLastRelease() throws Exception {
        Path dir = ROOT.resolve(BASELINE);
        Map<String, String> current = CatalogDocs.schemas();
        if ("write".equals(System.getProperty("catalog.baseline"))) {
            Files.createDirectories(dir);
            for (var e : current.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
        }
        List<String> breaking = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                String type = name.substring(0, name.length() - ".json".length());
                if (!current.containsKey(name)) {
                    breaking.add(type + " was removed (a published type stays for its deprecation period)");
                    continue;
                }
                breaking.addAll(SchemaCompatibility.breakingChanges(
                        type, JSON.readTree(file.toFile()), JSON.readTree(current.get(name))));
            }
        }
        assertThat(breaking)
                .as("breaking changes to published types; publish a .v2 beside the old type instead")
                .isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count())
                    .as("the baseline holds the released types")
                    .isGreaterThan(40);
        }
    }

    private static List<String> changed(Consumer<ObjectNode> change) throws Exception {
        JsonNode released = JSON.readTree(CatalogDocs.schemas().get("support.ticket.opened.v1.json"));
        ObjectNode current = released.deepCopy();
        change.accept(current);
        return SchemaCompatibility.breakingChanges("support.ticket.opened.v1", released, current);
    }

    /** The severity field with its enum taken away. */
    private static ObjectNode opened(ObjectNode schema) {
        ObjectNode severity = field(schema, "severity");
        severity.remove("enum");
        return severity;
    }

    private static ObjectNode field(ObjectNode schema, String name) {
        return (ObjectNode) schema.get("properties").get(name);
    }

    @Test
    void eachKindOfBreakingChangeIsNamedWithTheTypeAndTheField() throws Exception {
        assertThat(changed(s -> ((ObjectNode) s.get("properties")).remove("title")))
                .containsExactly("support.ticket.opened.v1: field 'title' was removed or renamed");
        assertThat(changed(s -> field(s, "title").put("type", "integer")))
                .containsExactly("support.ticket.opened.v1: field 'title' changed type from string to integer");
        assertThat(changed(s -> {
                    ((ObjectNode) s.get("properties")).putObject("region").put("type", "string");
                    ((ArrayNode) s.get("required")).add("region");
                }))
                .containsExactly("support.ticket.opened.v1: field 'region' is now required (a field added to a "
                        + "published type must be optional)");
        assertThat(changed(s -> ((ArrayNode) field(s, "severity").get("enum")).remove(0)))
                .singleElement()
                .asString()
                .startsWith("support.ticket.opened.v1: field 'severity' lost the enum value");
        assertThat(changed(s -> field(s, "title").put("maxLength", 10)))
                .singleElement()
                .asString()
                .contains("field 'title' was narrowed: maxLength");
        assertThat(changed(s -> field(s, "title").put("pattern", "^[A-Z]")))
                .singleElement()
                .asString()
                .contains("field 'title' was narrowed: pattern added");
        assertThat(changed(s -> s.put("additionalProperties", false)))
                .containsExactly("support.ticket.opened.v1 no longer admits additional properties");
        assertThat(changed(s -> opened(s).put("pattern", "^SEV[1-3]$")))
                .containsExactly(
                        "support.ticket.opened.v1: field 'severity' was narrowed: the released value 'SEV4' no longer fits");
        assertThat(changed(s -> opened(s).put("maxLength", 3))).hasSize(4);
    }

    @Test
    void compatibleChangesPass() throws Exception {
        assertThat(changed(s ->
                        ((ObjectNode) s.get("properties")).putObject("region").put("type", "string")))
                .isEmpty();
        assertThat(changed(s -> ((ArrayNode) field(s, "severity").get("enum")).add("SEV5")))
                .isEmpty();
        assertThat(changed(
                        s -> field(s, "title").put("description", "Reworded.").remove("maxLength")))
                .isEmpty();
        // an enum opened up to a pattern and limits every released value fits (regions became data so)
        assertThat(changed(s -> opened(s)
                        .put("pattern", "^[A-Z][A-Z0-9_]*$")
                        .put("minLength", 1)
                        .put("maxLength", 32)))
                .isEmpty();
    }
}
