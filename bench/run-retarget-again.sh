#!/usr/bin/env bash
# Re-targets the clocks already running on the Asia calendar once more (after bench/run-recalculation.sh, once the
# stack is quiet: its e-mails sent): adds the next free holiday through the API, waits until sla-service reports the
# re-targeting finished and every consumer group has caught up, and prints sla-service's own timing with the CPU each
# component spent until then (per 1,000 clocks).
# Usage: bench/run-retarget-again.sh        (PG_TOP=N adds PostgreSQL's N most expensive statements)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLA=http://localhost:8082/api/sla/calendars/asia
TOKEN="${SUPPORT_ADMIN_TOKEN:-$("$ROOT/deploy/local/stack" token adam.admin)}"
CPU="$(mktemp -d)"
ls "$ROOT"/bench/target/bench-*.jar >/dev/null 2>&1 || (cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
# the machine's speed this minute, beside the figure: pgbench single-row insert commits, 8 clients, 10 s (as run-load.sh)
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
if [[ -x "$PGBENCH" ]]; then
  host="${PG_HOSTPORT:-localhost:5432}"
  echo "pgbench: $(PG_HOST="${host%%:*}" PG_PORT="${host##*:}" "$ROOT/bench/pgbench-tps.sh" 10) single-row commits/s"
fi
api() { curl -fsS -H "Authorization: Bearer $TOKEN" "$@"; }
definition="$(api "$SLA/definition" | jq '.calendar')"
# the first weekday from the day after tomorrow on that is not a holiday already
for i in $(seq 2 60); do
  day="$(TZ=Asia/Manila date -d "+$i day" +%F)"
  [ "$(date -u -d "$day" +%u)" -le 5 ] || continue
  # neither a dated holiday ("on") nor a yearly one ("date", MM-DD): a holiday added on one moves no clock
  jq -e --arg d "$day" '[.holidays[] | .on // empty, .date // empty] | index($d) or index($d[5:])' \
    <<<"$definition" >/dev/null || break
done
body="$(jq --arg d "$day" '.holidays += [{"on": $d, "name": ("Benchmark holiday " + $d)}]' <<<"$definition")"
before="$(api "$SLA/recalculations" | jq -r '.[0].id // empty')"
python3 "$ROOT/bench/cpu_by_component.py" snapshot "$CPU/before.json"
api -X PUT -H 'Content-Type: application/json' -d "$body" "$SLA" -o /dev/null
echo "holiday added on $day"
while :; do
  latest="$(api "$SLA/recalculations" | jq -c '.[0]')"
  if [ "$(jq -r '.id' <<<"$latest")" != "$before" ] && [ "$(jq -r '.tookMillis' <<<"$latest")" != null ]; then
    break
  fi
  sleep 0.2
done
# then every consumer of the clock-retargeted events (reporting's read model, the others' skipping) has caught up
python3 "$ROOT/bench/cpu_by_component.py" snapshot "$CPU/sla-done.json"
drain="$(java -cp "$CP" com.supportdesk.bench.ConsumerLag --drain | tail -1)"
python3 "$ROOT/bench/cpu_by_component.py" snapshot "$CPU/after.json"
moved="$(jq -r '.clocksMoved' <<<"$latest")"
echo "$latest"
if [ "$moved" = 0 ]; then
  echo "the holiday on $day moved no clock: the holidays added so far have passed the running clocks' deadlines." >&2
  echo "Start a fresh stack and bench/run-recalculation.sh again." >&2
  exit 1
fi
python3 "$ROOT/bench/cpu_by_component.py" report "$CPU/before.json" "$CPU/after.json" "$moved"
echo "consumers: $drain"
echo "CPU until sla-service had finished:"
python3 "$ROOT/bench/cpu_by_component.py" report "$CPU/before.json" "$CPU/sla-done.json" "$moved" | grep '^cpu'
echo "RESULT retargeted=$moved took_ms=$(jq -r '.tookMillis' <<<"$latest")"
