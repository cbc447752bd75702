package com.supportdesk.sla.it;

import com.supportdesk.testinfra.SchemaMigrations;
import org.junit.jupiter.api.Test;

/** The Flyway migrations (src/main/resources/db/migration) against a new database and one made before them. */
class SchemaMigrationIntegrationTest {

    @Test
    void aDatabaseMadeBeforeMigrationsMigratesInPlaceToTheSchemaANewOneGets() {
        SchemaMigrations.assertMigratesInPlace(
                "sla",
                "pre-migration/sla.sql",
                "INSERT INTO sla.sla_account VALUES ('acme', 'EU', 'standard', now())",
                "select account_id from sla.sla_account",
                "acme");
    }
}
