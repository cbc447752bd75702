-- Issue 13: every monthly report issued for delivery, once per (account, month, issue). Issue 0 is the scheduled one
-- (the primary key makes it once, across restarts and instances); 1, 2, ... are resends asked for by operations.
CREATE TABLE IF NOT EXISTS rpt_report_issue (
    account_id VARCHAR(255) NOT NULL, month CHAR(7) NOT NULL, issue INT NOT NULL,
    requested_by VARCHAR(100), issued_at TIMESTAMPTZ NOT NULL, event_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (account_id, month, issue));
