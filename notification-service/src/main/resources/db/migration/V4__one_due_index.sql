-- Issue 32: a pending delivery was entered in two indexes of the same rows, (channel, slot, urgency, next_attempt_at)
-- for the claim and (channel, slot, next_attempt_at) for the idle sender's "when is the next one due". The second is
-- gone: that question is now asked of the first, one probe per slot and urgency (NotificationStore.nextAttempt). Each
-- e-mail queued, and each joining a digest, writes one index entry fewer.
DROP INDEX IF EXISTS ntf_delivery_slot_due;
