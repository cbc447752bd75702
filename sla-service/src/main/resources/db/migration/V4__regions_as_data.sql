-- Regions are data (sla_config kind 'region'): an id is up to 32 upper-case letters, digits and underscores.
ALTER TABLE sla_ticket ALTER COLUMN region TYPE VARCHAR(32);
ALTER TABLE sla_account ALTER COLUMN region TYPE VARCHAR(32);
CREATE INDEX IF NOT EXISTS sla_account_by_region ON sla_account (region);
