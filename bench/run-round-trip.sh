#!/usr/bin/env bash
# What one more statement costs a one-row transaction on the stack's PostgreSQL (wall, client and server CPU), the
# price each consumer poll paid for its SET LOCAL until session 34 (docs/benchmarks.md). The server must be on this
# machine (its CPU is read from /proc).
# Usage: bench/run-round-trip.sh [transactions a round, default 20000] [rounds, default 6]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
exec java -cp "$CP" com.supportdesk.bench.TransactionRoundTrip "$@"
