#!/usr/bin/env python3
"""CPU time per platform component, from /proc (user + system ticks of every process).

  cpu_by_component.py snapshot FILE        writes the current per-process ticks to FILE
  cpu_by_component.py diff BEFORE AFTER N  prints CPU seconds per component between the snapshots, and per 1,000 of N
                                           (N: the commands the load completed in between)

A component is recognised from its command line: each service (all its instances together), kafka (every broker),
postgres (the server and every backend), keycloak, smtp (GreenMail), loadgen (the load generator), other.
Processes that ended between the snapshots are missed: pooled connections and the platform's processes live longer
than a benchmark step.
"""
import json
import os
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


def snapshot():
    out = {}
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
            out[pid] = [c, ticks]
    return out


def main():
    if sys.argv[1] == "snapshot":
        with open(sys.argv[2], "w") as f:
            json.dump(snapshot(), f)
        return
    with open(sys.argv[2]) as f:
        before = json.load(f)
    with open(sys.argv[3]) as f:
        after = json.load(f)
    commands = float(sys.argv[4])
    per = {}
    for pid, (c, ticks) in after.items():
        start = before.get(pid, [c, 0])[1]
        per[c] = per.get(c, 0) + (ticks - start) / TICKS
    total = sum(per.values())
    for c in sorted(per, key=per.get, reverse=True):
        print(f"cpu {c:22s} {per[c]:8.1f} s  {1000 * per[c] / commands:7.2f} s per 1,000 commands")
    print(f"cpu {'total':22s} {total:8.1f} s  {1000 * total / commands:7.2f} s per 1,000 commands")
    print(f"RESULT cpu_ms_per_command={1000 * total / commands:.2f}")


if __name__ == "__main__":
    main()
