-- pg_dump --schema-only of the reporting schema made by Hibernate's schema update and the projector's outbox DDL
-- before migrations were introduced (reporting-service on a new database, 2026-12-01): what
-- SchemaMigrationIntegrationTest migrates in place.
CREATE SCHEMA reporting;
CREATE TABLE reporting.rpt_account (
    accountid character varying(255) NOT NULL,
    applications character varying(4000),
    name character varying(255),
    region character varying(255),
    supportplan character varying(255)
);
CREATE TABLE reporting.rpt_audit (
    auditid character varying(255) NOT NULL,
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
CREATE TABLE reporting.rpt_event (
    eventid character varying(300) NOT NULL,
    data text,
    sequence bigint,
    source character varying(255),
    subject character varying(255),
    "time" timestamp(6) with time zone,
    topic character varying(255),
    type character varying(255)
);
CREATE TABLE reporting.rpt_outage (
    outageid character varying(255) NOT NULL,
    affectedaccounts character varying(4000),
    application character varying(255),
    cancelled boolean NOT NULL,
    endedat timestamp(6) with time zone,
    planned boolean NOT NULL,
    startedat timestamp(6) with time zone
);
CREATE TABLE reporting.rpt_outbox (
    id bigint NOT NULL,
    topic character varying(255) NOT NULL,
    msg_key character varying(255),
    headers text NOT NULL,
    body bytea
);
CREATE SEQUENCE reporting.rpt_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE reporting.rpt_outbox_id_seq OWNED BY reporting.rpt_outbox.id;
CREATE TABLE reporting.rpt_ticket (
    ticketid character varying(255) NOT NULL,
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
ALTER TABLE ONLY reporting.rpt_outbox ALTER COLUMN id SET DEFAULT nextval('reporting.rpt_outbox_id_seq'::regclass);
ALTER TABLE ONLY reporting.rpt_account
    ADD CONSTRAINT rpt_account_pkey PRIMARY KEY (accountid);
ALTER TABLE ONLY reporting.rpt_audit
    ADD CONSTRAINT rpt_audit_pkey PRIMARY KEY (auditid);
ALTER TABLE ONLY reporting.rpt_event
    ADD CONSTRAINT rpt_event_pkey PRIMARY KEY (eventid);
ALTER TABLE ONLY reporting.rpt_outage
    ADD CONSTRAINT rpt_outage_pkey PRIMARY KEY (outageid);
ALTER TABLE ONLY reporting.rpt_outbox
    ADD CONSTRAINT rpt_outbox_pkey PRIMARY KEY (id);
ALTER TABLE ONLY reporting.rpt_ticket
    ADD CONSTRAINT rpt_ticket_pkey PRIMARY KEY (ticketid);
CREATE INDEX rpt_audit_actor_at ON reporting.rpt_audit USING btree (actor, at);
CREATE INDEX rpt_audit_at ON reporting.rpt_audit USING btree (at);
CREATE INDEX rpt_event_subject ON reporting.rpt_event USING btree (subject, "time");
CREATE INDEX rpt_ticket_account_opened ON reporting.rpt_ticket USING btree (accountid, openedat);
CREATE INDEX rpt_ticket_status ON reporting.rpt_ticket USING btree (status, severity);
