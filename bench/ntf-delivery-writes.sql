-- The write path of an e-mail in notification-service's delivery table, on a scratch copy with and without one index:
-- queued (insert), joined to a digest (update), sent (update), as the benchmark's e-mails are. Run on the stack's
-- PostgreSQL after notification-service has migrated once:
--   psql -h localhost -U postgres -d postgres -v rows=50000 -f bench/ntf-delivery-writes.sql
-- It prints each phase's time with every index of today's table, then again with the (channel, slot, next_attempt_at)
-- index V4 dropped put back, twice in turn. The scratch schema is dropped at the end.
\set ON_ERROR_STOP on
\if :{?rows}
\else
  \set rows 50000
\endif
\timing off
DROP SCHEMA IF EXISTS ntf_bench CASCADE;
CREATE SCHEMA ntf_bench;
CREATE TABLE ntf_bench.d (LIKE notification.ntf_delivery INCLUDING ALL);
\set QUIET on
CREATE OR REPLACE FUNCTION ntf_bench.run(label text, n int) RETURNS TABLE (phase text, ms numeric) LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz;
BEGIN
  TRUNCATE ntf_bench.d;
  t0 := clock_timestamp();
  INSERT INTO ntf_bench.d (id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id, language,
      subject, body, state, attempts, next_attempt_at, created_at, urgency)
    SELECT md5(label || i), 'evt-' || i, 'support.ticket.acknowledged.v1', 'EMAIL', 'STATUS_CHANGE',
      'p' || (i % 24) || '@bench.example', 'bench-' || (i % 8), 'tck-' || (i / 3), 'EN', 'Ticket acknowledged',
      convert_to(repeat('Your ticket was acknowledged. ', 20), 'UTF8'), 'PENDING', 0,
      now() + i * interval '1 millisecond', now(), 4
    FROM generate_series(1, n) AS i;
  phase := label || ': queued'; ms := round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1); RETURN NEXT;
  t0 := clock_timestamp();
  UPDATE ntf_bench.d SET digest_id = 'digest-' || (hashtext(id) & 1023) WHERE state = 'PENDING';
  phase := label || ': joined a digest'; ms := round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1); RETURN NEXT;
  t0 := clock_timestamp();
  UPDATE ntf_bench.d SET state = 'SENT', attempts = 1, done_at = now(), next_attempt_at = NULL WHERE state = 'PENDING';
  phase := label || ': sent'; ms := round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1); RETURN NEXT;
END $$;
\set QUIET off
SELECT count(*) AS indexes_now FROM pg_indexes WHERE schemaname = 'ntf_bench' AND tablename = 'd';
SELECT * FROM ntf_bench.run('now', :rows);
CREATE INDEX d_slot_due ON ntf_bench.d (channel, slot, next_attempt_at) WHERE state = 'PENDING';
SELECT * FROM ntf_bench.run('with the index dropped by V4', :rows);
DROP INDEX ntf_bench.d_slot_due;
SELECT * FROM ntf_bench.run('now', :rows);
CREATE INDEX d_slot_due ON ntf_bench.d (channel, slot, next_attempt_at) WHERE state = 'PENDING';
SELECT * FROM ntf_bench.run('with the index dropped by V4', :rows);
DROP SCHEMA ntf_bench CASCADE;
