#!/usr/bin/env bash
# Timer accuracy of sla-service: 100,000 active breach timers, each breach's publication lateness.
# Needs the local stack started with the benchmark contract (the script says how if it is missing).
# Usage: bench/run-timers.sh [--tickets=100000] [--rate=2000] [--policy=bench-24x7]
# --policy=bench-90s: the breaches fall due while the openings' receipts still go out (the box shared with a backlog)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
curl -fsS -o /dev/null http://localhost:8082/q/health/ready || { echo "start the stack first:
  SUPPORT_SLA_POLICY_DIR=$ROOT/bench/policies SUPPORT_SLA_POLICIES=standard,tiered-1,tiered-2,tiered-3,tiered-3-rapid,bench-24x7,bench-90s deploy/local/stack up" >&2; exit 1; }
(cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
# the local stack's SMTP server (GreenMail) keeps every mail in memory: emptied first (the openings' receipts follow)
curl -fsS -o /dev/null -X POST "http://localhost:${MAIL_API_PORT:-8025}/api/mail/purge" || true
# REST calls carry a token of the stack's Keycloak (a demo user; 15 minutes: a longer run needs a fresh one)
export SUPPORT_TOKEN="${SUPPORT_TOKEN:-$("$ROOT/deploy/local/stack" token alice.agent)}"
exec java -cp "$CP" com.supportdesk.bench.TimerAccuracy "$@"
