-- Regions are data (sla-service's, on sla-config): an id is up to 32 upper-case letters, digits and underscores.
ALTER TABLE esc_account ALTER COLUMN region TYPE VARCHAR(32);
