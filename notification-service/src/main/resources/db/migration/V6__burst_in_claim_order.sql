-- Issue 32: a burst's claim takes a person's 49 longest-due routine e-mails in the order (next_attempt_at, id)
-- (NotificationStore.claimBurst). Its index held them by due time only, and PostgreSQL, taking the pending rows'
-- indexes for empty, served the claim from the claim's index of every pending row instead: it read and sorted all of
-- the person's due e-mails, bodies and all, for each claim (4,000 rows and 150 ms for every 49 sent in a burst of
-- receipts). This index holds the rows in the claim's order, and its condition is written as the claim writes it
-- (NotificationStore.BURST), so that it is the only index that can serve the claim: it reads its rows in order and
-- stops at 49.
CREATE INDEX IF NOT EXISTS ntf_delivery_burst_order ON ntf_delivery (recipient, next_attempt_at, id)
    WHERE CASE WHEN state = 'PENDING' AND channel = 'EMAIL' AND urgency = 4 AND digest_id IS NULL THEN true ELSE false END;
DROP INDEX IF EXISTS ntf_delivery_burst;
