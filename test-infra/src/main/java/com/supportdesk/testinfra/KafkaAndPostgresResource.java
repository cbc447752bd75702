package com.supportdesk.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus application under test at the real Kafka broker and PostgreSQL server of this JVM. They outlive
 * any single application start, so several test profiles share one broker and one database. The application also
 * trusts the tokens of {@link TestTokens}.
 */
public class KafkaAndPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String jdbc = RealInfrastructure.jdbcUrl();
        Map<String, String> config = new HashMap<>(TestTokens.oidcConfig());
        config.putAll(Map.of(
                "kafka.bootstrap.servers",
                RealInfrastructure.bootstrapServers(),
                "quarkus.datasource.jdbc.url",
                jdbc,
                // the same database for services on the reactive client (reporting-service)
                "quarkus.datasource.reactive.url",
                jdbc.substring("jdbc:".length()),
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres"));
        return config;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by a shutdown hook.
    }
}
