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

    private Validator() {}

    public static List<Violation> violations(Object message) {
        List<Violation> out = new ArrayList<>();
        if (message == null) {
            out.add(new Violation("data", "is required"));
        } else {
            check(message, "", out);
        }
        return out;
    }

    /** A record component's rule, read once per record type: reflection on annotations is far slower than a check. */
    private record Rule(String name, java.lang.reflect.Method accessor, boolean optional, int max) {}

    private static final ClassValue<Rule[]> RULES = new ClassValue<>() {
        @Override
        protected Rule[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Rule[] rules = new Rule[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                MaxLength max = c.getAnnotation(MaxLength.class);
                java.lang.reflect.Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                rules[i] = new Rule(
                        c.getName(),
                        accessor,
                        c.isAnnotationPresent(OptionalField.class),
                        max == null ? -1 : max.value());
            }
            return rules;
        }
    };

    private static void check(Object record, String prefix, List<Violation> out) {
        for (Rule c : RULES.get(record.getClass())) {
            String field = prefix.isEmpty() ? c.name() : prefix + c.name();
            Object value;
            try {
                value = c.accessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            boolean optional = c.optional();
            int max = c.max();
            if (value == null) {
                if (!optional) {
                    out.add(new Violation(field, "is required"));
                }
            } else if (value instanceof CharSequence s) {
                if (!optional && s.toString().isBlank()) {
                    out.add(new Violation(field, "must not be blank"));
                } else if (max >= 0 && s.length() > max) {
                    out.add(new Violation(field, "must be at most " + max + " characters"));
                }
            } else if (value instanceof Collection<?> list) {
                if (max >= 0 && list.size() > max) {
                    out.add(new Violation(field, "must have at most " + max + " items"));
                }
                int i = 0;
                for (Object item : list) {
                    if (item == null
                            || (item instanceof CharSequence s && s.toString().isBlank())) {
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
