-- Policies are data (sla_config kind 'policy'). A clock keeps the warning alarms its target came with, so a later
-- change of the policy applies to tickets opened after it: percents of the target (75) or minus the minutes before
-- the deadline (-30), comma-separated; NULL for a clock stored before: its policy's percents.
ALTER TABLE sla_clock ADD COLUMN IF NOT EXISTS warnings VARCHAR(200);

-- A policy change applied to the running clocks is re-targeted in slices like a calendar change: policy names the
-- policy (calendar is then empty), version its version; the cursor survives a restart.
ALTER TABLE sla_recalculation ADD COLUMN IF NOT EXISTS policy VARCHAR(64);
CREATE INDEX IF NOT EXISTS sla_clock_open_by_policy ON sla_clock (policy, ticket_id)
    WHERE status IN ('RUNNING', 'PAUSED');
