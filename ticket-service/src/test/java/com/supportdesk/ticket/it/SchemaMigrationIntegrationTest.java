package com.supportdesk.ticket.it;

import com.supportdesk.testinfra.SchemaMigrations;
import org.junit.jupiter.api.Test;

/** The Flyway migrations (src/main/resources/db/migration) against a new database and one made before them. */
class SchemaMigrationIntegrationTest {

    @Test
    void aDatabaseMadeBeforeMigrationsMigratesInPlaceToTheSchemaANewOneGets() {
        SchemaMigrations.assertMigratesInPlace(
                "ticket",
                "pre-migration/public.sql",
                "INSERT INTO public.processed_command (command_id, target_id) VALUES ('cmd-1', 'T-1')",
                "select target_id from ticket.processed_command",
                "T-1");
    }
}
