#!/usr/bin/env bash
# JMH, one fork, one thread (figures are per core): business-time arithmetic of the shipped calendars by default,
# or the benchmark named first (TokenVerificationBenchmark: the cost of checking a bearer token).
# Usage: bench/run-jmh.sh [BenchmarkClass] [extra JMH options, e.g. -p calendar=europe -p hours=1]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
# the first argument may name the benchmark class (default BusinessTimeBenchmark); the rest are JMH options
BENCH=BusinessTimeBenchmark
if [[ $# -gt 0 && $1 != -* ]]; then BENCH=$1; shift; fi
exec java -cp "$CP" org.openjdk.jmh.Main "$BENCH" -f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s "$@"
