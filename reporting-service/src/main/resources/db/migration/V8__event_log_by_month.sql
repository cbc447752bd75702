-- The event log partitioned by the month of each event's time (UTC), so that a month past the retention is dropped
-- (or detached for archiving) as a whole instead of deleted row by row (ADR 0020). The key becomes (eventid, time):
-- an event's time never changes, so a redelivered copy still meets its first copy, in the same partition.
-- An event recorded without a time gets the time it was recorded (time is the partition key, never null).
ALTER TABLE rpt_event RENAME TO rpt_event_v7;
ALTER INDEX IF EXISTS rpt_event_pkey RENAME TO rpt_event_v7_pkey;
ALTER INDEX IF EXISTS rpt_event_subject RENAME TO rpt_event_v7_subject;

CREATE TABLE rpt_event (LIKE rpt_event_v7 INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY RANGE ("time");
ALTER TABLE rpt_event ALTER COLUMN "time" SET NOT NULL;

-- one partition per month from the oldest event's to the month after this one (the keeper makes later ones ahead)
DO $$
DECLARE
    m date;
    last date;
BEGIN
    SELECT date_trunc('month', coalesce(min("time"), now()) AT TIME ZONE 'UTC')::date,
           greatest(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month',
                    date_trunc('month', max("time") AT TIME ZONE 'UTC'))::date
      INTO m, last
      FROM rpt_event_v7;
    WHILE m <= last LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF rpt_event FOR VALUES FROM (%L) TO (%L)',
                       'rpt_event_' || to_char(m, '"y"YYYY"m"MM'),
                       to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00',
                       to_char(m + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
        m := (m + interval '1 month')::date;
    END LOOP;
END $$;

INSERT INTO rpt_event (eventid, data, sequence, source, subject, "time", topic, type)
SELECT eventid, data, sequence, source, subject, coalesce("time", now()), topic, type FROM rpt_event_v7;
DROP TABLE rpt_event_v7;

-- keys and indexes made after the copy (one sort each), on every partition through the parent
ALTER TABLE rpt_event ADD PRIMARY KEY (eventid, "time");
CREATE INDEX rpt_event_subject ON rpt_event (subject, "time");
ANALYZE rpt_event;
