-- When each outbox message was written, for the relay's "oldest waiting" age (the OutboxStuck alert). The event's
-- own time (ce_time) is not that: a clock re-targeted by a calendar change carries the change's instant. Rows already
-- waiting get the time of this migration (a constant default: no rewrite of the table).
ALTER TABLE esc_outbox ADD COLUMN IF NOT EXISTS written_at TIMESTAMPTZ NOT NULL DEFAULT now();
