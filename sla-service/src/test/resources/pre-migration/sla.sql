-- pg_dump --schema-only of the sla schema made by the start-up DDL before migrations were introduced (the local
-- stack, 2026-12-01): what SchemaMigrationIntegrationTest migrates in place.
CREATE SCHEMA sla;
CREATE TABLE sla.sla_account (
    account_id character varying(255) NOT NULL,
    region character varying(16) NOT NULL,
    plan character varying(64) NOT NULL,
    updated_at timestamp with time zone NOT NULL
);
CREATE TABLE sla.sla_clock (
    ticket_id character varying(255) NOT NULL,
    kind character varying(16) NOT NULL,
    account_id character varying(255) NOT NULL,
    policy character varying(64) NOT NULL,
    calendar character varying(64) NOT NULL,
    severity character varying(8) NOT NULL,
    target_ms bigint,
    elapsed_ms bigint NOT NULL,
    running_since timestamp with time zone,
    status character varying(16) NOT NULL,
    deadline timestamp with time zone,
    warnings_fired character varying(64) DEFAULT ''::character varying NOT NULL,
    breached boolean DEFAULT false NOT NULL,
    next_due timestamp with time zone,
    next_alarm integer
);
CREATE TABLE sla.sla_exceptional_event (
    id bigint NOT NULL,
    calendar character varying(64) NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    reason character varying(500) NOT NULL,
    declared_by character varying(255) NOT NULL,
    declared_at timestamp with time zone NOT NULL
);
CREATE SEQUENCE sla.sla_exceptional_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE sla.sla_exceptional_event_id_seq OWNED BY sla.sla_exceptional_event.id;
CREATE TABLE sla.sla_outbox (
    id bigint NOT NULL,
    topic character varying(255) NOT NULL,
    msg_key character varying(255),
    headers text NOT NULL,
    body bytea
);
CREATE SEQUENCE sla.sla_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE sla.sla_outbox_id_seq OWNED BY sla.sla_outbox.id;
CREATE TABLE sla.sla_parked (
    ticket_id character varying(255) NOT NULL,
    sequence bigint NOT NULL,
    headers text NOT NULL,
    body bytea NOT NULL,
    parked_at timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE sla.sla_ticket (
    ticket_id character varying(255) NOT NULL,
    account_id character varying(255) NOT NULL,
    last_sequence bigint NOT NULL,
    sla_sequence bigint NOT NULL,
    policy character varying(64) NOT NULL,
    region character varying(16) NOT NULL,
    severity character varying(8) NOT NULL,
    impact character varying(16) NOT NULL,
    state character varying(16) NOT NULL,
    opened_at timestamp with time zone NOT NULL
);
CREATE TABLE sla.sla_waiting (
    ticket_id character varying(255) NOT NULL,
    account_id character varying(255) NOT NULL,
    since timestamp with time zone NOT NULL
);
ALTER TABLE ONLY sla.sla_exceptional_event ALTER COLUMN id SET DEFAULT nextval('sla.sla_exceptional_event_id_seq'::regclass);
ALTER TABLE ONLY sla.sla_outbox ALTER COLUMN id SET DEFAULT nextval('sla.sla_outbox_id_seq'::regclass);
ALTER TABLE ONLY sla.sla_account
    ADD CONSTRAINT sla_account_pkey PRIMARY KEY (account_id);
ALTER TABLE ONLY sla.sla_clock
    ADD CONSTRAINT sla_clock_pkey PRIMARY KEY (ticket_id, kind);
ALTER TABLE ONLY sla.sla_exceptional_event
    ADD CONSTRAINT sla_exceptional_event_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sla.sla_outbox
    ADD CONSTRAINT sla_outbox_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sla.sla_parked
    ADD CONSTRAINT sla_parked_pkey PRIMARY KEY (ticket_id, sequence);
ALTER TABLE ONLY sla.sla_ticket
    ADD CONSTRAINT sla_ticket_pkey PRIMARY KEY (ticket_id);
ALTER TABLE ONLY sla.sla_waiting
    ADD CONSTRAINT sla_waiting_pkey PRIMARY KEY (ticket_id);
CREATE INDEX sla_clock_next_due ON sla.sla_clock USING btree (next_due) WHERE (next_due IS NOT NULL);
