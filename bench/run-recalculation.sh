#!/usr/bin/env bash
# Re-targeting after a calendar change: 100,000 running clocks on the Asia calendar, a holiday added to it through the
# API; how long until every moved deadline is published, and how late the timers falling due meanwhile are.
# Needs the local stack started with the benchmark contracts (the script says how if they are missing).
# The change is made once every consumer group has caught up with the openings (--quiet=false: at once, as in the
# first measurements), and the CPU each component spent until the last clock was re-targeted is printed.
# Usage: bench/run-recalculation.sh [--tickets=100000] [--rate=2000] [--timer-rate=50] [--quiet=false]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POLICIES=standard,tiered-1,tiered-2,tiered-3,tiered-3-rapid,bench-24x7,bench-asia,bench-30s
curl -fsS -o /dev/null http://localhost:8082/q/health/ready || { echo "start the stack first:
  SUPPORT_SLA_POLICY_DIR=$ROOT/bench/policies SUPPORT_SLA_POLICIES=$POLICIES deploy/local/stack up" >&2; exit 1; }
(cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
# REST calls carry tokens of the stack's Keycloak (demo users; 15 minutes)
export SUPPORT_TOKEN="${SUPPORT_TOKEN:-$("$ROOT/deploy/local/stack" token alice.agent)}"
export SUPPORT_ADMIN_TOKEN="${SUPPORT_ADMIN_TOKEN:-$("$ROOT/deploy/local/stack" token adam.admin)}"
exec java -cp "$CP" com.supportdesk.bench.Recalculation --cpu="$ROOT/bench/cpu_by_component.py" "$@"
