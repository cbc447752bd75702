-- pg_dump --schema-only of the escalation schema made by the start-up DDL before migrations were introduced (the local
-- stack, 2026-12-01): what SchemaMigrationIntegrationTest migrates in place.
CREATE SCHEMA escalation;
CREATE TABLE escalation.esc_account (
    account_id character varying(255) NOT NULL,
    region character varying(16) NOT NULL,
    plan character varying(64) NOT NULL,
    revoked boolean NOT NULL,
    primary_user character varying(100),
    backup_user character varying(100),
    sam_user character varying(100),
    updated_at timestamp with time zone NOT NULL
);
CREATE TABLE escalation.esc_decision (
    decision_key character varying(400) NOT NULL,
    ticket_id character varying(255) NOT NULL,
    rule character varying(100) NOT NULL,
    action character varying(32) NOT NULL,
    target character varying(64),
    to_level character varying(4),
    reason character varying(2000) NOT NULL,
    notifies character varying(100),
    trigger_id character varying(300),
    command_id character varying(64) NOT NULL,
    decided_at timestamp with time zone NOT NULL
);
CREATE TABLE escalation.esc_early_breach (
    ticket_id character varying(255) NOT NULL,
    clock character varying(16) NOT NULL,
    target_ms bigint,
    deadline timestamp with time zone,
    event_id character varying(300) NOT NULL
);
CREATE TABLE escalation.esc_outbox (
    id bigint NOT NULL,
    topic character varying(255) NOT NULL,
    msg_key character varying(255),
    headers text NOT NULL,
    body bytea
);
CREATE SEQUENCE escalation.esc_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE escalation.esc_outbox_id_seq OWNED BY escalation.esc_outbox.id;
CREATE TABLE escalation.esc_ticket (
    ticket_id character varying(255) NOT NULL,
    account_id character varying(255) NOT NULL,
    last_sequence bigint NOT NULL,
    severity character varying(8) NOT NULL,
    impact character varying(16) NOT NULL,
    priority boolean NOT NULL,
    level character varying(4) NOT NULL,
    acknowledged boolean NOT NULL,
    resolved boolean NOT NULL,
    closed boolean NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    last_progress_at timestamp with time zone NOT NULL,
    level_since timestamp with time zone NOT NULL,
    escalated_to character varying(200) DEFAULT ''::character varying NOT NULL,
    next_check timestamp with time zone,
    breach_clock character varying(16),
    breach_target_ms bigint,
    breach_deadline timestamp with time zone,
    breach_event_id character varying(300)
);
ALTER TABLE ONLY escalation.esc_outbox ALTER COLUMN id SET DEFAULT nextval('escalation.esc_outbox_id_seq'::regclass);
ALTER TABLE ONLY escalation.esc_account
    ADD CONSTRAINT esc_account_pkey PRIMARY KEY (account_id);
ALTER TABLE ONLY escalation.esc_decision
    ADD CONSTRAINT esc_decision_pkey PRIMARY KEY (decision_key);
ALTER TABLE ONLY escalation.esc_early_breach
    ADD CONSTRAINT esc_early_breach_pkey PRIMARY KEY (ticket_id);
ALTER TABLE ONLY escalation.esc_outbox
    ADD CONSTRAINT esc_outbox_pkey PRIMARY KEY (id);
ALTER TABLE ONLY escalation.esc_ticket
    ADD CONSTRAINT esc_ticket_pkey PRIMARY KEY (ticket_id);
CREATE INDEX esc_decision_ticket ON escalation.esc_decision USING btree (ticket_id, decided_at);
CREATE INDEX esc_ticket_next_check ON escalation.esc_ticket USING btree (next_check) WHERE (next_check IS NOT NULL);
