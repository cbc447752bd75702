package com.supportdesk.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The settings every Kafka client a service builds by hand (outbox relays, topic setup, the rebuild) shares with the
 * channels SmallRye configures: bootstrap servers plus the connection's security ({@code kafka.security.protocol},
 * {@code kafka.ssl.*}, {@code kafka.sasl.*}; as environment variables {@code KAFKA_SECURITY_PROTOCOL} and so on), so
 * on a cluster with TLS client certificates and ACLs every client runs as the service's principal.
 */
public final class KafkaClients {
    static final List<String> SECURITY = List.of(
            "security.protocol",
            "ssl.keystore.location",
            "ssl.keystore.type",
            "ssl.keystore.password",
            "ssl.key.password",
            "ssl.truststore.location",
            "ssl.truststore.type",
            "ssl.truststore.password",
            "ssl.endpoint.identification.algorithm",
            "sasl.mechanism",
            "sasl.jaas.config");

    private KafkaClients() {}

    /** {@code settings} plus bootstrap servers and the configured security settings. */
    public static Map<String, Object> config(String bootstrapServers, Map<String, Object> settings) {
        Map<String, Object> out = new HashMap<>(settings);
        out.put("bootstrap.servers", bootstrapServers);
        Config config = ConfigProvider.getConfig();
        for (String key : SECURITY) {
            config.getOptionalValue("kafka." + key, String.class).ifPresent(v -> out.put(key, v));
        }
        return out;
    }
}
