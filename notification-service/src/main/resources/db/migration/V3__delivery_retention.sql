-- Issue 31: sent deliveries are kept for a retention period (support.notification.delivery-retention, 90 days by
-- default) and then purged in slices, oldest first (NotificationStore.purgeSentBefore); parked ones stay until replayed.
CREATE INDEX IF NOT EXISTS ntf_delivery_sent_done ON ntf_delivery (done_at) WHERE state = 'SENT';
