#!/usr/bin/env bash
# The machine's speed, to quote beside a benchmark's figure: pgbench, single-row insert commits into bench_insert,
# 8 clients, for [seconds] (default 10), on the stack's PostgreSQL (PG_HOST, PG_PORT; PGPASSWORD, default postgres).
# Prints the commits per second (an integer); exits 1 when pgbench is missing.
set -euo pipefail
SECS="${1:-10}"
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[[ -x "$PGBENCH" ]] || { echo "pgbench is missing (Debian: apt-get install postgresql-15)" >&2; exit 1; }
export PGPASSWORD="${PGPASSWORD:-postgres}"
pg=(-h "${PG_HOST:-localhost}" -p "${PG_PORT:-5432}" -U postgres)
SCRIPT=$(mktemp)
trap 'rm -f "$SCRIPT"' EXIT
echo "INSERT INTO bench_insert (payload) VALUES ('x');" >"$SCRIPT"
"$(dirname "$PGBENCH")/psql" "${pg[@]}" -qAt postgres \
  -c "CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, payload text, at timestamptz DEFAULT now())"
"$PGBENCH" "${pg[@]}" -n -c 8 -j 2 -T "$SECS" -f "$SCRIPT" postgres | awk '/^tps/ {print int($3)}'
