-- The tiered agreement's 24/7 follow-up may be downgraded to business hours when the customer cannot provide
-- resources round the clock: the ticket's follow-up clocks then count on its business-hours calendar.
ALTER TABLE sla_ticket ADD COLUMN IF NOT EXISTS follow_up_downgraded BOOLEAN NOT NULL DEFAULT FALSE;
