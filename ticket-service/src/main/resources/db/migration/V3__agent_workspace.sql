-- Issue 30: the agent workspace.
-- Who has a ticket open in the agent workspace, and whether they are typing a reply: each open page reports every
-- second; a row older than a few seconds means the page was left. Nothing here needs to survive a crash (unlogged).
CREATE UNLOGGED TABLE IF NOT EXISTS ticket_presence (
    ticket_id character varying(64) NOT NULL,
    user_id character varying(255) NOT NULL,
    typing boolean NOT NULL,
    seen_at timestamp with time zone NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
-- Reply templates administrators manage: one text per support language, with placeholders the workspace fills in.
CREATE TABLE IF NOT EXISTS canned_reply (
    id character varying(64) PRIMARY KEY,
    title character varying(120) NOT NULL,
    bodies jsonb NOT NULL,
    version integer NOT NULL,
    changed_by character varying(255) NOT NULL,
    changed_at timestamp with time zone NOT NULL
);
