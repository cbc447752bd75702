-- Issue 31: finding a ticket by a word of its reference, title, description or messages (GET /api/reports/tickets?q=).
-- One tsvector per ticket in rpt_search, kept by the projector as ticket events arrive (ReadModelWriter): the opening's
-- reference and title (weight A) and description (B), each message appended (C). Internal notes are never in it (a
-- customer must not find a ticket by a word only the vendor's staff wrote). Stemmed in the account's support language
-- where PostgreSQL has a stemmer (English, French, German, Spanish, Portuguese), 'simple' otherwise (Chinese), and
-- accents folded in every language (unaccent), so "resume" finds "résumé".
CREATE EXTENSION IF NOT EXISTS unaccent;

ALTER TABLE rpt_account ADD COLUMN IF NOT EXISTS language character varying(8);

DO $$
DECLARE
    lang text;
BEGIN
    FOREACH lang IN ARRAY ARRAY['simple', 'english', 'french', 'german', 'spanish', 'portuguese'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
                        WHERE c.cfgname = 'support_' || lang AND n.nspname = current_schema()) THEN
            EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = pg_catalog.%I)', 'support_' || lang, lang);
            EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR hword, hword_part, word '
                           'WITH unaccent, %s', 'support_' || lang,
                           CASE lang WHEN 'simple' THEN 'simple' ELSE lang || '_stem' END);
        END IF;
    END LOOP;
END
$$;

-- the configuration a support language's text is stemmed with (an unknown or absent language: simple)
-- (both run with this schema's search path, whatever the caller's: the configurations are found here)
CREATE OR REPLACE FUNCTION search_config(language text) RETURNS regconfig LANGUAGE sql STABLE
    SET search_path FROM CURRENT AS $$
    SELECT ('support_' || CASE upper(language)
        WHEN 'EN' THEN 'english' WHEN 'FR' THEN 'french' WHEN 'DE' THEN 'german'
        WHEN 'ES' THEN 'spanish' WHEN 'PT' THEN 'portuguese' ELSE 'simple' END)::regconfig
$$;

-- One term of a search (a word, or a "quoted phrase") in every configuration a ticket may have been stemmed with, the
-- distinct forms OR-ed: a French ticket's "serveurs" is found by "serveur", an English one's "servers" by "server", a
-- reference or a Chinese word as written. NULL when it is a stop word in any of them (it is in no document there).
CREATE OR REPLACE FUNCTION search_term(term text) RETURNS tsquery LANGUAGE sql STABLE
    SET search_path FROM CURRENT AS $$
    SELECT CASE WHEN bool_or(q::text = '') THEN NULL
                ELSE string_agg(DISTINCT '(' || q::text || ')', ' | ')::tsquery END
      FROM unnest(ARRAY[websearch_to_tsquery(search_config(NULL), term),
                        websearch_to_tsquery(search_config('EN'), term),
                        websearch_to_tsquery(search_config('FR'), term),
                        websearch_to_tsquery(search_config('DE'), term),
                        websearch_to_tsquery(search_config('ES'), term),
                        websearch_to_tsquery(search_config('PT'), term)]) AS q
$$;

-- A search: every term that is not negated, and none of the negated ones (each in all its forms: a negated word is
-- excluded whichever language stemmed it). NULL when no term is left to look for. The service asks for it first and
-- sends it back as a constant, so that the planner sees the words' frequencies.
CREATE OR REPLACE FUNCTION search_query(terms text[], negated boolean[]) RETURNS tsquery LANGUAGE sql STABLE
    SET search_path FROM CURRENT AS $$
    SELECT CASE WHEN bool_or(NOT n AND t IS NOT NULL)
                THEN string_agg(CASE WHEN n THEN '!(' ELSE '(' END || t::text || ')', ' & ')
                         FILTER (WHERE t IS NOT NULL)::tsquery END
      FROM (SELECT search_term(term) AS t, n FROM unnest(terms, negated) AS x(term, n)) AS y
$$;

CREATE TABLE IF NOT EXISTS rpt_search (
    ticketid character varying(255) NOT NULL PRIMARY KEY,
    accountid character varying(255),
    openedat timestamp(6) with time zone NOT NULL,
    doc tsvector NOT NULL
);
-- the words' frequencies in detail: the planner then walks the newest-first index for a common word and reads the
-- GIN index for a rare one (its default sample takes every rare word for one in forty tickets)
ALTER TABLE rpt_search ALTER COLUMN doc SET STATISTICS 10000;
CREATE INDEX IF NOT EXISTS rpt_search_doc ON rpt_search USING gin (doc);
CREATE INDEX IF NOT EXISTS rpt_search_newest ON rpt_search (openedat DESC, ticketid DESC);
CREATE INDEX IF NOT EXISTS rpt_search_account ON rpt_search (accountid, openedat DESC, ticketid DESC);

-- tickets folded before this version, from the event log (a rebuild makes the same)
INSERT INTO rpt_search (ticketid, accountid, openedat, doc)
SELECT e.data::jsonb->>'ticketId', e.data::jsonb->>'accountId',
       coalesce(t.openedat, (e.data::jsonb->>'at')::timestamptz, e."time"),
       setweight(to_tsvector(search_config(a.language),
                 coalesce(e.data::jsonb->>'reference', '') || ' ' || coalesce(e.data::jsonb->>'title', '')), 'A')
       || setweight(to_tsvector(search_config(a.language), coalesce(e.data::jsonb->>'description', '')), 'B')
  FROM rpt_event e
  JOIN rpt_ticket t ON t.ticketid = e.data::jsonb->>'ticketId'
  LEFT JOIN rpt_account a ON a.accountid = t.accountid
 WHERE e.type = 'support.ticket.opened.v1'
ON CONFLICT (ticketid) DO NOTHING;
UPDATE rpt_search s SET doc = s.doc || m.doc
  FROM (SELECT e.data::jsonb->>'ticketId' AS ticketid,
               setweight(to_tsvector(search_config(max(a.language)), string_agg(e.data::jsonb->>'body', ' ')), 'C') AS doc
          FROM rpt_event e
          LEFT JOIN rpt_ticket t ON t.ticketid = e.data::jsonb->>'ticketId'
          LEFT JOIN rpt_account a ON a.accountid = t.accountid
         WHERE e.type = 'support.ticket.message-added.v1'
         GROUP BY 1) m
 WHERE m.ticketid = s.ticketid;
