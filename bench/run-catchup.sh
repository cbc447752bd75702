#!/usr/bin/env bash
# Catch-up speed of one consuming service (issue 11) on the running local stack: EVENTS synthetic events are added to
# the topics (Backlog: seven-event ticket lifecycles for the accounts bench-0..7), then SERVICE's stack instance is
# replaced by one with a fresh consumer group and a fresh database, which works off everything on its topics from the
# beginning; the figure is records per second until its lag is 0. The stack's instance is started again afterwards.
# Usage: bench/run-catchup.sh SERVICE EVENTS     e.g. bench/run-catchup.sh notification-service 1000000
#   (PAUSE_OTHERS=1 pauses the other services (SIGSTOP) during the measurement, so the figure is the service's own;
#    otherwise they keep running; let them work off the new backlog before the measurement: WAIT_OTHERS=1;
#    BACKLOG_PREFIX=x writes the backlog for accounts x-0..7 instead of the registered bench-0..7: no e-mails)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICE="${1:?usage: bench/run-catchup.sh SERVICE EVENTS}"
EVENTS="${2:?usage: bench/run-catchup.sh SERVICE EVENTS}"
STACK_HOME="${STACK_HOME:-$ROOT/.stack}"
PG_PORT="${PG_PORT:-5432}"
export PGPASSWORD="${SUPPORT_DB_PASSWORD:-postgres}"
case "$SERVICE" in
  sla-service) PORT=8082; CHANNELS="ticket-events-in account-events-in"; TOPICS=ticket-events,account-events ;;
  escalation-service) PORT=8083; CHANNELS="ticket-events-in sla-events-in account-events-in"
    TOPICS=ticket-events,sla-events,account-events ;;
  notification-service) PORT=8084; CHANNELS="ticket-events-in sla-events-in escalation-events-in account-events-in"
    TOPICS=ticket-events,sla-events,escalation-events,account-events ;;
  reporting-service) PORT=8085; CHANNELS="events-in"
    TOPICS=ticket-events,sla-events,escalation-events,notification-events,account-events ;;
  *) echo "SERVICE is one of sla-service, escalation-service, notification-service, reporting-service" >&2; exit 1 ;;
esac
curl -fsS -o /dev/null "http://localhost:$PORT/q/health/ready" || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1)
ls "$ROOT"/bench/target/bench-*.jar >/dev/null 2>&1 || (cd "$ROOT" && ./mvnw -B -q -pl bench -am -DskipTests package)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"

echo "== writing a backlog of $EVENTS events"
java -cp "$CP" com.supportdesk.bench.Backlog --events="$EVENTS" --prefix="${BACKLOG_PREFIX:-bench}"
if [[ -n "${WAIT_OTHERS:-}" ]]; then
  echo "== waiting for every consumer group to work it off first"
  java -cp "$CP" com.supportdesk.bench.ConsumerLag --drain
fi

RUN="catchup_$(date +%s)"
"$PSQL" -h localhost -p "$PG_PORT" -U postgres -qAt postgres -c "CREATE DATABASE $RUN"
DB_URL="jdbc:postgresql://localhost:$PG_PORT/$RUN"
echo "== $SERVICE with consumer group $RUN and database $RUN"
kill "$(cat "$STACK_HOME/pids/$SERVICE.pid")"
while curl -fsS -o /dev/null "http://localhost:$PORT/q/health/live" 2>/dev/null; do sleep 0.2; done
ARGS=()
for ch in $CHANNELS; do ARGS+=("-Dmp.messaging.incoming.$ch.group.id=$RUN"); done
# the catch-up instance sends no e-mail: no e-mail sender runs (the deliveries are queued, as they would be for the
# senders to work off) and the SMTP port is closed, so the figure is consumption, not the test SMTP server's pace nor
# the retrying of an SMTP outage (a closed port alone made the four senders retry hundreds of thousands of queued
# e-mails in the same database while the consumer was measured)
[[ $SERVICE == notification-service ]] && ARGS+=("-Dsupport.notification.email.senders=0")
(cd "$ROOT/$SERVICE" && SUPPORT_DB_URL="$DB_URL" SUPPORT_DB_REACTIVE_URL="${DB_URL#jdbc:}" \
  KAFKA_BOOTSTRAP_SERVERS=localhost:9092 SUPPORT_SMTP_HOST=localhost SUPPORT_SMTP_PORT=1 \
  exec java -Xmx384m -Ddisable-axoniq-console-message=true "${ARGS[@]}" -jar target/quarkus-app/quarkus-run.jar) \
  >"$STACK_HOME/logs/$SERVICE-$RUN.log" 2>&1 &
PID=$!
OTHERS=()
if [[ -n "${PAUSE_OTHERS:-}" ]]; then
  for s in ticket-service sla-service escalation-service notification-service reporting-service; do
    [[ $s == "$SERVICE" ]] || OTHERS+=("$(cat "$STACK_HOME/pids/$s.pid")")
  done
  kill -STOP "${OTHERS[@]}"
fi
resume() { [[ ${#OTHERS[@]} -eq 0 ]] || kill -CONT "${OTHERS[@]}" 2>/dev/null || true; }
trap 'kill $PID 2>/dev/null || true; resume' EXIT
java -cp "$CP" com.supportdesk.bench.ConsumerLag --group="$RUN" --topics="$TOPICS" --limit="${LIMIT:-3600}"
top -b -n 1 -p "$PID" | tail -2
kill $PID; wait $PID 2>/dev/null || true
resume
trap - EXIT
echo "== the stack's $SERVICE again"
"$ROOT/deploy/local/stack" up >/dev/null
"$PSQL" -h localhost -p "$PG_PORT" -U postgres -qAt postgres -c "DROP DATABASE $RUN" || true
