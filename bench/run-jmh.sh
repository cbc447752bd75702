#!/usr/bin/env bash
# JMH: business-time arithmetic of the shipped calendars, one fork, one thread (figures are per core).
# Usage: bench/run-jmh.sh [extra JMH options, e.g. -p calendar=europe -p hours=1]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -T 1 -pl bench -am -DskipTests install)
CP="$(ls "$ROOT"/bench/target/bench-*.jar):$ROOT/bench/target/libs/*"
exec java -cp "$CP" org.openjdk.jmh.Main BusinessTimeBenchmark -f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s "$@"
