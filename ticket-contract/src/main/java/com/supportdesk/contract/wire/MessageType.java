package com.supportdesk.contract.wire;

import java.util.function.Function;

/**
 * One entry of the catalogue: a CloudEvents type name, the record that is its JSON body, the topic it travels on
 * and how to find its subject (the Kafka key) and its account in an instance.
 */
public record MessageType<T>(
        String type, Class<T> payloadClass, String topic, Function<T, String> subject, Function<T, String> account) {

    /** The revision of the type: the number after the final {@code .v} of its name (types are versioned by name). */
    public String revision() {
        return type.substring(type.lastIndexOf(".v") + 2);
    }

    public String subjectOf(Object payload) {
        return subject.apply(payloadClass.cast(payload));
    }

    public String accountOf(Object payload) {
        return account.apply(payloadClass.cast(payload));
    }

    /** Where the JSON Schema of this type is published (relative to the schema folder). */
    public String schemaFile() {
        return type + ".json";
    }
}
