-- When a ticket was last resolved: the automatic close after the quiet period counts from it (null: not resolved).
ALTER TABLE esc_ticket ADD COLUMN IF NOT EXISTS resolved_at TIMESTAMPTZ;
