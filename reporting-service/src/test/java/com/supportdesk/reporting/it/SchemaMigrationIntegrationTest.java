package com.supportdesk.reporting.it;

import com.supportdesk.testinfra.SchemaMigrations;
import org.junit.jupiter.api.Test;

/**
 * The read model's Flyway migrations (src/main/resources/db/migration) against a new database and one that
 * Hibernate's schema update made before them.
 */
class SchemaMigrationIntegrationTest {

    @Test
    void aDatabaseMadeBeforeMigrationsMigratesInPlaceToTheSchemaANewOneGets() {
        SchemaMigrations.assertMigratesInPlace(
                "reporting",
                "pre-migration/reporting.sql",
                "INSERT INTO reporting.rpt_ticket (ticketid, breached, escalated, lastsequence, priority, status) "
                        + "VALUES ('t-1', false, false, 3, true, 'OPEN')",
                "select status from reporting.rpt_ticket where ticketid = 't-1'",
                "OPEN");
    }
}
