package com.supportdesk.notification.it;

import com.supportdesk.testinfra.SchemaMigrations;
import org.junit.jupiter.api.Test;

/** The Flyway migrations (src/main/resources/db/migration) against a new database and one made before them. */
class SchemaMigrationIntegrationTest {

    @Test
    void aDatabaseMadeBeforeMigrationsMigratesInPlaceToTheSchemaANewOneGets() {
        SchemaMigrations.assertMigratesInPlace(
                "notification",
                "pre-migration/notification.sql",
                "INSERT INTO notification.ntf_account VALUES ('acme', '{}')",
                "select account_id from notification.ntf_account",
                "acme");
    }
}
