#!/usr/bin/env bash
# Measures reporting-service's read-model rebuild on the running local stack (deploy/local/stack up): writes synthetic
# ticket lifecycles (7 events each) to Kafka, starts POST /api/reports/admin/rebuild, prints the rebuild's figures.
# Usage: bench/run-rebuild.sh [--tickets=20000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
curl -fsS -o /dev/null http://localhost:8085/q/health/ready || { echo "start the stack first: deploy/local/stack up" >&2; exit 1; }
(cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
# REST calls carry a token of the stack's Keycloak (a demo user; 15 minutes: a longer run needs a fresh one)
export SUPPORT_TOKEN="${SUPPORT_TOKEN:-$("$ROOT/deploy/local/stack" token adam.admin)}"
exec java -cp "$CP" com.supportdesk.bench.RebuildSpeed "$@"
