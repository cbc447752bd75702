package com.supportdesk.contract.wire;

import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks a command record against its declared rules (required, non-blank, maximum length), recursing into nested
 * records and lists. REST and Kafka ingress share it, and the JSON Schemas are generated from the same annotations,
 * so the three cannot disagree.
 */
public final class Validator {

    private Validator() {
    }

    public static List<Violation> violations(Object message) {
        List<Violation> out = new ArrayList<>();
        if (message == null) {
            out.add(new Violation("data", "is required"));
        } else {
            check(message, "", out);
        }
        return out;
    }

    private static void check(Object record, String prefix, List<Violation> out) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String field = prefix + c.getName();
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            boolean optional = c.isAnnotationPresent(OptionalField.class);
            MaxLength max = c.getAnnotation(MaxLength.class);
            if (value == null) {
                if (!optional) {
                    out.add(new Violation(field, "is required"));
                }
            } else if (value instanceof CharSequence s) {
                if (s.toString().isBlank() && !optional) {
                    out.add(new Violation(field, "must not be blank"));
                } else if (max != null && s.length() > max.value()) {
                    out.add(new Violation(field, "must be at most " + max.value() + " characters"));
                }
            } else if (value instanceof Collection<?> list) {
                if (max != null && list.size() > max.value()) {
                    out.add(new Violation(field, "must have at most " + max.value() + " items"));
                }
                int i = 0;
                for (Object item : list) {
                    if (item == null || (item instanceof CharSequence s && s.toString().isBlank())) {
                        out.add(new Violation(field + "[" + i + "]", "must not be blank"));
                    } else if (item.getClass().isRecord()) {
                        check(item, field + "[" + i + "].", out);
                    }
                    i++;
                }
            } else if (value.getClass().isRecord()) {
                check(value, field + ".", out);
            }
        }
    }
}
