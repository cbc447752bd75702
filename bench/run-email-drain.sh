#!/usr/bin/env bash
# notification-service's e-mail senders draining a queue, on the running local stack (deploy/local/stack up): N e-mails
# (default 100,000) are queued at once in its delivery table to 200 recipients, as maintenance notices (never coalesced
# into digests, so each is a message; GreenMail makes a mailbox per recipient, and 100,000 of them slowed it tenfold),
# half of them in German (beyond ASCII: quoted-printable on a server without 8BITMIME, as GreenMail), with bodies of
# the length of the platform's notices. After a warm-up of [warm] seconds (default 20), CPU is measured per
# component over [seconds] (default 60) and divided by the messages the SMTP server accepted in that window.
# Prints: RESULT email_drain_messages_per_s=… cpu_ms_per_message=… notification_jvm_ms_per_message=…
#         pg_for_notification_ms_per_message=… smtp_server_ms_per_message=…
# Usage: bench/run-email-drain.sh [N] [seconds] [warm]   (PG_TOP=n lists the n costliest statements)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-100000}"; SECS="${2:-60}"; WARM="${3:-20}"
curl -fsS -o /dev/null http://localhost:8084/q/health/ready || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
export PGPASSWORD="${PGPASSWORD:-postgres}"
q() { psql -h localhost -p "${PG_PORT:-5432}" -U postgres -d postgres -qAt -c "$1"; }
# the local stack's SMTP server (GreenMail) keeps every mail in memory: emptied first
curl -fsS -o /dev/null -X POST "http://localhost:${MAIL_API_PORT:-8025}/api/mail/purge" || true
RUN="drain-$(date +%s)"
echo "== queueing $N routine e-mails ($RUN)"
q "INSERT INTO notification.ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id,
     subject_id, language, subject, body, state, attempts, next_attempt_at, created_at, urgency)
   SELECT '$RUN-' || n, '$RUN-' || n, 'support.maintenance.announced.v1', 'EMAIL', 'MAINTENANCE',
     'r' || (n % 200) || '@$RUN.example', 'acc-$RUN', 'tck-$RUN-' || n, CASE WHEN n % 2 = 0 THEN 'DE' ELSE 'EN' END,
     CASE WHEN n % 2 = 0 THEN '[TKT-' || n || '] Ticket bestätigt: Überweisung schlägt fehl'
          ELSE '[TKT-' || n || '] Ticket acknowledged: Checkout fails' END,
     convert_to(CASE WHEN n % 2 = 0
       THEN E'Guten Tag Anna,\n\nIhr Ticket TKT-' || n || E' wurde von unserem Support-Team bestätigt.\n'
         || E'Schweregrad: S2 (hoch). Nächster Schritt: Analyse durch die zweite Ebene.\n\n'
         || E'Titel: Überweisung schlägt fehl\nStatus: bestätigt\nZuständig: Tilo Müller\n\n'
         || E'Sie können das Ticket hier verfolgen und beantworten:\nhttp://localhost:8086/tickets/tck-' || n
         || E'\n\nMit freundlichen Grüßen\nIhr Support-Team\n'
       ELSE E'Hello Ann,\n\nyour ticket TKT-' || n || E' was acknowledged by our support team.\n'
         || E'Severity: S2 (high). Next step: analysis by the second level.\n\n'
         || E'Title: Checkout fails\nState: acknowledged\nAssignee: Tim Miller\n\n'
         || E'Follow and answer the ticket here:\nhttp://localhost:8086/tickets/tck-' || n
         || E'\n\nKind regards,\nYour support team\n' END, 'UTF8'),
     'PENDING', 0, now(), now(), 3
   FROM generate_series(1, $N) AS n"
sent() { q "SELECT count(*) FROM notification.ntf_delivery WHERE account_id = 'acc-$RUN' AND state = 'SENT'"; }
echo "== warm-up ${WARM}s"
sleep "$WARM"
S0=$(sent)
python3 "$ROOT/bench/cpu_by_component.py" snapshot /tmp/drain-cpu0.json
sleep "$SECS"
python3 "$ROOT/bench/cpu_by_component.py" snapshot /tmp/drain-cpu1.json
S1=$(sent)
M=$((S1 - S0))
((M > 0)) || { echo "no e-mail was sent in the window: is notification-service sending? (its log)" >&2; exit 1; }
((S1 < N)) || echo "warning: the queue ran dry within the window: the rate is a lower bound (a larger N)" >&2
OUT=$(python3 "$ROOT/bench/cpu_by_component.py" diff /tmp/drain-cpu0.json /tmp/drain-cpu1.json "$M")
grep -E "^cpu|^pg top" <<<"$OUT" | sed 's/per 1,000 commands/per 1,000 messages/; s/per command/per message/'
total=$(awk '$1 == "cpu" && $2 == "total" {print $(NF-4)}' <<<"$OUT")
jvm=$(awk '$1 == "cpu" && $2 == "notification-service" {print $(NF-4)}' <<<"$OUT")
pg=$(awk '$1 == "cpu" && $2 == "for" && $3 == "notification-service" {print $(NF-4)}' <<<"$OUT")
smtp=$(awk '$1 == "cpu" && $2 == "smtp" {print $(NF-4)}' <<<"$OUT")
echo "RESULT email_drain_messages_per_s=$((M / SECS)) cpu_ms_per_message=$total notification_jvm_ms_per_message=$jvm" \
  "pg_for_notification_ms_per_message=${pg:-NaN} smtp_server_ms_per_message=${smtp:-NaN}"
# what is left of this run's queue is cancelled, so the next run starts from an empty one
q "UPDATE notification.ntf_delivery SET state = 'CANCELLED', next_attempt_at = NULL
   WHERE account_id = 'acc-$RUN' AND state = 'PENDING'" >/dev/null
