-- ticket-service's schema as it stood before migrations were introduced: Axon's event store and token store, the
-- reference-number sequence and the handled command ids. These tables used to live in the database's public schema;
-- a database made by the earlier code has them moved here (data, indexes and owned sequences go along), a new one
-- gets them created. Every statement is idempotent.

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['domainevententry', 'snapshotevententry', 'tokenentry', 'processed_command'] LOOP
        IF to_regclass('public.' || t) IS NOT NULL AND to_regclass(current_schema() || '.' || t) IS NULL THEN
            EXECUTE format('ALTER TABLE public.%I SET SCHEMA %I', t, current_schema());
        END IF;
    END LOOP;
    IF to_regclass('public.ticket_reference_seq') IS NOT NULL
            AND to_regclass(current_schema() || '.ticket_reference_seq') IS NULL THEN
        EXECUTE format('ALTER SEQUENCE public.ticket_reference_seq SET SCHEMA %I', current_schema());
    END IF;
END
$$;

-- Axon's JDBC event store (PostgreSQL layout): every event of every aggregate, in global order.
CREATE TABLE IF NOT EXISTS domainevententry (
    globalindex         BIGSERIAL PRIMARY KEY,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL UNIQUE,
    metadata            BYTEA,
    payload             BYTEA NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    "timestamp"         VARCHAR(255) NOT NULL,
    UNIQUE (aggregateidentifier, sequencenumber)
);

-- Axon's snapshot table (the storage engine writes none: SnapshotFreeStorageEngine; kept for Axon's queries).
CREATE TABLE IF NOT EXISTS snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL UNIQUE,
    metadata            BYTEA,
    payload             BYTEA NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    "timestamp"         VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber)
);

-- Axon's tracking tokens: how far the relay (the kafka-relay processor) has published.
CREATE TABLE IF NOT EXISTS tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    "timestamp"   VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

CREATE SEQUENCE IF NOT EXISTS ticket_reference_seq;

-- Ids of handled commands (REST Idempotency-Key or Kafka ce_id): a redelivered command changes nothing.
CREATE TABLE IF NOT EXISTS processed_command (
    command_id   VARCHAR(300) PRIMARY KEY,
    request_hash VARCHAR(64),
    target_id    VARCHAR(255) NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
