#!/usr/bin/env python3
"""Local mode (what ./bulwark run starts) of two builds side by side: start time and memory.

Starts each jar with --spring.profiles.active=local in a directory of its own (so each has its own ./data), first once
on an empty ./data, then --rounds times on the kept data, alternating the order every round. Reports the time from
process start to Spring's "Started" line and to the first 200 from the readiness probe, and, after --idle seconds,
the RSS and PSS of the JVM and of every process of the embedded PostgreSQL (its postmaster, from
./data/postgres/postmaster.pid, and the postmaster's children), which pg_ctl detaches from the JVM.

    python3 bench/local-startup.py --baseline /tmp/main/target/bulwark.jar [--jar target/bulwark.jar]

Needs a JDK 21+ in JAVA_HOME and Linux (/proc); uses ports 18480/18481. Standard library only.
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PORT, MANAGEMENT_PORT = 18480, 18481


def kib(path, key):
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_mb(pids):
    return (round(sum(kib(f"/proc/{p}/status", "VmRSS") for p in pids) / 1024),
            round(sum(kib(f"/proc/{p}/smaps_rollup", "Pss") for p in pids) / 1024))


def postgres_processes(cwd):
    pid_file = cwd / "data" / "postgres" / "postmaster.pid"
    if not pid_file.exists():
        return []
    postmaster = int(pid_file.read_text().split()[0])
    return [postmaster] + [int(p) for p in os.listdir("/proc")
                           if p.isdigit() and kib(f"/proc/{p}/status", "PPid") == postmaster]


def ready():
    try:
        url = f"http://127.0.0.1:{MANAGEMENT_PORT}/actuator/health/readiness"
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def start(java, jar, cwd, log, idle):
    figures = {"load": os.getloadavg()[0]}
    began = time.monotonic()
    process = subprocess.Popen([java, "-jar", str(jar), "--spring.profiles.active=local", f"--server.port={PORT}",
                                f"--management.server.port={MANAGEMENT_PORT}"],
                               cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def read():
        with open(log, "w") as out:
            for line in process.stdout:
                out.write(line)
                if "started_s" not in figures and re.search(r"Started \w+ in", line):
                    figures["started_s"] = time.monotonic() - began
    threading.Thread(target=read, daemon=True).start()
    while not ready():
        if process.poll() is not None or time.monotonic() - began > 300:
            process.kill()
            raise SystemExit(f"{jar} did not become ready; see {log}")
        time.sleep(0.05)
    figures["ready_s"] = time.monotonic() - began
    time.sleep(idle)
    postgres = postgres_processes(cwd)
    figures["java_rss"], figures["java_pss"] = memory_mb([process.pid])
    figures["pg_rss"], figures["pg_pss"] = memory_mb(postgres)
    figures["pg_processes"] = len(postgres)
    process.send_signal(signal.SIGTERM)
    process.wait(60)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{p}").exists() for p in postgres):
        if time.monotonic() > deadline:
            raise SystemExit(f"the PostgreSQL of {jar} still runs after the stop")
        time.sleep(0.1)
    time.sleep(2)
    return figures


def row(name, f):
    return (f"| {name} | {f['started_s']:.2f} | {f['ready_s']:.2f} | {f['java_rss']} | {f['pg_processes']} | "
            f"{f['pg_rss']} | {f['pg_pss']} | {f['java_rss'] + f['pg_rss']} | {f['java_pss'] + f['pg_pss']} | "
            f"{f['load']:.1f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=str(Path(__file__).resolve().parent.parent / "target" / "bulwark.jar"))
    parser.add_argument("--baseline", required=True, help="the other build's jar")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--idle", type=int, default=10, help="seconds after readiness before memory is read")
    args = parser.parse_args()
    java = str(Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java")
    jars = {"this": Path(args.jar).resolve(), "baseline": Path(args.baseline).resolve()}
    work = Path(tempfile.mkdtemp(prefix="bulwark-local-startup-"))
    runs = {name: [] for name in jars}
    lines = ["| start | Started (s) | ready (s) | JVM RSS | PG procs | PG RSS | PG PSS | total RSS | total PSS | load |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, jar in jars.items():
        (work / name).mkdir()
        first = start(java, jar, work / name, work / f"{name}-first.log", args.idle)
        lines.append(row(f"{name}, empty ./data", first))
    for number in range(1, args.rounds + 1):
        for name in (list(jars) if number % 2 else list(reversed(jars))):
            figures = start(java, jars[name], work / name, work / f"{name}-{number}.log", args.idle)
            runs[name].append(figures)
            lines.append(row(f"{name} #{number}", figures))
    for name, figures in runs.items():
        medians = {key: statistics.median(f[key] for f in figures) for key in figures[0]}
        lines.append(row(f"**{name}, median**", {key: (round(v) if isinstance(figures[0][key], int) else v)
                                                for key, v in medians.items()}))
    lines.append("")
    lines.append("Memory in MB, read after " + str(args.idle) + " s idle; jars: "
                 + ", ".join(f"{name} {jar.stat().st_size / 1e6:.1f} MB" for name, jar in jars.items()))
    print("\n".join(lines))
    shutil.rmtree(work)  # kept when a start failed: its logs are there


if __name__ == "__main__":
    main()
