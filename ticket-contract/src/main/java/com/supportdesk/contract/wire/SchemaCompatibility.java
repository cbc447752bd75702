package com.supportdesk.contract.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a type's schema with the one of the last release and names every change that would break a partner. The
 * rule: whatever validated against the released schema (records already on the topics, commands partners already
 * send) must validate against the new one, and nothing a reader relied on may disappear. So a field may not be
 * removed or renamed, may not change its type, may not become required (a field added to a published type is
 * optional), and no value may be narrowed: no enum value removed, no format or pattern added or changed, no smaller
 * maximum or larger minimum, no closing of additional properties. Adding optional fields and enum values, loosening
 * a limit, dropping a format and editing descriptions are compatible; so is opening an enum up to a pattern and
 * limits every released value fits (the set of valid values only grows). A breaking change is a new {@code .v2} type,
 * published beside the old one for the deprecation period.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {}

    /** Every breaking change from {@code released} to {@code current}, each naming the type and the field. */
    public static List<String> breakingChanges(String type, JsonNode released, JsonNode current) {
        List<String> changes = new ArrayList<>();
        compare(type, "", released, current, changes);
        return changes;
    }

    private static void compare(String type, String path, JsonNode was, JsonNode now, List<String> out) {
        String where = type + (path.isEmpty() ? "" : ": field '" + path + "'");
        if (!Objects.equals(text(was, "type"), text(now, "type"))) {
            out.add(where + " changed type from " + text(was, "type") + " to " + text(now, "type"));
            return;
        }
        if (was.has("properties")) {
            JsonNode nowProperties = now.path("properties");
            was.get("properties").fieldNames().forEachRemaining(name -> {
                String child = path.isEmpty() ? name : path + "." + name;
                if (!nowProperties.has(name)) {
                    out.add(type + ": field '" + child + "' was removed or renamed");
                } else {
                    compare(type, child, was.get("properties").get(name), nowProperties.get(name), out);
                }
            });
            Set<String> wasRequired = names(was.path("required"));
            for (String name : names(now.path("required"))) {
                if (!wasRequired.contains(name)) {
                    String child = path.isEmpty() ? name : path + "." + name;
                    out.add(type + ": field '" + child + "' is now required"
                            + (was.get("properties").has(name)
                                    ? ""
                                    : " (a field added to a published type must be optional)"));
                }
            }
            if (now.path("additionalProperties").isBoolean()
                    && !now.get("additionalProperties").asBoolean()
                    && !(was.path("additionalProperties").isBoolean()
                            && !was.get("additionalProperties").asBoolean())) {
                out.add(where + " no longer admits additional properties");
            }
        }
        if (now.has("enum")) {
            Set<String> values = names(now.get("enum"));
            if (!was.has("enum")) {
                out.add(where + " was narrowed to the values " + values);
            } else {
                Set<String> removed = new HashSet<>(names(was.get("enum")));
                removed.removeAll(values);
                if (!removed.isEmpty()) {
                    out.add(where + " lost the enum value(s) " + removed);
                }
            }
        }
        if (was.has("enum") && !now.has("enum")) {
            // An enum opened up to a pattern or limits: a widening when every released value still fits.
            for (String value : names(was.get("enum"))) {
                if (!fits(value, now)) {
                    out.add(where + " was narrowed: the released value '" + value + "' no longer fits");
                }
            }
            return;
        }
        for (String keyword : List.of("format", "pattern", "const")) {
            if (now.has(keyword) && !now.get(keyword).equals(was.get(keyword))) {
                out.add(where + " was narrowed: " + keyword + " "
                        + (was.has(keyword) ? "changed from " + was.get(keyword) + " to " : "added: ")
                        + now.get(keyword));
            }
        }
        for (String keyword : List.of("maxLength", "maxItems", "maximum")) {
            if (now.has(keyword)
                    && (!was.has(keyword)
                            || now.get(keyword).asLong() < was.get(keyword).asLong())) {
                out.add(where + " was narrowed: " + keyword + " "
                        + (was.has(keyword) ? was.get(keyword) + " -> " : "added: ") + now.get(keyword));
            }
        }
        for (String keyword : List.of("minLength", "minItems", "minimum")) {
            if (now.has(keyword)
                    && (!was.has(keyword)
                            || now.get(keyword).asLong() > was.get(keyword).asLong())) {
                out.add(where + " was narrowed: " + keyword + " "
                        + (was.has(keyword) ? was.get(keyword) + " -> " : "added: ") + now.get(keyword));
            }
        }
        if (was.has("items") && now.has("items")) {
            compare(type, path + "[]", was.get("items"), now.get("items"), out);
        }
    }

    /** Whether a text value satisfies the pattern, format and length limits of a string schema. */
    private static boolean fits(String value, JsonNode schema) {
        if (schema.has("pattern")
                && !java.util.regex.Pattern.compile(schema.get("pattern").asText())
                        .matcher(value)
                        .find()) {
            return false;
        }
        if (schema.has("format") || schema.has("const")) {
            return false; // a released enum value is not a date, e-mail or constant: treat as narrowed
        }
        int length = value.codePointCount(0, value.length());
        return (!schema.has("maxLength") || length <= schema.get("maxLength").asInt())
                && (!schema.has("minLength")
                        || length >= schema.get("minLength").asInt());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.isTextual() ? v.asText() : v.toString();
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new java.util.LinkedHashSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
