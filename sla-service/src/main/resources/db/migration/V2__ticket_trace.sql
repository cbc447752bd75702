-- The W3C traceparent of the last change of a ticket's clocks: the warnings and breaches its timers fire later join
-- that trace (one trace per ticket across every hop). Null for tickets timed before tracing, or with tracing off.
ALTER TABLE sla_ticket ADD COLUMN IF NOT EXISTS trace VARCHAR(64);
