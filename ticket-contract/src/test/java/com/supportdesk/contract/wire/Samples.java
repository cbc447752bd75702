package com.supportdesk.contract.wire;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;

/** Builds a fully populated instance of any catalogued record, so every type is exercised by the tests. */
final class Samples {
    private Samples() {}

    static Object of(Class<?> record) {
        try {
            RecordComponent[] components = record.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].isAnnotationPresent(com.supportdesk.contract.Pattern.class)
                        ? "SAMPLE_" + components[i].getName().toUpperCase() // ids like EUROPE, JAPAN
                        : value(components[i].getGenericType(), components[i].getName());
            }
            return record.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Type type, String name) {
        if (type instanceof ParameterizedType pt
                && pt.getRawType() instanceof Class<?> raw
                && java.util.Map.class.isAssignableFrom(raw)) {
            return java.util.Map.of(
                    value(pt.getActualTypeArguments()[0], name), value(pt.getActualTypeArguments()[1], name));
        }
        if (type instanceof ParameterizedType pt) {
            return List.of(value(pt.getActualTypeArguments()[0], name));
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return name.toLowerCase().contains("email") ? "someone@example.com" : "sample-" + name;
        }
        if (c == Instant.class) {
            return Instant.parse("2026-03-30T08:15:00Z");
        }
        if (c == java.time.LocalDate.class) {
            return java.time.LocalDate.of(2026, 12, 14);
        }
        if (c == java.time.Duration.class) {
            return java.time.Duration.ofMinutes(90);
        }
        if (c == boolean.class || c == Boolean.class) {
            return Boolean.TRUE;
        }
        if (c == long.class || c == Long.class) {
            return 7L;
        }
        if (c == double.class || c == Double.class) {
            return 97.5;
        }
        if (c == int.class || c == Integer.class) {
            return 7;
        }
        if (c.isEnum()) {
            return c.getEnumConstants()[0];
        }
        if (c.isRecord()) {
            return of(c);
        }
        throw new IllegalArgumentException("No sample for " + c);
    }
}
