package com.supportdesk.reporting.projection;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * The read model's schema, {@code reporting}, shaped by Flyway migrations ({@code src/main/resources/db/migration},
 * ADR 0012) with its own {@code flyway_schema_history}. Flyway runs here as a library on the projector's JDBC pool:
 * Quarkus' Flyway extension needs a JDBC datasource extension, which beside Hibernate Reactive would make Hibernate
 * ORM claim the entities. A database made before migrations (Hibernate's update) takes V1 over its tables through a
 * baseline at version 0, as in the other services.
 */
final class ReadModelSchema {
    private static final Logger LOG = Logger.getLogger(ReadModelSchema.class);
    static final String SCHEMA = "reporting";

    private ReadModelSchema() {}

    static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(ReadModelSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.infof(
                "Schema %s at version %s (%d migration(s) run)",
                SCHEMA,
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
