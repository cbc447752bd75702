#!/usr/bin/env python3
"""CPU time per platform component, from /proc (user + system ticks of every process).

  cpu_by_component.py snapshot FILE        writes the current per-process ticks to FILE
  cpu_by_component.py diff BEFORE AFTER N  prints CPU seconds per component between the snapshots, and per 1,000 of N
                                           (N: the commands the load completed in between)

With the stack's PostgreSQL (pg_stat_statements loaded, psql installed; PG_HOSTPORT, default localhost:5432) each
snapshot also keeps the statements' counters (and PostgreSQL's CPU is split by the service each backend serves,
found from the client port in the backend's title and ss -tnp), and the diff prints the statements and the rows written per command,
by the service whose schema the statement's tables are in (issue 32); PG_TOP=N also lists the N statements called
most per command, each with its service and its text's start.

A component is recognised from its command line: each service (all its instances together), kafka (every broker),
postgres (the server and every backend), keycloak, smtp (GreenMail), loadgen (the load generator), other.
Processes that ended between the snapshots are missed: pooled connections and the platform's processes live longer
than a benchmark step.
"""
import json
import os
import re
import subprocess
import sys

SERVICES = ["ticket-service", "sla-service", "escalation-service", "notification-service", "reporting-service"]
TICKS = os.sysconf(os.sysconf_names["SC_CLK_TCK"])


def component(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        with open(f"/proc/{pid}/comm") as f:
            comm = f.read().strip()
    except OSError:
        return None
    if "kc.script" in cmd or "keycloak" in cmd:
        return "keycloak"
    try:
        cwd = os.path.basename(os.readlink(f"/proc/{pid}/cwd"))
    except OSError:
        cwd = ""
    for s in SERVICES:
        # the stack starts each service in its module's directory (target/quarkus-app/quarkus-run.jar)
        if f"{s}/target" in cmd or f"{s}.jar" in cmd or f"/{s}-" in cmd or ("quarkus-run.jar" in cmd and cwd == s):
            return s
    if "kafka.Kafka" in cmd:
        return "kafka"
    if comm == "postgres" or "postgres:" in cmd:
        return "postgres"
    if "greenmail" in cmd:
        return "smtp"
    if "LoadGenerator" in cmd:
        return "loadgen"
    return "other"


def pg_clients():
    """Which component holds each client port connected to PostgreSQL (from ss -tnp): a backend's CPU is then
    charged to the service it works for."""
    try:
        lines = subprocess.run(["ss", "-tnpH"], capture_output=True, text=True, timeout=10).stdout.splitlines()
    except (OSError, subprocess.TimeoutExpired):
        return {}
    pg_port = os.environ.get("PG_HOSTPORT", "localhost:5432").partition(":")[2] or "5432"
    owners = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 5 or not parts[4].endswith(":" + pg_port):
            continue
        pid = re.search(r"pid=(\d+)", line)
        if pid:
            owners[parts[3].rsplit(":", 1)[1]] = component(pid.group(1)) or "other"
    return owners


def backend_client(pid, owners):
    """The component a PostgreSQL backend serves (its client's port is in its title), or its own role."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            title = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    port = re.search(r"\((\d+)\)", title)
    if port:
        return owners.get(port.group(1), "a client gone")
    return "itself (" + " ".join(title.split()[1:3]) + ")"


def snapshot():
    out = {}
    owners = pg_clients()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        c = component(pid)
        if c is not None:
            out[pid] = [c, ticks, backend_client(pid, owners) if c == "postgres" else None]
    return out


SCHEMAS = {"ticket": "ticket-service", "sla": "sla-service", "escalation": "escalation-service",
           "notification": "notification-service", "reporting": "reporting-service"}


def psql(sql):
    """Rows of a query on the stack's PostgreSQL (PG_URL host:port, user postgres), or None if it cannot be asked."""
    host, _, port = os.environ.get("PG_HOSTPORT", "localhost:5432").partition(":")
    env = dict(os.environ, PGPASSWORD=os.environ.get("PGPASSWORD", "postgres"))
    try:
        out = subprocess.run(["psql", "-h", host, "-p", port or "5432", "-U", "postgres", "-d", "postgres", "-AtX",
                              "-F", "\x1f", "-R", "\x1e", "-c", sql],
                             capture_output=True, text=True, env=env, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    # psql ends its output with a newline after the last record, not part of its last field
    return [r.split("\x1f") for r in out.stdout.removesuffix("\n").split("\x1e") if r.strip()]


def statements():
    """pg_stat_statements' counters by query id (calls, rows, text, milliseconds spent), and which schema each table
    is in."""
    rows = psql("SELECT queryid, calls, rows, query, total_exec_time FROM pg_stat_statements WHERE queryid IS NOT NULL")
    if rows is None:
        return None
    tables = psql("SELECT tablename, schemaname FROM pg_tables WHERE schemaname = ANY('{%s}')" % ",".join(SCHEMAS))
    return {"statements": {r[0]: [int(r[1]), int(r[2]), r[3], float(r[4])] for r in rows if len(r) == 5},
            "tables": {t: s for t, s in (tables or [])}}


WRITES = re.compile(r"^\s*(insert|update|delete|copy|merge)\b", re.I)
WORD = re.compile(r"[a-z_][a-z0-9_]*")


def service_of(query, tables):
    """The service whose tables a statement names (schema-qualified or not); transaction control and the like apart."""
    q = query.lower()
    for word in WORD.findall(q):
        if word in SCHEMAS and word + "." in q:
            return SCHEMAS[word]
    for word in WORD.findall(q):
        if word in tables:
            return SCHEMAS[tables[word]]
    return "(begin, commit, set, other)"


def statements_report(before, after, commands):
    if before is None or after is None:
        print("pg statements: pg_stat_statements not readable (the stack's PostgreSQL loads it; psql needed)")
        return
    per = {}
    each = []
    tables = after["tables"]
    for qid, (calls, rows, query, ms) in after["statements"].items():
        b = before["statements"].get(qid, [0, 0, query, 0.0])
        dc, dr, dms = calls - b[0], rows - b[1], ms - b[3]
        if dc <= 0:
            continue
        svc = service_of(query, tables)
        each.append((dms, dc, dr, svc, query))
        s = per.setdefault(svc, [0, 0])
        s[0] += dc
        if WRITES.match(query):
            s[1] += dr
    # the statements PostgreSQL spent the most time executing (its own clock, waits for locks and I/O included)
    for dms, dc, dr, svc, query in sorted(each, reverse=True)[:int(os.environ.get("PG_TOP", "0"))]:
        text = " ".join(query.split())[:100]
        print(f"pg top {dms / 1000:6.1f} s {dc / commands:6.2f} calls {dr / commands:6.2f} rows per command  "
              f"{svc:22s} {text}")
    total_calls = sum(v[0] for v in per.values())
    total_rows = sum(v[1] for v in per.values())
    for svc in sorted(per, key=lambda k: per[k][0], reverse=True):
        print(f"pg {svc:30s} {per[svc][0] / commands:7.2f} statements {per[svc][1] / commands:7.2f} rows written"
              " per command")
    print(f"pg {'total':30s} {total_calls / commands:7.2f} statements {total_rows / commands:7.2f} rows written"
          " per command")
    print(f"RESULT pg_statements_per_command={total_calls / commands:.2f} "
          f"pg_rows_written_per_command={total_rows / commands:.2f}")


def main():
    if sys.argv[1] == "snapshot":
        with open(sys.argv[2], "w") as f:
            json.dump(snapshot(), f)
        pg = statements()
        if pg is not None:
            with open(sys.argv[2] + ".pg", "w") as f:
                json.dump(pg, f)
        return
    with open(sys.argv[2]) as f:
        before = json.load(f)
    with open(sys.argv[3]) as f:
        after = json.load(f)
    commands = float(sys.argv[4])
    pg = []
    for name in (sys.argv[2], sys.argv[3]):
        try:
            with open(name + ".pg") as f:
                pg.append(json.load(f))
        except OSError:
            pg.append(None)
    statements_report(pg[0], pg[1], commands)
    per = {}
    pg = {}
    for pid, (c, ticks, *client) in after.items():
        start = before.get(pid, [c, 0])[1]
        per[c] = per.get(c, 0) + (ticks - start) / TICKS
        if client and client[0]:
            pg[client[0]] = pg.get(client[0], 0) + (ticks - start) / TICKS
    total = sum(per.values())
    for c in sorted(per, key=per.get, reverse=True):
        print(f"cpu {c:22s} {per[c]:8.1f} s  {1000 * per[c] / commands:7.2f} s per 1,000 commands")
        if c == "postgres":
            for client in sorted(pg, key=pg.get, reverse=True):
                if pg[client] >= 0.05:
                    print(f"cpu   for {client:18s} {pg[client]:8.1f} s  {1000 * pg[client] / commands:7.2f} s per 1,000"
                          " commands")
    print(f"cpu {'total':22s} {total:8.1f} s  {1000 * total / commands:7.2f} s per 1,000 commands")
    print(f"RESULT cpu_ms_per_command={1000 * total / commands:.2f}")


if __name__ == "__main__":
    main()
