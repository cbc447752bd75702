#!/usr/bin/env bash
# A new office, live, on the running stack (deploy/local/stack up): an administrator makes a calendar for Tokyo,
# imports its holidays from an .ics feed, makes a region JAPAN of it and registers an account there; the account's
# next ticket is timed on the Tokyo calendar, holiday included. Nothing is rebuilt or restarted.
#
#   examples/new-region/run.sh            (idempotent: a second run finds everything in place and checks again)
#
# Needs curl and jq. Exits non-zero, saying why, when the outcome is not the expected one.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/examples/new-region"
SLA=${SLA:-http://localhost:8082}
TICKETS=${TICKETS:-http://localhost:8081}
ACCOUNT=${ACCOUNT:-acme}
fail() { echo "FAILED: $*" >&2; exit 1; }

ADMIN=$("$ROOT/deploy/local/stack" token adam.admin)
CUSTOMER=$("$ROOT/deploy/local/stack" token carla.acme)
auth=(-H "Authorization: Bearer $ADMIN")

# 1. the calendar of the Tokyo office (made once; a later run keeps it as it is)
code=$(curl -s -o /tmp/new-region.out -w '%{http_code}' "$SLA/api/sla/calendars/tokyo-office" "${auth[@]}")
[[ $code == 200 ]] || code=$(curl -s -o /tmp/new-region.out -w '%{http_code}' -X PUT "$SLA/api/sla/calendars/tokyo-office" "${auth[@]}" \
  -H 'Content-Type: application/json' -d @"$HERE/tokyo-office.json")
[[ $code == 201 || $code == 200 ]] || fail "PUT calendar: $code $(cat /tmp/new-region.out)"
echo "calendar tokyo-office: $code, version $(jq -r .version /tmp/new-region.out)"

# 2. its holidays from a feed: a public holiday on the next weekday in Tokyo (so the next ticket meets it)
holiday=$(TZ=Asia/Tokyo date -d tomorrow +%Y%m%d)
while [[ $(TZ=Asia/Tokyo date -d "$holiday" +%u) -gt 5 ]]; do holiday=$(date -d "$holiday + 1 day" +%Y%m%d); done
after=$(date -d "$holiday + 1 day" +%Y%m%d)
sed -e "s/@HOLIDAY@/$holiday/" -e "s/@AFTER@/$after/" "$HERE/japan-holidays.ics.in" > /tmp/new-region.ics
curl -sf -X POST "$SLA/api/sla/calendars/tokyo-office/holidays/import" "${auth[@]}" \
  -H 'Content-Type: text/calendar' --data-binary @/tmp/new-region.ics > /tmp/new-region.out \
  || fail "import: $(cat /tmp/new-region.out)"
echo "imported: added $(jq -c '[.added[].name]' /tmp/new-region.out), skipped $(jq -c '[.skipped[] | .summary + " (" + .reason + ")"]' /tmp/new-region.out)"

# 3. the region
code=$(curl -s -o /tmp/new-region.out -w '%{http_code}' -X PUT "$SLA/api/sla/regions/JAPAN" "${auth[@]}" \
  -H 'Content-Type: application/json' -d '{"name": "Japan", "calendar": "tokyo-office", "languages": ["EN", "ZH"]}')
[[ $code == 201 || $code == 200 ]] || fail "PUT region: $code $(cat /tmp/new-region.out)"
echo "region JAPAN: $code, version $(jq -r .version /tmp/new-region.out)"

# 4. the account in it (ticket-service learns the region from sla-config within a moment)
profile=$(jq -n --arg a "$ACCOUNT" '{name: "Acme Japan", region: "JAPAN", language: "EN", supportPlan: "standard",
  primaryContact: {userId: "carla.acme", name: "Carla", email: "carla.acme@acme.example"},
  backupContact: {userId: "dora.acme", name: "Dora", email: "dora.acme@acme.example"},
  strategicAccountManager: {userId: "sam.vendor", name: "Sam", email: "sam@vendor.example"}}')
for attempt in $(seq 1 20); do
  if curl -sf "$TICKETS/api/accounts/$ACCOUNT" "${auth[@]}" >/dev/null; then
    code=$(curl -s -o /tmp/new-region.out -w '%{http_code}' -X PUT "$TICKETS/api/accounts/$ACCOUNT" "${auth[@]}" \
      -H 'Content-Type: application/json' -d "{\"profile\": $profile}")
  else
    code=$(curl -s -o /tmp/new-region.out -w '%{http_code}' -X POST "$TICKETS/api/accounts" "${auth[@]}" \
      -H 'Content-Type: application/json' -d "{\"accountId\": \"$ACCOUNT\", \"profile\": $profile}")
  fi
  [[ $code == 2* ]] && break
  sleep 1 # the region is not known to ticket-service yet (400 naming profile.region)
done
[[ $code == 2* ]] || fail "account: $code $(cat /tmp/new-region.out)"
echo "account $ACCOUNT in JAPAN: $code"
for attempt in $(seq 1 30); do
  [[ $(curl -s "$SLA/api/sla/accounts/$ACCOUNT" "${auth[@]}" | jq -r .region) == JAPAN ]] && break
  sleep 1
done

# 5. the account's next ticket
curl -sf -X POST "$TICKETS/api/tickets" -H "Authorization: Bearer $CUSTOMER" -H 'Content-Type: application/json' \
  -d "{\"accountId\": \"$ACCOUNT\", \"kind\": \"INCIDENT\", \"severity\": \"SEV2\", \"title\": \"Orders stuck\", \"description\": \"since the release\"}" \
  > /tmp/new-region.out || fail "no ticket opened: $(cat /tmp/new-region.out)"
ticket=$(jq -r .id /tmp/new-region.out)
opened=$(jq -r .openedAt /tmp/new-region.out)
for attempt in $(seq 1 30); do
  curl -s "$SLA/api/sla/tickets/$ticket" "${auth[@]}" > /tmp/new-region.out
  [[ $(jq -r '.clocks | length' /tmp/new-region.out 2>/dev/null) == 2 ]] && break
  sleep 1
done
calendar=$(jq -r '.clocks[] | select(.clock == "RESPONSE") | .calendar' /tmp/new-region.out)
deadline=$(jq -r '.clocks[] | select(.clock == "RESPONSE") | .deadline' /tmp/new-region.out)
expected=$(curl -sf -X POST "$SLA/api/sla/calendars/tokyo-office/deadline" "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"start\": \"$opened\", \"businessTime\": \"PT4H\"}" | jq -r .deadline)
echo "ticket $ticket: response clock on $calendar, due $deadline ($(TZ=Asia/Tokyo date -d "$deadline" '+%a %Y-%m-%d %H:%M Tokyo'))"
echo "  holiday imported: $(date -d "$holiday" +%Y-%m-%d); 4 business hours on tokyo-office from $opened: $expected"
[[ $calendar == tokyo-office ]] || fail "the clock counts on $calendar, not tokyo-office"
[[ $(date -d "$deadline" +%s) -ge $(( $(date -d "$expected" +%s) - 60 )) && $(date -d "$deadline" +%s) -le $(( $(date -d "$expected" +%s) + 60 )) ]] \
  || fail "deadline $deadline is not 4 business hours on tokyo-office ($expected)"
[[ $(TZ=Asia/Tokyo date -d "$deadline" +%Y%m%d) != "$holiday" ]] || fail "the deadline falls on the imported holiday"
echo "OK: the account's next ticket follows the new region's calendar and its imported holiday"
