-- The W3C traceparent of the handling of the event that caused a delivery: its sending joins that trace (one trace
-- per ticket across every hop). Null for deliveries queued before tracing, or with tracing off.
ALTER TABLE ntf_delivery ADD COLUMN IF NOT EXISTS trace VARCHAR(64);
