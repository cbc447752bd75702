-- pg_dump --schema-only of ticket-service's tables in the public schema, made by the start-up DDL and Axon's
-- createSchema before migrations were introduced (the local stack, 2026-12-01): what SchemaMigrationIntegrationTest
-- migrates in place.
CREATE TABLE public.domainevententry (
    globalindex bigint NOT NULL,
    aggregateidentifier character varying(255) NOT NULL,
    sequencenumber bigint NOT NULL,
    type character varying(255),
    eventidentifier character varying(255) NOT NULL,
    metadata bytea,
    payload bytea NOT NULL,
    payloadrevision character varying(255),
    payloadtype character varying(255) NOT NULL,
    "timestamp" character varying(255) NOT NULL
);
CREATE SEQUENCE public.domainevententry_globalindex_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.domainevententry_globalindex_seq OWNED BY public.domainevententry.globalindex;
CREATE TABLE public.processed_command (
    command_id character varying(300) NOT NULL,
    request_hash character varying(64),
    target_id character varying(255) NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE public.snapshotevententry (
    aggregateidentifier character varying(255) NOT NULL,
    sequencenumber bigint NOT NULL,
    type character varying(255) NOT NULL,
    eventidentifier character varying(255) NOT NULL,
    metadata bytea,
    payload bytea NOT NULL,
    payloadrevision character varying(255),
    payloadtype character varying(255) NOT NULL,
    "timestamp" character varying(255) NOT NULL
);
CREATE SEQUENCE public.ticket_reference_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
CREATE TABLE public.tokenentry (
    processorname character varying(255) NOT NULL,
    segment integer NOT NULL,
    token bytea,
    tokentype character varying(255),
    "timestamp" character varying(255),
    owner character varying(255)
);
ALTER TABLE ONLY public.domainevententry ALTER COLUMN globalindex SET DEFAULT nextval('public.domainevententry_globalindex_seq'::regclass);
ALTER TABLE ONLY public.domainevententry
    ADD CONSTRAINT domainevententry_aggregateidentifier_sequencenumber_key UNIQUE (aggregateidentifier, sequencenumber);
ALTER TABLE ONLY public.domainevententry
    ADD CONSTRAINT domainevententry_eventidentifier_key UNIQUE (eventidentifier);
ALTER TABLE ONLY public.domainevententry
    ADD CONSTRAINT domainevententry_pkey PRIMARY KEY (globalindex);
ALTER TABLE ONLY public.processed_command
    ADD CONSTRAINT processed_command_pkey PRIMARY KEY (command_id);
ALTER TABLE ONLY public.snapshotevententry
    ADD CONSTRAINT snapshotevententry_eventidentifier_key UNIQUE (eventidentifier);
ALTER TABLE ONLY public.snapshotevententry
    ADD CONSTRAINT snapshotevententry_pkey PRIMARY KEY (aggregateidentifier, sequencenumber);
ALTER TABLE ONLY public.tokenentry
    ADD CONSTRAINT tokenentry_pkey PRIMARY KEY (processorname, segment);
