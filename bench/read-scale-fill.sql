-- Fills reporting-service's read model up to :tickets tickets directly in SQL (not through the topics): the quick way
-- to measure the read path (dashboard, queue, search) at a million tickets when loading them through the topics would
-- take an hour on two cores. Rows like ReadScale's (titles, descriptions, about five messages of 25 words, from a
-- vocabulary whose words are unevenly common; half the tickets waiting), the counters recounted afterwards. A rebuild
-- from the topics drops these rows again. Usage: psql -v tickets=1000000 -f bench/read-scale-fill.sql
SET search_path = reporting;
SET maintenance_work_mem = '256MB';
CREATE TEMP TABLE words AS SELECT w, row_number() OVER () AS n FROM unnest(string_to_array(
  'invoice export report login password printer server crash slow timeout error payment checkout database connection '
  || 'certificate upgrade license email order screen button page sync backup restore disk memory queue job schedule '
  || 'user permission access network proxy firewall update patch release version mobile app api token webhook', ' ')) w;
CREATE TEMP TABLE have AS SELECT count(*) AS n FROM rpt_ticket;
INSERT INTO rpt_ticket (ticketid, accountid, reference, title, kind, severity, priority, level, status, breached,
    escalated, lastsequence, openedat, acknowledgedat, responsedeadline, resolutiondeadline, responseoutcome,
    responsebreached, resolutionbreached, nonstandard, urgency, planlevel)
SELECT 'fill-' || g, 'fill-' || (g % 500), 'FILL-' || g, 'Ticket ' || g, 'INCIDENT', 'SEV' || (1 + g % 4), g % 37 = 0,
    'L' || (1 + g % 3),
    CASE WHEN g % 10 < 5 THEN 'CLOSED' WHEN g % 10 < 7 THEN 'OPEN' WHEN g % 10 < 9 THEN 'ACKNOWLEDGED' ELSE 'RESOLVED' END,
    g % 13 = 0, g % 53 = 0, 3,
    now() - interval '365 days' + g * interval '30 seconds',
    CASE WHEN g % 10 BETWEEN 5 AND 6 THEN NULL ELSE now() - interval '365 days' + g * interval '30 seconds' + interval '20 minutes' END,
    now() - interval '365 days' + g * interval '30 seconds' + interval '4 hours',
    now() - interval '365 days' + g * interval '30 seconds' + interval '3 days',
    CASE WHEN g % 10 BETWEEN 5 AND 6 THEN NULL WHEN g % 13 = 0 THEN 'MISSED' ELSE 'MET' END,
    g % 13 = 0, g % 17 = 0, false, (ARRAY['NONE','LOW','SERIOUS','CRITICAL'])[1 + g % 4], 'STARS_3'
FROM generate_series(1, greatest(0, :tickets - (SELECT n FROM have))) g;
UPDATE rpt_ticket SET
    dueat = CASE WHEN status NOT IN ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD') THEN NULL
                 WHEN acknowledgedat IS NULL AND responseoutcome IS NULL AND responsedeadline IS NOT NULL THEN responsedeadline
                 WHEN resolutionoutcome IS NULL THEN resolutiondeadline END,
    queuekey = CASE WHEN status IN ('OPEN', 'ACKNOWLEDGED') THEN
        (CASE WHEN priority OR escalated THEN '0' ELSE '1' END) || '2'
     || (CASE severity WHEN 'SEV1' THEN '1' WHEN 'SEV2' THEN '2' WHEN 'SEV3' THEN '3' WHEN 'SEV4' THEN '4' ELSE '9' END)
     || (CASE urgency WHEN 'CRITICAL' THEN '0' WHEN 'SERIOUS' THEN '1' WHEN 'LOW' THEN '2' ELSE '3' END)
     || lpad(((extract(epoch FROM openedat) * 1000000)::bigint)::text, 17, '0') || ticketid END
 WHERE ticketid LIKE 'fill-%';
CREATE TEMP TABLE vocabulary AS SELECT array_agg(w ORDER BY n) AS a FROM words;
INSERT INTO rpt_search (ticketid, accountid, openedat, doc)
SELECT t.ticketid, t.accountid, t.openedat,
    setweight(to_tsvector('support_english', t.reference || ' ' || (SELECT string_agg(v.a[1 + floor(power(random(), 2.5)
        * 48)::int], ' ') FROM generate_series(1, 6 + 0 * length(t.ticketid)), vocabulary v)
        || CASE WHEN substr(t.ticketid, 6)::bigint % 20000 = 7 THEN ' quokkafault' ELSE '' END), 'A')
 || setweight(to_tsvector('support_english', (SELECT string_agg(v.a[1 + floor(power(random(), 2.5) * 48)::int], ' ')
        FROM generate_series(1, 120 + 0 * length(t.ticketid)), vocabulary v)), 'C')
FROM rpt_ticket t WHERE t.ticketid LIKE 'fill-%'
ON CONFLICT (ticketid) DO NOTHING;
DELETE FROM rpt_figure;
INSERT INTO rpt_figure (name, n)
SELECT 'open|' || severity || '|' || status, count(*) FROM rpt_ticket
 WHERE severity IS NOT NULL AND status IN ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD', 'RESOLVED') GROUP BY 1
UNION ALL SELECT 'queued|' || coalesce(level, ''), count(*) FROM rpt_ticket WHERE queuekey IS NOT NULL GROUP BY 1
UNION ALL SELECT 'measured|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM rpt_ticket
 WHERE openedat IS NOT NULL AND responseoutcome IS NOT NULL GROUP BY 1
UNION ALL SELECT 'met|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM rpt_ticket
 WHERE openedat IS NOT NULL AND responseoutcome = 'MET' GROUP BY 1
UNION ALL SELECT 'breaches|' || to_char("time" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*) FROM rpt_event
 WHERE type = 'support.sla.breached.v1' AND "time" IS NOT NULL GROUP BY 1;
VACUUM ANALYZE rpt_ticket;
VACUUM ANALYZE rpt_search;
SELECT count(*) AS tickets FROM rpt_ticket;
