-- pg_dump --schema-only of the notification schema made by the start-up DDL before migrations were introduced (the local
-- stack, 2026-12-01): what SchemaMigrationIntegrationTest migrates in place.
CREATE SCHEMA notification;
CREATE TABLE notification.ntf_account (
    account_id character varying(255) NOT NULL,
    profile text NOT NULL
);
CREATE TABLE notification.ntf_delivery (
    id character varying(64) NOT NULL,
    trigger_id character varying(300) NOT NULL,
    trigger_type character varying(200) NOT NULL,
    channel character varying(16) NOT NULL,
    kind character varying(32) NOT NULL,
    recipient character varying(300) NOT NULL,
    account_id character varying(255),
    subject_id character varying(255) NOT NULL,
    language character varying(4),
    language_fallback boolean DEFAULT false NOT NULL,
    subject character varying(1000),
    body bytea NOT NULL,
    url character varying(2000),
    state character varying(16) NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone,
    last_error character varying(2000),
    created_at timestamp with time zone NOT NULL,
    done_at timestamp with time zone,
    urgency smallint DEFAULT 4 NOT NULL,
    slot smallint GENERATED ALWAYS AS ((((hashtext((recipient)::text) & 2147483647) % 64))::smallint) STORED,
    digest_id character varying(64)
);
CREATE TABLE notification.ntf_maintenance_scope (
    event_id character varying(300) NOT NULL,
    application character varying(200) NOT NULL,
    headers text NOT NULL,
    body bytea
);
CREATE TABLE notification.ntf_outage (
    outage_id character varying(255) NOT NULL,
    account_id character varying(255) NOT NULL,
    application character varying(200) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    check_at timestamp with time zone,
    verdict character varying(40),
    reason character varying(1000),
    decided_at timestamp with time zone
);
CREATE TABLE notification.ntf_outage_scope (
    outage_id character varying(255) NOT NULL,
    application character varying(200) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone
);
CREATE TABLE notification.ntf_outbox (
    id bigint NOT NULL,
    topic character varying(255) NOT NULL,
    msg_key character varying(255),
    headers text NOT NULL,
    body bytea
);
CREATE SEQUENCE notification.ntf_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE notification.ntf_outbox_id_seq OWNED BY notification.ntf_outbox.id;
CREATE TABLE notification.ntf_seen (
    event_id character varying(300) NOT NULL,
    seen_at timestamp with time zone NOT NULL
);
CREATE TABLE notification.ntf_subscription (
    id character varying(64) NOT NULL,
    url character varying(2000) NOT NULL,
    event_types text NOT NULL,
    accounts text NOT NULL,
    secret text NOT NULL,
    owner character varying(100),
    created_at timestamp with time zone NOT NULL,
    active boolean DEFAULT true NOT NULL,
    previous_secret text,
    previous_until timestamp with time zone
);
CREATE TABLE notification.ntf_ticket (
    ticket_id character varying(255) NOT NULL,
    account_id character varying(255) NOT NULL,
    reference character varying(64),
    title character varying(400),
    severity character varying(8)
);
CREATE TABLE notification.ntf_waiting (
    event_id character varying(300) NOT NULL,
    account_id character varying(255) NOT NULL,
    headers text NOT NULL,
    body bytea,
    received_at timestamp with time zone NOT NULL
);
ALTER TABLE ONLY notification.ntf_outbox ALTER COLUMN id SET DEFAULT nextval('notification.ntf_outbox_id_seq'::regclass);
ALTER TABLE ONLY notification.ntf_account
    ADD CONSTRAINT ntf_account_pkey PRIMARY KEY (account_id);
ALTER TABLE ONLY notification.ntf_delivery
    ADD CONSTRAINT ntf_delivery_pkey PRIMARY KEY (id);
ALTER TABLE ONLY notification.ntf_maintenance_scope
    ADD CONSTRAINT ntf_maintenance_scope_pkey PRIMARY KEY (event_id);
ALTER TABLE ONLY notification.ntf_outage
    ADD CONSTRAINT ntf_outage_pkey PRIMARY KEY (outage_id, account_id);
ALTER TABLE ONLY notification.ntf_outage_scope
    ADD CONSTRAINT ntf_outage_scope_pkey PRIMARY KEY (outage_id);
ALTER TABLE ONLY notification.ntf_outbox
    ADD CONSTRAINT ntf_outbox_pkey PRIMARY KEY (id);
ALTER TABLE ONLY notification.ntf_seen
    ADD CONSTRAINT ntf_seen_pkey PRIMARY KEY (event_id);
ALTER TABLE ONLY notification.ntf_subscription
    ADD CONSTRAINT ntf_subscription_pkey PRIMARY KEY (id);
ALTER TABLE ONLY notification.ntf_ticket
    ADD CONSTRAINT ntf_ticket_pkey PRIMARY KEY (ticket_id);
ALTER TABLE ONLY notification.ntf_waiting
    ADD CONSTRAINT ntf_waiting_pkey PRIMARY KEY (event_id);
CREATE INDEX ntf_delivery_burst ON notification.ntf_delivery USING btree (recipient, next_attempt_at) WHERE (((state)::text = 'PENDING'::text) AND ((channel)::text = 'EMAIL'::text) AND (urgency = 4) AND (digest_id IS NULL));
CREATE INDEX ntf_delivery_digest ON notification.ntf_delivery USING btree (digest_id) WHERE (digest_id IS NOT NULL);
CREATE INDEX ntf_delivery_parked ON notification.ntf_delivery USING btree (created_at) WHERE ((state)::text = 'PARKED'::text);
CREATE INDEX ntf_delivery_slot_due ON notification.ntf_delivery USING btree (channel, slot, next_attempt_at) WHERE ((state)::text = 'PENDING'::text);
CREATE INDEX ntf_delivery_slot_urgent ON notification.ntf_delivery USING btree (channel, slot, urgency, next_attempt_at) WHERE ((state)::text = 'PENDING'::text);
CREATE INDEX ntf_delivery_subject ON notification.ntf_delivery USING btree (subject_id, created_at);
CREATE INDEX ntf_outage_check ON notification.ntf_outage USING btree (check_at) WHERE (verdict IS NULL);
CREATE INDEX ntf_seen_at ON notification.ntf_seen USING btree (seen_at);
CREATE INDEX ntf_waiting_account ON notification.ntf_waiting USING btree (account_id, received_at);
