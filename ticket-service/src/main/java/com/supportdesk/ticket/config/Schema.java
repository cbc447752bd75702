package com.supportdesk.ticket.config;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * ticket-service's own tables, next to Axon's (domain_event_entry, snapshot_event_entry, token_entry). Every
 * statement is idempotent, so each start (and each of several instances) may run it.
 */
final class Schema {

    private static final String[] DDL = {
        "CREATE SEQUENCE IF NOT EXISTS ticket_reference_seq",
        // Ids of handled commands (REST Idempotency-Key or Kafka ce_id): a redelivered command changes nothing.
        """
        CREATE TABLE IF NOT EXISTS processed_command (
            command_id   VARCHAR(300) PRIMARY KEY,
            request_hash VARCHAR(64),
            target_id    VARCHAR(255) NOT NULL,
            processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )""",
    };

    private Schema() {}

    static void create(AgroalDataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create ticket-service tables", e);
        }
    }
}
