#!/usr/bin/env bash
# The platform benchmark (issue 11), on the running local stack (deploy/local/stack up), every service consuming:
#   1. raw ceilings in the same run: pgbench single-row insert commits (8 clients) first, a Kafka producer (1 KB
#      records, acks=all) last;
#   2. the lifecycle mix (open, acknowledge, message, resolve, close) at rising open-loop rates, each for [seconds];
#      a rate passes when the lag from a command's scheduled instant until reporting-service's read model shows its
#      effect has p99 < 1 s and every consumer group's lag on the topics the commands drive is back to 0 within 5 s of
#      the end of the step (notification-events, the delivery outcomes, follow the mail queue's pace: reported too,
#      as groups_drained_incl_delivery_outcomes_ms, not part of the pass).
# Each step also prints RESULT step_rate=R emails_queued=E digested_share=D notices_per_smtp_message=M (its e-mails).
# The last lines: RESULT platform_commands_per_s=N lag_p99_ms=M raw_pg_tps=P ratio=R, and
# RESULT pg_statements_per_command=S cpu_ms_per_command=C of that step (statements from pg_stat_statements' deltas).
# Usage: bench/run-platform.sh [seconds per step, default 30]   (RATES="50 100 200" to choose the steps; a 90 s
#        unmeasured warm-up comes first: WARMUP=0 skips it, WARMUP_RATE sets its rate)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECS="${1:-30}"
PG_PORT="${PG_PORT:-5432}"
RATES="${RATES:-50 100 150 200 300 400 500 700 1000}"
export PGPASSWORD="${SUPPORT_DB_PASSWORD:-postgres}"
DB_URL="${SUPPORT_DB_URL:-jdbc:postgresql://localhost:$PG_PORT/postgres}"

# every instance of a stack made with --instances N (instance k of a service on its port + 100*(k-1)); the load is
# spread over the ticket-service instances; CPU time per component is measured in each step (bench/cpu_by_component.py)
INSTANCES=$(sed -n 's/^INSTANCES=//p' "$ROOT/.stack/layout" 2>/dev/null || echo 1); INSTANCES=${INSTANCES:-1}
TICKET_URLS=""
for ((k = 0; k < INSTANCES; k++)); do
  TICKET_URLS+="${TICKET_URLS:+,}http://localhost:$((8081 + 100 * k))"
  for port in 8081 8082 8083 8084 8085; do
    port=$((port + 100 * k))
    curl -fsS -o /dev/null "http://localhost:$port/q/health/ready" || { echo "service on $port is not ready: deploy/local/stack up" >&2; exit 1; }
  done
done
echo "== $INSTANCES instance(s) of every service; commands to $TICKET_URLS"
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[[ -x "$PGBENCH" ]] || { echo "pgbench is missing (Debian: apt-get install postgresql-15)" >&2; exit 1; }
ls "$ROOT"/bench/target/bench-*.jar >/dev/null 2>&1 || (cd "$ROOT" && ./mvnw -B -q -pl bench -am -DskipTests package)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"

echo "== raw ceiling: pgbench single-row insert commits, 8 clients, ${SECS}s"
RAW=$(PG_PORT="$PG_PORT" "$ROOT/bench/pgbench-tps.sh" "$SECS")
echo "raw_pg_tps=$RAW"

ACCOUNTS="${ACCOUNTS:-8}"
echo "== registering $ACCOUNTS accounts (bench-0 .. bench-$((ACCOUNTS - 1))), as adam.admin"
ADMIN="$("$ROOT/deploy/local/stack" token adam.admin)"
for ((i = 0; i < ACCOUNTS; i++)); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:8081/api/accounts -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"accountId":"bench-'$i'","profile":{"name":"Bench '$i'","region":"EUROPE",
     "language":"EN","supportPlan":"standard",
     "primaryContact":{"userId":"p.bench-'$i'","name":"P","email":"p@bench-'$i'.example"},
     "backupContact":{"userId":"b.bench-'$i'","name":"B","email":"b@bench-'$i'.example"},
     "strategicAccountManager":{"userId":"s.bench-'$i'","name":"S","email":"s@bench-'$i'.example"}}}')
  [[ $code == 201 || $code == 409 ]] || { echo "registering bench-$i answered $code" >&2; exit 1; }
done

# A fresh stack is 5-10x slower for its first minute or two (six JVMs compiling on two cores): load it, unmeasured,
# before the steps. WARMUP=0 skips this on a stack that is already warm.
WARMUP="${WARMUP:-90}"; WARMUP_RATE="${WARMUP_RATE:-30}"
if ((WARMUP > 0)); then
  echo "== warm-up: the lifecycle mix at $WARMUP_RATE commands/s for ${WARMUP}s (not measured; WARMUP=0 skips it)"
  export SUPPORT_TOKEN="$("$ROOT/deploy/local/stack" token alice.agent)"
  java -cp "$CP" com.supportdesk.bench.LoadGenerator --duration="$WARMUP" --warmup=0 --concurrency=64 \
    --rate="$WARMUP_RATE" --accounts="$ACCOUNTS" --url="$TICKET_URLS" | awk '/^commands/ {print "   " $0}'
fi

BEST=0; BEST_LAG=NaN; BEST_PG=NaN; BEST_CPU=NaN
for rate in $RATES; do
  export SUPPORT_TOKEN="$("$ROOT/deploy/local/stack" token alice.agent)"   # 15 minutes: a fresh one per step
  # the local stack's SMTP server (GreenMail) keeps every mail in memory: emptied before each step
  curl -fsS -o /dev/null -X POST "http://localhost:${MAIL_API_PORT:-8025}/api/mail/purge" || true
  echo "== lifecycle mix at $rate commands/s, ${SECS}s"
  STEP_START=$("$(dirname "$PGBENCH")/psql" -h localhost -p "$PG_PORT" -U postgres -qAt postgres -c "SELECT now()")
  OUT=$(java -cp "$CP" com.supportdesk.bench.LoadGenerator --duration="$SECS" --warmup=10 --concurrency=64 \
    --rate="$rate" --readmodel="$DB_URL" --groups --accounts="$ACCOUNTS" --url="$TICKET_URLS" \
    --cpu="$ROOT/bench/cpu_by_component.py")
  echo "$OUT"
  P99=$(awk -F'rm_lag_p99_ms=' '/^RESULT rm_lag/ {split($2, a, " "); print a[1]}' <<<"$OUT")
  DONE=$(awk -F'commands_per_s=' '/^RESULT commands/ {split($2, a, " "); print a[1]}' <<<"$OUT")
  DRAIN=$(awk -F'groups_drained_ms=' '/^RESULT groups/ {print $2}' <<<"$OUT")
  NOT_SHOWN=$(awk -F'not_shown=' '/^RESULT rm_lag/ {print $2}' <<<"$OUT")
  ERRORS=$(awk -F'errors=' '/^RESULT commands/ {split($2, a, " "); print a[1]}' <<<"$OUT")
  CPU_MS=$(awk -F'cpu_ms_per_command=' '/^RESULT cpu_ms/ {print $2}' <<<"$OUT")
  PG_STATEMENTS=$(awk -F'pg_statements_per_command=' '/^RESULT pg_statements/ {split($2, a, " "); print a[1]}' <<<"$OUT")
  PG_ROWS=$(awk -F'pg_rows_written_per_command=' '/^RESULT pg_statements/ {print $2}' <<<"$OUT")
  echo "RESULT step_rate=$rate pg_statements_per_command=${PG_STATEMENTS:-NaN} pg_rows_written_per_command=${PG_ROWS:-NaN} cpu_ms_per_command=${CPU_MS:-NaN}"
  # what the step's e-mails were: how many were queued since it began, the share already coalesced into digests, and
  # the notices per SMTP message of those sent (with few accounts nearly every e-mail goes in a digest: a cheaper path
  # per notice than single e-mails, so the accounts a run uses change what a command costs)
  "$(dirname "$PGBENCH")/psql" -h localhost -p "$PG_PORT" -U postgres -qAt -F ' ' postgres -c "SELECT 'RESULT step_rate=$rate emails_queued=' || count(*),
      'digested_share=' || round(count(digest_id)::numeric / greatest(count(*), 1), 3),
      'notices_per_smtp_message=' || round(count(*) FILTER (WHERE state = 'SENT')::numeric
        / greatest(count(DISTINCT coalesce(digest_id, id)) FILTER (WHERE state = 'SENT'), 1), 2)
    FROM notification.ntf_delivery WHERE channel = 'EMAIL' AND created_at >= '$STEP_START'" 2>/dev/null || true
  if awk -v p="$P99" -v d="$DRAIN" -v n="$NOT_SHOWN" -v e="$ERRORS" -v done="$DONE" -v r="$rate" \
      'BEGIN {exit !(p != "NaN" && p < 1000 && d >= 0 && d <= 5000 && n == 0 && e == 0 && done >= 0.9 * r)}'; then
    echo "-> $rate commands/s kept up (read-model lag p99 ${P99} ms, groups drained in ${DRAIN} ms)"
    BEST=$DONE; BEST_LAG=$P99; BEST_PG=${PG_STATEMENTS:-NaN}; BEST_CPU=${CPU_MS:-NaN}
  else
    echo "-> $rate commands/s did not keep up (read-model lag p99 ${P99} ms, groups drained in ${DRAIN} ms, not shown $NOT_SHOWN, errors $ERRORS, achieved $DONE/s)"
    break
  fi
done
# the broker's ceiling last: its half a gigabyte of writes would still be flushing during the load steps
echo "== raw ceiling: Kafka producer, 1 KB records, acks=all, 5s"
java -cp "$CP" com.supportdesk.bench.KafkaCeiling --seconds=5
echo "RESULT platform_commands_per_s=$BEST lag_p99_ms=$BEST_LAG raw_pg_tps=$RAW ratio=$(awk -v a="$BEST" -v b="$RAW" 'BEGIN {printf "%.3f", a / b}')"
# the costs of the fastest step that kept up (each step's own are on its RESULT step_rate line)
echo "RESULT pg_statements_per_command=$BEST_PG cpu_ms_per_command=$BEST_CPU"
