-- Calendars (and later regions and policies) as data: every version of every item, in the order they were made.
-- seq orders all changes (each instance applies them in that order); (kind, id, version) is one item's history.
CREATE TABLE IF NOT EXISTS sla_config (
    seq         BIGSERIAL PRIMARY KEY,
    kind        VARCHAR(16) NOT NULL,
    id          VARCHAR(64) NOT NULL,
    version     INT NOT NULL,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    definition  TEXT,
    changes     TEXT NOT NULL,
    changed_by  VARCHAR(255) NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, id, version)
);

-- How many versions the clock's calendar had when its deadline and next alarm were computed (1: the shipped one).
ALTER TABLE sla_clock ADD COLUMN IF NOT EXISTS calendar_revision INT NOT NULL DEFAULT 1;

CREATE INDEX IF NOT EXISTS sla_clock_running_by_calendar ON sla_clock (calendar, ticket_id) WHERE status = 'RUNNING';

-- After a calendar change, its running clocks are re-targeted in slices; the cursor survives a restart.
CREATE TABLE IF NOT EXISTS sla_recalculation (
    id            BIGSERIAL PRIMARY KEY,
    calendar      VARCHAR(64) NOT NULL,
    revision      INT NOT NULL,
    version       INT NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    after_ticket  VARCHAR(255) NOT NULL DEFAULT '',
    passes        INT NOT NULL DEFAULT 0,
    clocks_looked INT NOT NULL DEFAULT 0,
    clocks_moved  INT NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS sla_recalculation_open ON sla_recalculation (id) WHERE finished_at IS NULL;
