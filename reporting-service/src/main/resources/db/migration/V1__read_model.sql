-- The read model as Hibernate's schema update and the projector's outbox DDL made it before migrations (ADR 0012):
-- idempotent, so that a database made by that code takes it over (baseline at version 0). Column names are
-- Hibernate's: the entity fields in lower case.
CREATE TABLE IF NOT EXISTS rpt_account (
    accountid character varying(255) NOT NULL PRIMARY KEY,
    applications character varying(4000),
    name character varying(255),
    region character varying(255),
    supportplan character varying(255)
);

CREATE TABLE IF NOT EXISTS rpt_audit (
    auditid character varying(255) NOT NULL PRIMARY KEY,
    accountid character varying(255),
    action character varying(255),
    actor character varying(255),
    actorname character varying(255),
    actorroles character varying(1000),
    address character varying(255),
    at timestamp(6) with time zone,
    clientid character varying(255),
    details character varying(100000),
    service character varying(255),
    targetid character varying(255),
    targetkind character varying(255)
);
CREATE INDEX IF NOT EXISTS rpt_audit_actor_at ON rpt_audit (actor, at);
CREATE INDEX IF NOT EXISTS rpt_audit_at ON rpt_audit (at);

CREATE TABLE IF NOT EXISTS rpt_event (
    eventid character varying(300) NOT NULL PRIMARY KEY,
    data text,
    sequence bigint,
    source character varying(255),
    subject character varying(255),
    "time" timestamp(6) with time zone,
    topic character varying(255),
    type character varying(255)
);
CREATE INDEX IF NOT EXISTS rpt_event_subject ON rpt_event (subject, "time");

CREATE TABLE IF NOT EXISTS rpt_outage (
    outageid character varying(255) NOT NULL PRIMARY KEY,
    affectedaccounts character varying(4000),
    application character varying(255),
    cancelled boolean NOT NULL,
    endedat timestamp(6) with time zone,
    planned boolean NOT NULL,
    startedat timestamp(6) with time zone
);

-- the projector's outbox (dead letters), as service-support's Outbox makes it
CREATE TABLE IF NOT EXISTS rpt_outbox (
    id BIGSERIAL PRIMARY KEY,
    topic VARCHAR(255) NOT NULL,
    msg_key VARCHAR(255),
    headers TEXT NOT NULL,
    body BYTEA
);

CREATE TABLE IF NOT EXISTS rpt_ticket (
    ticketid character varying(255) NOT NULL PRIMARY KEY,
    accountid character varying(255),
    acknowledgedat timestamp(6) with time zone,
    application character varying(255),
    breached boolean NOT NULL,
    closedat timestamp(6) with time zone,
    escalated boolean NOT NULL,
    escalatedto character varying(255),
    impact character varying(255),
    kind character varying(255),
    lastsequence bigint NOT NULL,
    level character varying(255),
    openedat timestamp(6) with time zone,
    priority boolean NOT NULL,
    reference character varying(255),
    resolutionbusinessseconds bigint,
    resolutiondeadline timestamp(6) with time zone,
    resolutionoutcome character varying(255),
    resolvedat timestamp(6) with time zone,
    responsebusinessseconds bigint,
    responsedeadline timestamp(6) with time zone,
    responseoutcome character varying(255),
    severity character varying(255),
    status character varying(255),
    title character varying(400),
    updatedat timestamp(6) with time zone
);
CREATE INDEX IF NOT EXISTS rpt_ticket_account_opened ON rpt_ticket (accountid, openedat);
CREATE INDEX IF NOT EXISTS rpt_ticket_status ON rpt_ticket (status, severity);
