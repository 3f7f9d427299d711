#!/usr/bin/env python3
"""The image's start, one start at a time, and where its CPU goes by thread (docs/performance.md#start-up).

    python3 bench/image-starts.py OUT SETTINGS [--starts 3] [--variant NAME=OPTION[;OPTION...]]...

OUT is what `./bulwark image --aot-settings SETTINGS --output OUT` wrote. Each start runs the image's entrypoint as
its configuration names it (the image's runtime OUT/runtime for /opt/java, working directory OUT/app, the image's
JVM options, AOT cache and Spring AOT; AOTMode=on, so a cache that does not fit stops the start) with the 768 MiB
container's memory (-XX:MaxRAM=768m), the settings of SETTINGS, free ports on 127.0.0.1 and nothing else running
from this script. Readiness is polled every 20 ms. Each
variant adds its JVM options after the image's; the variants alternate, a pause of 3 s between starts. Per start it
prints the time to the first readiness 200, Spring's "Started" line, the first answer of the management port, RSS,
and the CPU seconds each kind of thread had used by then: the main thread, the C2 and C1 JIT compilers, the rest.
Needs the local PostgreSQL and Redis the settings name. Standard library and bench/harness only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import statistics
import subprocess
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from harness.proc import free_port, rss_mb, thread_cpu_seconds

READINESS = "/actuator/health/readiness"
STARTED = re.compile(r"Started \w+ in ([\d.]+) seconds \(process running for ([\d.]+)\)")


def entrypoint(tar_path: Path) -> list[str]:
    """The entrypoint in the OCI tar's image configuration."""
    with tarfile.open(tar_path) as tar:
        def read(name: str) -> dict:
            return json.load(tar.extractfile(name))

        def blob(digest: str) -> dict:
            return read("blobs/" + digest.replace(":", "/"))

        manifest = blob(read("index.json")["manifests"][0]["digest"])
        return blob(manifest["config"]["digest"])["config"]["Entrypoint"]


THREAD_KINDS = {"java": "main", "C2 CompilerThre": "C2", "C1 CompilerThre": "C1"}  # /proc's names, cut at 15


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds by kind of thread: the main thread (named after the launcher), C2, C1, and all others."""
    kinds: dict[str, float] = {}
    for name, seconds in thread_cpu_seconds(pid).items():
        kind = THREAD_KINDS.get(name, "other")
        kinds[kind] = kinds.get(kind, 0.0) + seconds
    return kinds


def start(out: Path, command: list[str], log: Path) -> dict:
    port, management_port = free_port(), free_port()
    args = [*command, f"--server.port={port}", f"--management.server.port={management_port}",
            "--server.address=127.0.0.1", "--management.server.address=127.0.0.1"]
    url = f"http://127.0.0.1:{management_port}{READINESS}"
    began = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(args, cwd=out / "app", stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    first = None
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the service exited with {process.returncode}: see {log}")
            if time.monotonic() - began > 60:
                raise SystemExit(f"not ready after 60 s: see {log}")
            sent = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    status = answer.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = None  # not listening yet
            if status is not None and first is None:
                first = (sent - began, time.monotonic() - sent, status)
            if status == 200:
                break
            time.sleep(0.02)
        ready = time.monotonic() - began
        cpu, rss = thread_cpu(process.pid), rss_mb(process.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):  # gone already: its exit is what is reported
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(60)
    started = STARTED.search(log.read_text(errors="replace"))
    return {"ready": ready, "cpu": cpu, "rss": rss, "first": first,
            "started": float(started.group(2)) if started else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("settings", type=Path)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=OPTION[;OPTION...]")
    args = parser.parse_args()
    image = entrypoint(args.out / f"{next(args.out.glob('app/*.jar')).stem}.tar")
    java = str(args.out / "runtime" / image[0].removeprefix("/opt/java/"))
    # The cache's path in the image (/app/...) is the app folder here; AOTMode=on refuses a cache that does not fit.
    options = [option.replace("=/app/", f"={args.out / 'app'}/") for option in image[1:image.index("-jar")]]
    options.append("-XX:AOTMode=on")
    settings = [f"--{line.strip()}" for line in args.settings.read_text().splitlines() if "=" in line]
    variants = {"image": []}
    for variant in args.variant:
        name, _, extra = variant.partition("=")
        variants[name] = [option for option in extra.split(";") if option]
    results: dict[str, list[dict]] = {name: [] for name in variants}
    logs = Path(os.environ.get("TMPDIR", "/tmp"))
    for round_ in range(args.starts):
        for name, extra in variants.items():
            time.sleep(3)
            command = [java, "-XX:MaxRAM=768m", *options, *extra, *image[image.index("-jar"):], *settings]
            result = start(args.out, command, logs / f"image-starts-{name}-{round_}.log")
            results[name].append(result)
            cpu = " ".join(f"{kind} {seconds:.2f}" for kind, seconds in sorted(result["cpu"].items()))
            first_sent, first_took, first_status = result["first"]
            print(f"{name} {round_ + 1}: ready {result['ready']:.2f} s, Started at {result['started']} s, first "
                  f"answer sent at {first_sent:.2f} s took {first_took:.2f} s ({first_status}), RSS {result['rss']:.0f}"
                  f" MB, CPU s at ready: {cpu}, total {sum(result['cpu'].values()):.2f}", flush=True)
    for name, runs in results.items():
        ready = sorted(run["ready"] for run in runs)
        kinds = sorted({kind for run in runs for kind in run["cpu"]})
        cpu = ", ".join(f"{kind} {statistics.median(run['cpu'].get(kind, 0) for run in runs):.2f}" for kind in kinds)
        print(f"{name}: ready median {statistics.median(ready):.2f} s ({', '.join(f'{r:.2f}' for r in ready)}); "
              f"CPU s at ready, medians: {cpu}")


if __name__ == "__main__":
    main()
