#!/usr/bin/env bash
# Checks every record the services published on the running local stack's topics against the published schemas
# (the same check the build runs after each test class). Usage: bench/run-contract-check.sh [bootstrap]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
exec java -cp "$CP" com.supportdesk.bench.ContractCheck "${1:-localhost:9092}"
