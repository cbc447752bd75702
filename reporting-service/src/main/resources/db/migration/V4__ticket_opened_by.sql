-- Issue 29: a customer's own tickets in the customer space (GET /api/reports/tickets?openedBy=), newest first and
-- paged by key. Rows folded before this version have no opener until a rebuild (POST /api/reports/admin/rebuild)
-- fills it from the topics.
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS openedby character varying(255);
CREATE INDEX IF NOT EXISTS rpt_ticket_account_opener ON rpt_ticket (accountid, openedby, openedat);
