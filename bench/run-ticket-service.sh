#!/usr/bin/env bash
# What a command costs ticket-service, thread by thread, and what PostgreSQL does for it (issue 32): the lifecycle mix
# at RATE commands/s (open loop, LoadGenerator) against the running stack; after WARM seconds (the JIT) it reads the
# CPU of each of ticket-service's threads from /proc and the statements from pg_stat_statements over SECS seconds.
# Stop the consuming services first (deploy/local/stack kill NAME) to see ticket-service alone.
# Usage: bench/run-ticket-service.sh [RATE, default 150] [SECS, default 30]   (WARM=150 by default)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE="${1:-150}"
SECS="${2:-30}"
WARM="${WARM:-150}"
cd "$ROOT"
curl -fsS -o /dev/null http://localhost:8081/q/health/ready || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
ls bench/target/bench-*.jar >/dev/null 2>&1 || ./mvnw -B -q -pl bench -am -DskipTests package
PID=$(cat .stack/pids/ticket-service.pid)
CP="$(ls bench/target/bench-*.jar):bench/target/libs/*"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "pgbench_tps=$(bench/pgbench-tps.sh 5 2>/dev/null | tail -1)"
SUPPORT_TOKEN=$(deploy/local/stack token alice.agent) java -cp "$CP" com.supportdesk.bench.LoadGenerator \
  --duration=$((WARM + SECS + 10)) --warmup=5 --concurrency=32 --rate="$RATE" >"$WORK/load.txt" 2>&1 &
LOAD=$!
sleep "$WARM"
threads() { # tid<TAB>name<TAB>ticks of every thread of PID
  for t in /proc/"$PID"/task/*; do
    awk -v tid="${t##*/}" '{ s = $0; sub(/^[^(]*\(/, "", s); name = s; sub(/\).*$/, "", name); sub(/^[^)]*\) /, "", s);
           split(s, f, " "); print tid "\t" name "\t" f[12] + f[13] }' "$t/stat" 2>/dev/null || true
  done
}
python3 bench/cpu_by_component.py snapshot "$WORK/c0.json"
threads >"$WORK/t0"
sleep "$SECS"
threads >"$WORK/t1"
python3 bench/cpu_by_component.py snapshot "$WORK/c1.json"
wait $LOAD
grep -E '^commands|^RESULT' "$WORK/load.txt"
N=$((RATE * SECS))
TCK=$(getconf CLK_TCK)
echo "ticket-service, CPU per command by thread (numbers in thread names folded):"
awk -F'\t' -v n="$N" -v tck="$TCK" '
  FNR == NR { before[$1] = $3; next }
  { name = $2; gsub(/[0-9]+/, "N", name); d = $3 - before[$1]; by[name] += d; total += d }
  END { for (k in by) if (by[k] > 0) printf "%8.3f ms  %s\n", by[k] * 1000 / tck / n, k
        printf "%8.3f ms  (the process; threads that ended in the window are not counted)\n", total * 1000 / tck / n }' \
  "$WORK/t0" "$WORK/t1" | sort -rn | head -12 | tee "$WORK/threads.txt"
python3 bench/cpu_by_component.py diff "$WORK/c0.json" "$WORK/c1.json" "$N" 2>&1 \
  | grep -E '^pg ticket-service|^cpu ticket-service|^cpu +for ticket-service' | tee "$WORK/pg.txt" || true
echo "RESULT rate=$RATE ticket_service_cpu_ms_per_command=$(awk '/\(the process/ {print $1}' "$WORK/threads.txt")" \
  "pg_cpu_ms_per_command=$(awk '/for ticket-service/ {print $(NF-4)}' "$WORK/pg.txt")" \
  "pg_statements_per_command=$(awk '/^pg ticket-service/ {print $3}' "$WORK/pg.txt")"
