#!/usr/bin/env bash
# Measures ticket-service end to end on the running local stack (deploy/local/stack up) and prints the figures that
# go into docs/benchmarks.md:
#   1. the machine's raw ceiling: single-row insert commits into the same PostgreSQL (pgbench, 8 clients);
#   2. the highest sustained command rate through REST -> event store -> relay -> Kafka (closed loop);
#   3. latency and event lag at half that rate (open loop, latency from the scheduled send time).
# Usage: bench/run-load.sh [seconds per phase, default 30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECS="${1:-30}"
PG_PORT="${PG_PORT:-5432}"
export PGPASSWORD="${SUPPORT_DB_PASSWORD:-postgres}"

curl -fsS -o /dev/null http://localhost:8081/q/health/ready || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[[ -x "$PGBENCH" ]] || { echo "pgbench is missing (Debian: apt-get install postgresql-contrib or postgresql-15)" >&2; exit 1; }
ls "$ROOT"/bench/target/bench-*.jar >/dev/null 2>&1 || (cd "$ROOT" && ./mvnw -B -q -pl bench -am -DskipTests package)

echo "== 1. raw ceiling: pgbench single-row insert commits, 8 clients, ${SECS}s"
"$PGBENCH" -h localhost -p "$PG_PORT" -U postgres -n -q -c 1 -t 1 postgres >/dev/null 2>&1 || true
psql_cmd() { "$(dirname "$PGBENCH")/psql" -h localhost -p "$PG_PORT" -U postgres -qAt postgres -c "$1"; }
RAW=$(PG_PORT="$PG_PORT" "$ROOT/bench/pgbench-tps.sh" "$SECS")
echo "RESULT raw_commits_per_s=$RAW (synchronous_commit=$(psql_cmd 'show synchronous_commit'), fsync=$(psql_cmd 'show fsync'))"

CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
# REST calls carry a token of the stack's Keycloak (a demo user; 15 minutes: a longer run needs a fresh one)
export SUPPORT_TOKEN="${SUPPORT_TOKEN:-$("$ROOT/deploy/local/stack" token alice.agent)}"
echo "== 2. sustained commands, closed loop, ${CONCURRENCY:-16} workers, ${SECS}s"
CLOSED=$(java -cp "$CP" com.supportdesk.bench.LoadGenerator --duration="$SECS" --warmup=10 --concurrency="${CONCURRENCY:-16}" --rate=0)
echo "$CLOSED"
MAX=$(awk -F'[= ]' '/^RESULT/ {print $3}' <<<"$CLOSED")
HALF=$((MAX / 2))
echo "== 3. half that load, open loop at ${HALF} commands/s, ${SECS}s"
java -cp "$CP" com.supportdesk.bench.LoadGenerator --duration="$SECS" --warmup=5 --concurrency=32 --rate="$HALF"
echo "ratio sustained/raw = $(awk -v a="$MAX" -v b="$RAW" 'BEGIN {printf "%.2f", a / b}')"
