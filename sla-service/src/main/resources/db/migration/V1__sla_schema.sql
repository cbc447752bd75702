-- sla-service's schema as it stood before migrations were introduced: every statement idempotent, so a database the
-- earlier start-up DDL made migrates in place (Flyway baselines it at version 0, then runs this).


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
);

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
);

CREATE INDEX IF NOT EXISTS sla_clock_next_due ON sla_clock (next_due) WHERE next_due IS NOT NULL;

CREATE TABLE IF NOT EXISTS sla_account (
    account_id VARCHAR(255) PRIMARY KEY,
    region     VARCHAR(16) NOT NULL,
    plan       VARCHAR(64) NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS sla_parked (
    ticket_id VARCHAR(255) NOT NULL,
    sequence  BIGINT NOT NULL,
    headers   TEXT NOT NULL,
    body      BYTEA NOT NULL,
    parked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (ticket_id, sequence)
);

CREATE TABLE IF NOT EXISTS sla_waiting (
    ticket_id  VARCHAR(255) PRIMARY KEY,
    account_id VARCHAR(255) NOT NULL,
    since      TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS sla_outbox (id BIGSERIAL PRIMARY KEY, topic VARCHAR(255) NOT NULL, msg_key VARCHAR(255), headers TEXT NOT NULL, body BYTEA);

CREATE TABLE IF NOT EXISTS sla_exceptional_event (
    id          BIGSERIAL PRIMARY KEY,
    calendar    VARCHAR(64) NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    reason      VARCHAR(500) NOT NULL,
    declared_by VARCHAR(255) NOT NULL,
    declared_at TIMESTAMPTZ NOT NULL
);
