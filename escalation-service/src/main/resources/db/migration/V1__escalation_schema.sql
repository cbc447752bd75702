-- escalation-service's schema as it stood before migrations were introduced: every statement idempotent, so a database the
-- earlier start-up DDL made migrates in place (Flyway baselines it at version 0, then runs this).


CREATE TABLE IF NOT EXISTS esc_account (
    account_id VARCHAR(255) PRIMARY KEY, region VARCHAR(16) NOT NULL, plan VARCHAR(64) NOT NULL,
    revoked BOOLEAN NOT NULL, primary_user VARCHAR(100), backup_user VARCHAR(100), sam_user VARCHAR(100),
    updated_at TIMESTAMPTZ NOT NULL);

CREATE TABLE IF NOT EXISTS esc_ticket (
    ticket_id VARCHAR(255) PRIMARY KEY, account_id VARCHAR(255) NOT NULL, last_sequence BIGINT NOT NULL,
    severity VARCHAR(8) NOT NULL, impact VARCHAR(16) NOT NULL, priority BOOLEAN NOT NULL,
    level VARCHAR(4) NOT NULL, acknowledged BOOLEAN NOT NULL, resolved BOOLEAN NOT NULL,
    closed BOOLEAN NOT NULL, opened_at TIMESTAMPTZ NOT NULL, last_progress_at TIMESTAMPTZ NOT NULL,
    level_since TIMESTAMPTZ NOT NULL, escalated_to VARCHAR(200) NOT NULL DEFAULT '',
    next_check TIMESTAMPTZ, breach_clock VARCHAR(16), breach_target_ms BIGINT, breach_deadline TIMESTAMPTZ,
    breach_event_id VARCHAR(300));

CREATE TABLE IF NOT EXISTS esc_early_breach (
    ticket_id VARCHAR(255) PRIMARY KEY, clock VARCHAR(16) NOT NULL, target_ms BIGINT,
    deadline TIMESTAMPTZ, event_id VARCHAR(300) NOT NULL);

CREATE INDEX IF NOT EXISTS esc_ticket_next_check ON esc_ticket (next_check) WHERE next_check IS NOT NULL;

CREATE TABLE IF NOT EXISTS esc_decision (
    decision_key VARCHAR(400) PRIMARY KEY, ticket_id VARCHAR(255) NOT NULL, rule VARCHAR(100) NOT NULL,
    action VARCHAR(32) NOT NULL, target VARCHAR(64), to_level VARCHAR(4), reason VARCHAR(2000) NOT NULL,
    notifies VARCHAR(100), trigger_id VARCHAR(300), command_id VARCHAR(64) NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL);

CREATE INDEX IF NOT EXISTS esc_decision_ticket ON esc_decision (ticket_id, decided_at);

CREATE TABLE IF NOT EXISTS esc_outbox (id BIGSERIAL PRIMARY KEY, topic VARCHAR(255) NOT NULL, msg_key VARCHAR(255), headers TEXT NOT NULL, body BYTEA);
