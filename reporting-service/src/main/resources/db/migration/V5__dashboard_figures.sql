-- Issue 31: the dashboard in constant time. The projector keeps its figures as it applies events, in the same
-- transaction (ReadModelWriter, DashboardFigures): counters by name in rpt_figure, and on each ticket the running
-- clock's deadline (dueat, only while the ticket is open, acknowledged or on hold) and which clock breached. The
-- dashboard then reads a few counters by key and three short lists off partial indexes in their order.
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS responsebreached boolean NOT NULL DEFAULT false;
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS resolutionbreached boolean NOT NULL DEFAULT false;
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS dueat timestamp(6) with time zone;

CREATE TABLE IF NOT EXISTS rpt_figure (
    name character varying(100) NOT NULL PRIMARY KEY,
    n bigint NOT NULL
);

-- rows folded before this version: which clock breached, from the recorded breaches
UPDATE rpt_ticket t SET responsebreached = true
  FROM (SELECT DISTINCT data::jsonb->>'ticketId' AS id FROM rpt_event
         WHERE type = 'support.sla.breached.v1' AND data::jsonb->>'clock' = 'RESPONSE') b
 WHERE b.id = t.ticketid;
UPDATE rpt_ticket t SET resolutionbreached = true
  FROM (SELECT DISTINCT data::jsonb->>'ticketId' AS id FROM rpt_event
         WHERE type = 'support.sla.breached.v1' AND data::jsonb->>'clock' = 'RESOLUTION') b
 WHERE b.id = t.ticketid;
-- the running clock as ReadModelFold.derive says: the response clock until acknowledged or measured, then resolution
UPDATE rpt_ticket SET
    dueat = CASE WHEN status NOT IN ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD') THEN NULL
                 WHEN acknowledgedat IS NULL AND responseoutcome IS NULL AND responsedeadline IS NOT NULL
                     THEN responsedeadline
                 WHEN resolutionoutcome IS NULL THEN resolutiondeadline END;

-- the counters, as DashboardFigures.names counts them
DELETE FROM rpt_figure;
INSERT INTO rpt_figure (name, n)
SELECT 'open|' || severity || '|' || status, count(*) FROM rpt_ticket
 WHERE severity IS NOT NULL AND status IN ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD', 'RESOLVED')
 GROUP BY severity, status;
INSERT INTO rpt_figure (name, n)
SELECT 'measured|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM rpt_ticket
 WHERE openedat IS NOT NULL AND responseoutcome IS NOT NULL
 GROUP BY 1;
INSERT INTO rpt_figure (name, n)
SELECT 'met|' || to_char(openedat AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM rpt_ticket
 WHERE openedat IS NOT NULL AND responseoutcome = 'MET'
 GROUP BY 1;
INSERT INTO rpt_figure (name, n)
SELECT 'breaches|' || to_char("time" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*) FROM rpt_event
 WHERE type = 'support.sla.breached.v1' AND "time" IS NOT NULL
 GROUP BY 1;

-- the three lists, each read in its index's order and cut at a few lines: near breach forwards from now, overdue
-- backwards from now (and counted up to a cap), priority and escalated tickets
CREATE INDEX IF NOT EXISTS rpt_ticket_due ON rpt_ticket (dueat) WHERE dueat IS NOT NULL;
CREATE INDEX IF NOT EXISTS rpt_ticket_attention ON rpt_ticket (escalated DESC, severity, openedat)
    WHERE (priority OR escalated) AND status IN ('OPEN', 'ACKNOWLEDGED', 'ON_HOLD');
