package com.supportdesk.escalation.it;

import com.supportdesk.testinfra.SchemaMigrations;
import org.junit.jupiter.api.Test;

/** The Flyway migrations (src/main/resources/db/migration) against a new database and one made before them. */
class SchemaMigrationIntegrationTest {

    @Test
    void aDatabaseMadeBeforeMigrationsMigratesInPlaceToTheSchemaANewOneGets() {
        SchemaMigrations.assertMigratesInPlace(
                "escalation",
                "pre-migration/escalation.sql",
                "INSERT INTO escalation.esc_outbox (topic, headers) VALUES ('escalation-events', '{}')",
                "select topic from escalation.esc_outbox",
                "escalation-events");
    }
}
