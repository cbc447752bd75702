#!/usr/bin/env bash
# The customer space on the running local stack (deploy/local/stack up), for docs/benchmarks.md:
#   1. the machine's raw ceiling (pgbench single-row commits), to quote the figures beside;
#   2. a customer's home page (GET / of the portal: My tickets) with N tickets of theirs (default 1,000), signed in
#      through Keycloak's real login form: wrk, 2 connections, latency distribution (p50, p99) and requests/s;
#   3. a 25 MB upload's effect on ticket-service's heap: G1 puts any array over half a region straight into the old
#      generation, so a body held whole would show there; the old generation is sampled every 50 ms during the upload.
# Usage: bench/run-portal.sh [tickets, default 1000] [seconds, default 30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000}"
SECS="${2:-30}"
PG_PORT="${PG_PORT:-5432}"
export PGPASSWORD="${SUPPORT_DB_PASSWORD:-postgres}"
STACK="$ROOT/deploy/local/stack"
curl -fsS -o /dev/null http://localhost:8086/q/health/ready || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)

if [[ -x "$PGBENCH" ]]; then
  RAW=$(PG_PORT="$PG_PORT" "$ROOT/bench/pgbench-tps.sh" 10)
  echo "RESULT raw_commits_per_s=$RAW"
fi

ADMIN=$("$STACK" token adam.admin)
# the account of the demo customer (201, or 409 when it is registered already)
curl -s -o /dev/null -X POST localhost:8081/api/accounts -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"accountId":"acme","profile":{"name":"Acme","region":"EUROPE","language":"EN","supportPlan":"standard",
       "primaryContact":{"userId":"dora.acme","name":"Dora","email":"dora.acme@acme.example"},
       "backupContact":{"userId":"backup.acme","name":"Bo","email":"backup@acme.example"},
       "strategicAccountManager":{"userId":"sam.acme","name":"Sam","email":"sam.acme@vendor.example"}}}'
CARLA=$("$STACK" token carla.acme)
have=$(curl -fsS "localhost:8085/api/reports/tickets/counts?accountId=acme&openedBy=carla.acme" -H "Authorization: Bearer $CARLA" \
  | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["byStatus"].values()))')
echo "== carla.acme has $have tickets; opening $((N > have ? N - have : 0)) more"
for ((i = have; i < N; i++)); do
  printf '{"accountId":"acme","kind":"INCIDENT","severity":"SEV3","title":"Bench ticket %d","description":"Opened by bench/run-portal.sh"}\n' "$i"
done | xargs -d '\n' -P 4 -I{} curl -fsS -o /dev/null -X POST localhost:8081/api/tickets -H "Authorization: Bearer $CARLA" \
  -H 'Content-Type: application/json' -d '{}'
until [[ $(curl -fsS "localhost:8085/api/reports/tickets/counts?accountId=acme&openedBy=carla.acme" -H "Authorization: Bearer $CARLA" \
  | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["byStatus"].values()))') -ge $N ]]; do
  sleep 1 # the read model catching up
done

echo "== sign in as carla.acme through Keycloak's login form"
JAR=$(mktemp)
curl -s -c "$JAR" -b "$JAR" -L http://localhost:8086/ -o "$JAR.login"
ACTION=$(grep -o 'action="[^"]*"' "$JAR.login" | head -1 | sed 's/action="//;s/"$//;s/&amp;/\&/g')
curl -s -c "$JAR" -b "$JAR" -L "$ACTION" -d username=carla.acme -d password=support-demo -o /dev/null
COOKIE=$(awk '$1 ~ /localhost/ && $6 ~ /^q_session/ {printf "%s=%s; ", $6, $7}' "$JAR")
[[ -n "$COOKIE" ]] || { echo "no session cookie after the login" >&2; exit 1; }
curl -fsS -o /dev/null -H "Cookie: $COOKIE" http://localhost:8086/ || { echo "the home page refused the session" >&2; exit 1; }

echo "== the home page, ${SECS}s, 2 connections"
wrk -t 2 -c 2 -d "${SECS}s" --latency -H "Cookie: $COOKIE" http://localhost:8086/ | tee "$JAR.wrk"
P50=$(awk '$1 == "50%" {print $2}' "$JAR.wrk")
P99=$(awk '$1 == "99%" {print $2}' "$JAR.wrk")
RPS=$(awk '/^Requests\/sec/ {print $2}' "$JAR.wrk")
echo "RESULT portal_home_tickets=$N p50=$P50 p99=$P99 requests_per_s=$RPS"

echo "== a 25 MB upload and ticket-service's old generation"
PID=$(cat "$ROOT/.stack/pids/ticket-service.pid")
FILE=$(mktemp --suffix=.pdf)
{ printf '%%PDF-1.4\n'; head -c $((25 * 1024 * 1024 - 9)) /dev/urandom; } >"$FILE"
jcmd "$PID" GC.run >/dev/null
OLD_BEFORE=$(jstat -gc "$PID" | awk 'NR == 2 {print $8}')
jstat -gc "$PID" 50 >"$JAR.jstat" &
SAMPLER=$!
curl -fsS -o "$JAR.upload" -w '%{http_code} %{time_total}s\n' -X POST localhost:8081/api/attachments \
  -H "Authorization: Bearer $CARLA" -H "Content-Disposition: attachment; filename=big.pdf" --data-binary @"$FILE"
kill "$SAMPLER"
OLD_PEAK=$(awk 'NR > 1 && $8 ~ /^[0-9.]+$/ {if ($8 > m) m = $8} END {print m}' "$JAR.jstat")
echo "RESULT upload_25mb old_gen_before_kb=$OLD_BEFORE old_gen_peak_kb=$OLD_PEAK growth_kb=$(awk -v a="$OLD_PEAK" -v b="$OLD_BEFORE" 'BEGIN {print a - b}')"
rm -f "$FILE" "$JAR"*
