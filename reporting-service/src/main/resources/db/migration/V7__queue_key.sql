-- Issue 31: the work queue read off an index in its order (QueueKey), not by sorting every waiting ticket. Each
-- waiting ticket (open or acknowledged) carries its place as one text; its account's plan level is kept on it too, and
-- a change of plan rewrites the plan's digit of the account's tickets (ReadModelWriter).
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS planlevel character varying(255);
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS queuekey character varying(400);

UPDATE rpt_ticket t SET planlevel = a.planlevel FROM rpt_account a WHERE a.accountid = t.accountid;
UPDATE rpt_ticket SET queuekey = CASE WHEN status IN ('OPEN', 'ACKNOWLEDGED') THEN
        (CASE WHEN priority OR escalated THEN '0' ELSE '1' END)
     || (CASE planlevel WHEN 'STARS_5' THEN '0' WHEN 'STARS_4' THEN '1' ELSE '2' END)
     || (CASE severity WHEN 'SEV1' THEN '1' WHEN 'SEV2' THEN '2' WHEN 'SEV3' THEN '3' WHEN 'SEV4' THEN '4' ELSE '9' END)
     || (CASE urgency WHEN 'CRITICAL' THEN '0' WHEN 'SERIOUS' THEN '1' WHEN 'LOW' THEN '2' ELSE '3' END)
     || coalesce(lpad(((extract(epoch FROM openedat) * 1000000)::bigint)::text, 17, '0'), '99999999999999999')
     || ticketid END;

CREATE INDEX IF NOT EXISTS rpt_ticket_queue ON rpt_ticket (queuekey) WHERE queuekey IS NOT NULL;
CREATE INDEX IF NOT EXISTS rpt_ticket_queue_level ON rpt_ticket (level, queuekey) WHERE queuekey IS NOT NULL;

-- how many wait at each level (DashboardFigures: queued|<level>)
INSERT INTO rpt_figure (name, n)
SELECT 'queued|' || coalesce(level, ''), count(*) FROM rpt_ticket WHERE queuekey IS NOT NULL GROUP BY 1
ON CONFLICT (name) DO UPDATE SET n = excluded.n;
