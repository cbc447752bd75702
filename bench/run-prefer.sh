#!/usr/bin/env bash
# What a command's answer costs ticket-service: wrk posts messages to 8 tickets of 20 messages each (new ones for each
# run), alternately without and with `Prefer: return=minimal` (RFC 7240), and prints ticket-service's CPU per request
# (from /proc) with wrk's rate and latency. Needs the running local stack (deploy/local/stack up) and wrk (Debian).
# Usage: bench/run-prefer.sh [runs of each, default 3] [seconds per run, default 15]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
SECS="${2:-15}"
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
curl -fsS -o /dev/null http://localhost:8081/q/health/ready || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
STACK="$ROOT/deploy/local/stack"
PID=$(cat "$ROOT/.stack/pids/ticket-service.pid")
ADMIN=$("$STACK" token adam.admin)
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:8081/api/accounts -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"accountId":"bench-prefer","profile":{"name":"Bench Prefer","region":"EUROPE",
   "language":"EN","supportPlan":"standard",
   "primaryContact":{"userId":"p.bench-prefer","name":"P","email":"p@bench-prefer.example"},
   "backupContact":{"userId":"b.bench-prefer","name":"B","email":"b@bench-prefer.example"},
   "strategicAccountManager":{"userId":"s.bench-prefer","name":"S","email":"s@bench-prefer.example"}}}')
[[ $code == 201 || $code == 409 ]] || { echo "registering bench-prefer answered $code" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

run() { # prefer (empty: no header)
  local token ids=() id
  token=$("$STACK" token alice.agent)
  for _ in 1 2 3 4 5 6 7 8; do
    id=$(curl -s -D - -o /dev/null -X POST localhost:8081/api/tickets -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -H 'Prefer: return=minimal' \
      -d '{"accountId":"bench-prefer","kind":"INCIDENT","severity":"SEV3","title":"Prefer bench","description":"A ticket with a history"}' \
      | awk -F/ 'tolower($0) ~ /^location:/ {print $NF}' | tr -d '\r')
    for m in $(seq 1 20); do
      curl -s -o /dev/null -X POST "localhost:8081/api/tickets/$id/messages" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -H 'Prefer: return=minimal' \
        -d "{\"body\":\"Message $m: we looked at the payment gateway's logs again and found nothing new; here is what we did today and what we will do tomorrow.\"}"
    done
    ids+=("\"$id\"")
  done
  cat >"$WORK/messages.lua" <<LUA
local ids = {$(IFS=,; echo "${ids[*]}")}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/tickets/" .. ids[(n % #ids) + 1] .. "/messages", nil,
    '{"body":"Any news on this? We still see the error every few minutes."}')
end
LUA
  local headers=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")
  [[ -n "$1" ]] && headers+=(-H "Prefer: $1")
  local before after out requests
  before=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  out=$(wrk -t1 -c4 -d"${SECS}s" -s "$WORK/messages.lua" "${headers[@]}" http://localhost:8081 2>&1)
  after=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  grep -q "Non-2xx" <<<"$out" && { echo "some answers were not 2xx:" >&2; echo "$out" >&2; exit 1; }
  printf 'RESULT prefer=%s requests=%s requests_per_s=%s ticket_service_cpu_ms_per_request=%s latency_avg=%s\n' \
    "${1:-none}" "$requests" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk -v a="$after" -v b="$before" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", (a - b) * 1000 / hz / n}')" \
    "$(awk '/Latency/ {print $2}' <<<"$out")"
}

echo "pgbench_tps=$("$ROOT/bench/pgbench-tps.sh" 10)"
for ((i = 0; i < RUNS; i++)); do
  run ""
  run "return=minimal"
done
