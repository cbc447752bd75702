package com.supportdesk.sla.store;

import com.supportdesk.support.Jdbc;
import javax.sql.DataSource;

/**
 * sla-service's tables. Every statement is idempotent, so each start (and each of several instances) may run it.
 * Durations are stored in milliseconds, instants as {@code timestamptz}.
 */
public final class SlaSchema {

    private static final String[] DDL = {
        "CREATE SCHEMA IF NOT EXISTS sla",
        // What the service knows of each ticket: the last ticket-events sequence applied (duplicates and gaps are
        // judged against it), the contract in force, and the sequence of the sla-events it published.
        """
        CREATE TABLE IF NOT EXISTS sla_ticket (
            ticket_id     VARCHAR(255) PRIMARY KEY,
            account_id    VARCHAR(255) NOT NULL,
            last_sequence BIGINT NOT NULL,
            sla_sequence  BIGINT NOT NULL,
            policy        VARCHAR(64) NOT NULL,
            region        VARCHAR(16) NOT NULL,
            severity      VARCHAR(8) NOT NULL,
            impact        VARCHAR(16) NOT NULL,
            state         VARCHAR(16) NOT NULL,
            opened_at     TIMESTAMPTZ NOT NULL
        )""",
        // One row per clock; next_due is its single pending timer (next warning or the breach).
        """
        CREATE TABLE IF NOT EXISTS sla_clock (
            ticket_id      VARCHAR(255) NOT NULL,
            kind           VARCHAR(16) NOT NULL,
            account_id     VARCHAR(255) NOT NULL,
            policy         VARCHAR(64) NOT NULL,
            calendar       VARCHAR(64) NOT NULL,
            severity       VARCHAR(8) NOT NULL,
            target_ms      BIGINT,
            elapsed_ms     BIGINT NOT NULL,
            running_since  TIMESTAMPTZ,
            status         VARCHAR(16) NOT NULL,
            deadline       TIMESTAMPTZ,
            warnings_fired VARCHAR(64) NOT NULL DEFAULT '',
            breached       BOOLEAN NOT NULL DEFAULT FALSE,
            next_due       TIMESTAMPTZ,
            next_alarm     INT,
            PRIMARY KEY (ticket_id, kind)
        )""",
        "CREATE INDEX IF NOT EXISTS sla_clock_next_due ON sla_clock (next_due) WHERE next_due IS NOT NULL",
        """
        CREATE TABLE IF NOT EXISTS sla_account (
            account_id VARCHAR(255) PRIMARY KEY,
            region     VARCHAR(16) NOT NULL,
            plan       VARCHAR(64) NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        )""",
        // Ticket events that arrived ahead of a missing sequence number: held, never applied out of order.
        """
        CREATE TABLE IF NOT EXISTS sla_parked (
            ticket_id VARCHAR(255) NOT NULL,
            sequence  BIGINT NOT NULL,
            headers   TEXT NOT NULL,
            body      BYTEA NOT NULL,
            parked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (ticket_id, sequence)
        )""",
        // Openings of tickets whose account has not arrived on account-events yet (the event itself is parked).
        """
        CREATE TABLE IF NOT EXISTS sla_waiting (
            ticket_id  VARCHAR(255) PRIMARY KEY,
            account_id VARCHAR(255) NOT NULL,
            since      TIMESTAMPTZ NOT NULL
        )""",
        // Messages to publish, written in the same transaction as the state they announce.
        SlaStore.OUTBOX.ddl(),
        // Declared exceptional events (natural disasters and the like): the response clock does not run.
        """
        CREATE TABLE IF NOT EXISTS sla_exceptional_event (
            id          BIGSERIAL PRIMARY KEY,
            calendar    VARCHAR(64) NOT NULL,
            starts_at   TIMESTAMPTZ NOT NULL,
            ends_at     TIMESTAMPTZ NOT NULL,
            reason      VARCHAR(500) NOT NULL,
            declared_by VARCHAR(255) NOT NULL,
            declared_at TIMESTAMPTZ NOT NULL
        )""",
    };

    private SlaSchema() {}

    public static void create(DataSource dataSource) {
        Jdbc.execute(dataSource, "sla-service", DDL);
    }
}
