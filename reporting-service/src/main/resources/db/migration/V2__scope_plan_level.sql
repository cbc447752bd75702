-- Issue 13: the non-standard scope flag and the customer's urgency on tickets (the monthly report and the work queue),
-- the plan level on accounts (the work queue's order). Rows folded before this version get the defaults; a rebuild
-- (POST /api/reports/admin/rebuild) fills them from the topics.
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS urgency character varying(255);
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS nonstandard boolean NOT NULL DEFAULT false;
ALTER TABLE rpt_ticket ADD COLUMN IF NOT EXISTS scopereason character varying(2000);
ALTER TABLE rpt_account ADD COLUMN IF NOT EXISTS planlevel character varying(255);
