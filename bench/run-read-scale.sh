#!/usr/bin/env bash
# The read side at scale (issue 31) on the running local stack (deploy/local/stack up): writes N tickets (default
# 1,000,000) with titles, descriptions and about five messages each in six languages to the topics (ReadScale load),
# waits until reporting-service has folded them all, then measures the dashboard, the work queue's first page and three
# searches (a rare word, a common word, a reference), 200 calls each (ReadScale measure), and rebuilds the read model
# from the topics. The machine's own figure goes beside them: pgbench, single-row insert commits, 8 clients, 10 s.
# Prints: RESULT tickets=N dashboard_p99_ms=… queue_p99_ms=… search_p99_ms=… rebuild_events_per_s=… pgbench_tps=…
# Usage: bench/run-read-scale.sh [TICKETS]     (REBUILD=0 leaves the rebuild out; LOAD=0 measures what is there)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TICKETS="${1:-1000000}"
PG_PORT="${PG_PORT:-5432}"
export PGPASSWORD="${SUPPORT_DB_PASSWORD:-postgres}"
curl -fsS -o /dev/null http://localhost:8085/q/health/ready || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[[ -x "$PGBENCH" ]] || { echo "pgbench is missing (Debian: apt-get install postgresql-15)" >&2; exit 1; }
PSQL="$(dirname "$PGBENCH")/psql"
ls "$ROOT"/bench/target/bench-*.jar >/dev/null 2>&1 || (cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
token() { "$ROOT/deploy/local/stack" token adam.admin; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== the machine: pgbench single-row insert commits, 8 clients, 10 s"
PGB=$(PG_PORT="$PG_PORT" "$ROOT/bench/pgbench-tps.sh" 10)
echo "pgbench_tps=$PGB"

REFERENCE="${REFERENCE:-RS-0}" # LOAD=0: REFERENCE=<a reference of the loaded tickets> (the load prints one)
if [[ "${LOAD:-1}" != 0 ]]; then
  echo "== writing $TICKETS tickets to the topics"
  java -Xmx512m -cp "$CP" com.supportdesk.bench.ReadScale load --tickets="$TICKETS" | tee "$WORK/load.out"
  REFERENCE=$(awk '/^REFERENCE/ {print $2}' "$WORK/load.out")
  echo "== waiting for reporting-service to fold them"
  java -cp "$CP" com.supportdesk.bench.ConsumerLag --group=reporting-service \
    --topics=ticket-events,sla-events,escalation-events,notification-events,account-events --limit=14400
  echo "== waiting for the other services to work the tickets off too (the measurement wants a quiet machine)"
  java -cp "$CP" com.supportdesk.bench.ConsumerLag --drain --limit=14400
fi
# after a bulk load the statistics are refreshed at once rather than at autovacuum's next turn (docs/runbook.md)
"$PSQL" -h localhost -p "$PG_PORT" -U postgres -qAt postgres -c "ANALYZE reporting.rpt_ticket, reporting.rpt_search"
TICKETS_NOW=$("$PSQL" -h localhost -p "$PG_PORT" -U postgres -qAt postgres -c "SELECT count(*) FROM reporting.rpt_ticket")
echo "== measuring with $TICKETS_NOW tickets in the read model"
SUPPORT_TOKEN="$(token)" REFERENCE="$REFERENCE" java -cp "$CP" com.supportdesk.bench.ReadScale measure | tee "$WORK/measure.out"
MEASURED=$(cat "$WORK/measure.out")
RATE=-
if [[ "${REBUILD:-1}" != 0 ]]; then
  echo "== rebuilding the read model from the topics"
  T="$(token)"
  curl -fsS -X POST -H "Authorization: Bearer $T" http://localhost:8085/api/reports/admin/rebuild >/dev/null
  while sleep 5; do
    STATUS=$(curl -fsS -H "Authorization: Bearer $(token)" http://localhost:8085/api/reports/admin/rebuild)
    grep -q '"RUNNING"' <<<"$STATUS" || break
    echo "$STATUS"
  done
  echo "$STATUS"
  RATE=$(sed -n 's/.*"eventsPerSecond":\([0-9]*\).*/\1/p' <<<"$STATUS")
fi
echo "RESULT tickets=$TICKETS_NOW $(sed -n 's/^MEASURED //p' <<<"$MEASURED") rebuild_events_per_s=$RATE pgbench_tps=$PGB"
