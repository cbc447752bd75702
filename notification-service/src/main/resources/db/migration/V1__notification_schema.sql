-- notification-service's schema as it stood before migrations were introduced: every statement idempotent, so a database the
-- earlier start-up DDL made migrates in place (Flyway baselines it at version 0, then runs this).


CREATE TABLE IF NOT EXISTS ntf_seen (event_id VARCHAR(300) PRIMARY KEY, seen_at TIMESTAMPTZ NOT NULL);

CREATE INDEX IF NOT EXISTS ntf_seen_at ON ntf_seen (seen_at);

CREATE TABLE IF NOT EXISTS ntf_account (account_id VARCHAR(255) PRIMARY KEY, profile TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS ntf_ticket (
    ticket_id VARCHAR(255) PRIMARY KEY, account_id VARCHAR(255) NOT NULL, reference VARCHAR(64),
    title VARCHAR(400), severity VARCHAR(8));

CREATE TABLE IF NOT EXISTS ntf_waiting (
    event_id VARCHAR(300) PRIMARY KEY, account_id VARCHAR(255) NOT NULL, headers TEXT NOT NULL, body BYTEA,
    received_at TIMESTAMPTZ NOT NULL);

CREATE INDEX IF NOT EXISTS ntf_waiting_account ON ntf_waiting (account_id, received_at);

CREATE TABLE IF NOT EXISTS ntf_outage (
    outage_id VARCHAR(255) NOT NULL, account_id VARCHAR(255) NOT NULL, application VARCHAR(200) NOT NULL,
    started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, check_at TIMESTAMPTZ, verdict VARCHAR(40),
    reason VARCHAR(1000), decided_at TIMESTAMPTZ, PRIMARY KEY (outage_id, account_id));

CREATE INDEX IF NOT EXISTS ntf_outage_check ON ntf_outage (check_at) WHERE verdict IS NULL;

CREATE TABLE IF NOT EXISTS ntf_maintenance_scope (
    event_id VARCHAR(300) PRIMARY KEY, application VARCHAR(200) NOT NULL, headers TEXT NOT NULL,
    body BYTEA);

CREATE TABLE IF NOT EXISTS ntf_outage_scope (
    outage_id VARCHAR(255) PRIMARY KEY, application VARCHAR(200) NOT NULL, started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ);

CREATE TABLE IF NOT EXISTS ntf_subscription (
    id VARCHAR(64) PRIMARY KEY, url VARCHAR(2000) NOT NULL, event_types TEXT NOT NULL, accounts TEXT NOT NULL,
    secret VARCHAR(200) NOT NULL, owner VARCHAR(100), created_at TIMESTAMPTZ NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE);

CREATE TABLE IF NOT EXISTS ntf_delivery (
    id VARCHAR(64) PRIMARY KEY, trigger_id VARCHAR(300) NOT NULL, trigger_type VARCHAR(200) NOT NULL,
    channel VARCHAR(16) NOT NULL, kind VARCHAR(32) NOT NULL, recipient VARCHAR(300) NOT NULL,
    account_id VARCHAR(255), subject_id VARCHAR(255) NOT NULL, language VARCHAR(4),
    language_fallback BOOLEAN NOT NULL DEFAULT FALSE, subject VARCHAR(1000), body BYTEA NOT NULL,
    url VARCHAR(2000), state VARCHAR(16) NOT NULL, attempts INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ, last_error VARCHAR(2000), created_at TIMESTAMPTZ NOT NULL,
    done_at TIMESTAMPTZ);

CREATE INDEX IF NOT EXISTS ntf_delivery_subject ON ntf_delivery (subject_id, created_at);

CREATE INDEX IF NOT EXISTS ntf_delivery_parked ON ntf_delivery (created_at) WHERE state = 'PARKED';

ALTER TABLE ntf_delivery ADD COLUMN IF NOT EXISTS urgency SMALLINT NOT NULL DEFAULT 4;

ALTER TABLE ntf_delivery ADD COLUMN IF NOT EXISTS slot SMALLINT GENERATED ALWAYS AS (((hashtext(recipient) & 2147483647) % 64)::smallint) STORED;

DROP INDEX IF EXISTS ntf_delivery_urgent;

DROP INDEX IF EXISTS ntf_delivery_due;

CREATE INDEX IF NOT EXISTS ntf_delivery_slot_urgent ON ntf_delivery (channel, slot, urgency, next_attempt_at) WHERE state = 'PENDING';

CREATE INDEX IF NOT EXISTS ntf_delivery_slot_due ON ntf_delivery (channel, slot, next_attempt_at) WHERE state = 'PENDING';

ALTER TABLE ntf_delivery ADD COLUMN IF NOT EXISTS digest_id VARCHAR(64);

ALTER TABLE ntf_subscription ALTER COLUMN secret TYPE TEXT;

ALTER TABLE ntf_subscription ADD COLUMN IF NOT EXISTS previous_secret TEXT;

ALTER TABLE ntf_subscription ADD COLUMN IF NOT EXISTS previous_until TIMESTAMPTZ;

CREATE INDEX IF NOT EXISTS ntf_delivery_digest ON ntf_delivery (digest_id) WHERE digest_id IS NOT NULL;

CREATE INDEX IF NOT EXISTS ntf_delivery_burst ON ntf_delivery (recipient, next_attempt_at) WHERE state = 'PENDING' AND channel = 'EMAIL' AND urgency = 4 AND digest_id IS NULL;

CREATE TABLE IF NOT EXISTS ntf_outbox (id BIGSERIAL PRIMARY KEY, topic VARCHAR(255) NOT NULL, msg_key VARCHAR(255), headers TEXT NOT NULL, body BYTEA);
