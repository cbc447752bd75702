package com.supportdesk.contract.wire;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Derives the JSON Schema (draft 2020-12) of a message body from its record, so schema and code never drift. */
public final class JsonSchemas {

    /** A non-negative ISO 8601 duration in days, hours, minutes and seconds, the seconds with up to 9 decimals. */
    public static final String DURATION_PATTERN =
            "^P(?=\\d|T\\d)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d{1,9})?S)?)?$";

    private JsonSchemas() {}

    public static Map<String, Object> schemaOf(MessageType<?> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", Catalog.SCHEMA_BASE + type.schemaFile());
        schema.put("title", type.payloadClass().getSimpleName());
        schema.putAll(objectSchema(type.payloadClass()));
        return schema;
    }

    private static Map<String, Object> objectSchema(Class<?> record) {
        Map<String, Object> schema = new LinkedHashMap<>();
        Description d = record.getAnnotation(Description.class);
        if (d != null) {
            schema.put("description", d.value());
        }
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            Map<String, Object> p = typeSchema(c.getGenericType());
            com.supportdesk.contract.Pattern pattern = c.getAnnotation(com.supportdesk.contract.Pattern.class);
            if (pattern != null) {
                p.put("pattern", pattern.value());
            }
            MaxLength max = c.getAnnotation(MaxLength.class);
            if (max != null) {
                p.put("array".equals(p.get("type")) ? "maxItems" : "maxLength", max.value());
            }
            boolean optional = c.isAnnotationPresent(OptionalField.class);
            if (!optional && "string".equals(p.get("type")) && !p.containsKey("enum") && !p.containsKey("format")) {
                p.put("minLength", 1);
            }
            Description cd = c.getAnnotation(Description.class);
            if (cd != null) {
                p.put("description", cd.value());
            }
            properties.put(c.getName(), p);
            if (!optional) {
                required.add(c.getName());
            }
        }
        schema.put("properties", properties);
        schema.put("required", required);
        // Readers must accept fields added later: additional properties are allowed.
        return schema;
    }

    private static Map<String, Object> typeSchema(Type type) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (type instanceof ParameterizedType pt
                && pt.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            p.put("type", "array");
            p.put("items", typeSchema(pt.getActualTypeArguments()[0]));
            return p;
        }
        if (type instanceof ParameterizedType pt
                && pt.getRawType() instanceof Class<?> raw
                && Map.class.isAssignableFrom(raw)) {
            p.put("type", "object");
            if (pt.getActualTypeArguments()[0] instanceof Class<?> key && key.isEnum()) {
                p.put("propertyNames", typeSchema(key));
            }
            p.put("additionalProperties", typeSchema(pt.getActualTypeArguments()[1]));
            return p;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            p.put("type", "string");
        } else if (c == Instant.class) {
            p.put("type", "string");
            p.put("format", "date-time");
        } else if (c == java.time.LocalDate.class) {
            p.put("type", "string");
            p.put("format", "date");
        } else if (c == java.time.Duration.class) {
            // ISO 8601 as java.time.Duration writes it (PT4H, PT1H30M, PT0.404S). Not "format": "duration": that
            // format is RFC 3339's grammar, which has no fractions of a second, and validators that assert it
            // (ajv) refuse PT0.404S. A pattern is asserted by every validator and admits what we publish.
            p.put("type", "string");
            p.put("pattern", DURATION_PATTERN);
        } else if (c == boolean.class || c == Boolean.class) {
            p.put("type", "boolean");
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            p.put("type", "integer");
        } else if (c == double.class || c == Double.class) {
            p.put("type", "number");
        } else if (c.isEnum()) {
            p.put("type", "string");
            p.put(
                    "enum",
                    Arrays.stream(c.getEnumConstants())
                            .map(e -> ((Enum<?>) e).name())
                            .toList());
        } else if (c.isRecord()) {
            return objectSchema(c);
        } else {
            throw new IllegalArgumentException("No JSON Schema mapping for " + c);
        }
        return p;
    }
}
