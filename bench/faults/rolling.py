"""rolling: two instances (shared PostgreSQL + shared Redis, one signing key) behind HAProxy on 127.0.0.1, which
health-checks each instance's readiness probe on its management port. 8 workers on keep-alive connections to the
balancer, paced to ROLLING_RATE requests/s in all: 6 read GET /me, 2 rotate their refresh token (a write that must
work on whichever instance answers). After WARMUP s each instance in turn gets SIGTERM, is waited for, started again
and waited ready, and the next one is stopped only once HAProxy has it back in rotation, as a rolling update does.
The balancer's state is polled every 50 ms through its stats socket.

Why the check timings (CHECK_INTER, FALL, RISE): on SIGTERM readiness turns DOWN at once and the instance keeps
serving for bulwark.shutdown.delay (2 s by default) before it stops accepting connections. HAProxy must have taken it
out of rotation by then: FALL failed checks INTER apart take at most FALL x INTER plus one check's answer time
(here 2 x 250 ms + a few ms, well under 1 s), so the rest of the delay is margin for a loaded machine. RISE 2 keeps a
single lucky probe of a starting instance from putting it in rotation. `timeout check 2s`: without it HAProxy gives
a check only `inter` (250 ms) to answer, and in the first --smoke run a just-restarted, cold instance on the loaded
machine answered two checks slower than that, was taken out while the other one was stopped, and HAProxy answered
249 requests 503 (no server) for 18 s. A stopping instance answers its check at once (503) or refuses it, so the
longer timeout does not slow down taking it out. L7 retries are off (only a refused connect is
retried, `retries` + `redispatch`, and the number is reported): a request the timings failed must show as failed.

PASS: no failed request (any non-2xx, reset, refused or timeout: no answer is expected to fail), HAProxy had each
instance out of rotation within the shutdown delay, and both were back in rotation at the end. Figures: total and
failed requests (failures by kind, status, problem type and time after the SIGTERM), p99, the longest answer, each
step's timings and HAProxy's connection retries.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import dataclasses
import io
import math
import os
import signal
import socket
import subprocess
import threading
import time
from functools import partial

from faults.accounts import ME, REFRESH, create_users, sign_in, user_emails
from faults.instance import DRAIN_TIMEOUT, STARTUP_TIMEOUT, Instance, Run, note, quietly, shared_database, \
    shared_redis_prefix
from faults.load import Load
from faults.verdict import Verdict
from harness import tools
from harness.client import Client, Result, accepts_connections
from harness.proc import SetupError, free_port, spawn, wait_until
from harness.server import READINESS
from harness.shared_services import SHARED_REDIS_URL
from harness.stats import counts, max_latency, ms, percentile, secs

ROLLING_RATE = 60  # requests/s, all workers together: steady and far from saturating 2 shared cores
READERS, ROTATORS = 6, 2
ROTATE_EVERY = 1.0  # s between one rotator's refreshes
WARMUP = 5.0  # s of load before the first SIGTERM, and after the last instance is back
SETTLE = 3.0  # s of load with both instances in rotation between two steps
CHECK_INTER_MS, FALL, RISE = 250, 2, 2
SHUTDOWN_DELAY = 2.0  # s, bulwark.shutdown.delay's default, which the instances run with
BACK_IN_ROTATION_TIMEOUT = 10.0
POLL = 0.05

HAPROXY_CONFIG = """\
global
    stats socket {socket} mode 600 level admin
    maxconn 512

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 5s
    timeout check 2s
    retries 2
    option redispatch

frontend bulwark
    bind 127.0.0.1:{port}
    default_backend instances

backend instances
    balance roundrobin
    option httpchk
    http-check send meth GET uri {readiness} hdr Host localhost
    http-check expect status 200
    default-server inter {inter}ms fastinter {inter}ms downinter {inter}ms fall {fall} rise {rise}
{servers}
"""


class Balancer:
    """HAProxy in the foreground, its configuration, log and stats socket in the run's directory."""

    def __init__(self, run: Run, instances: list[Instance]):
        self.port = free_port()
        self.socket = run.dir / "haproxy.sock"
        self.config = run.dir / "haproxy.cfg"
        servers = "\n".join(f"    server {i.name} 127.0.0.1:{i.port} check port {i.management_port}"
                            for i in instances)
        self.config.write_text(HAPROXY_CONFIG.format(
            socket=self.socket, port=self.port, readiness=READINESS, inter=CHECK_INTER_MS, fall=FALL, rise=RISE,
            servers=servers))
        self.changes: list[tuple[float, str, str, str]] = []  # (time.monotonic(), server, status, check status)
        self._stop = threading.Event()
        self.process = spawn([str(tools.haproxy()), "-db", "-f", str(self.config)], run.dir / "haproxy.log")
        if not wait_until(lambda: self.socket.exists() and accepts_connections(self.port), 10):
            self.stop()
            raise SetupError(f"HAProxy did not start within 10 s: see {run.dir / 'haproxy.log'}")

    def stop(self) -> None:
        self._stop.set()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def stats(self) -> dict[str, dict[str, str]]:
        """`show stat` of the backend's servers, by server name."""
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(2)
            s.connect(str(self.socket))
            s.sendall(b"show stat\n")
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
        return {r["svname"]: r for r in rows if r["pxname"] == "instances" and r["svname"] != "BACKEND"}

    def status(self, name: str) -> str:
        """UP, DOWN, 'UP 1/2' (going down: still in rotation), 'DOWN 1/2' (coming up: not yet), MAINT..."""
        return self.stats()[name]["status"]

    def in_rotation(self, name: str) -> bool:
        return self.status(name).startswith("UP")

    def watch(self) -> None:
        """Records each server's status changes (with HAProxy's check status) until stop(), every POLL s."""
        last: dict[str, str] = {}
        while self.process.poll() is None and not self._stop.wait(POLL):
            with contextlib.suppress(OSError, KeyError):
                for name, row in self.stats().items():
                    if last.get(name) != row["status"]:
                        last[name] = row["status"]
                        self.changes.append((time.monotonic(), name, row["status"], row.get("check_status", "")))

    def total(self, column: str) -> int:
        return sum(int(r.get(column) or 0) for r in self.stats().values())


@dataclasses.dataclass
class Step:
    """One instance's restart, in seconds after its SIGTERM (None: did not happen)."""

    name: str
    sigterm_at: float = 0.0  # time.monotonic()
    out_of_rotation: float | None = None
    exited: float | None = None
    exit_code: int | None = None
    ready: float | None = None  # readiness 200 again
    back: float | None = None  # HAProxy has it in rotation again

    def line(self) -> str:
        return (f"{self.name}: out of rotation {secs(self.out_of_rotation)}, exit {secs(self.exited)} "
                f"(code {self.exit_code}), ready {secs(self.ready)}, back in rotation {secs(self.back)}")


def scenario_rolling(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    jdbc = shared_database(stack, run, "rolling")
    prefix = shared_redis_prefix(stack, run, "rolling")
    instances = [start(stack, run, name, jdbc, prefix) for name in ("rolling-a", "rolling-b")]
    for instance in instances:  # started together, as two new pods would be; both run Flyway and the bootstrap
        instance.wait_until_ready()
    balancer = Balancer(run, instances)
    stack.callback(quietly, balancer.stop)
    threading.Thread(target=balancer.watch, daemon=True).start()
    if not wait_until(lambda: all(balancer.in_rotation(i.name) for i in instances), BACK_IN_ROTATION_TIMEOUT):
        raise SetupError(f"HAProxy did not put both instances in rotation: {balancer.stats()}")
    emails = user_emails(run, "rolling", READERS + ROTATORS)
    create_users(instances[0], emails)
    readers = [partial(Client(balancer.port).get, ME, sign_in(instances[0], e)["accessToken"], "me")
               for e in emails[:READERS]]
    rotators = [Rotator(balancer.port, sign_in(instances[0], e)) for e in emails[READERS:]]
    steps = []
    with Load(readers, READERS / ROLLING_RATE) as reads, Load(rotators, ROTATE_EVERY) as rotations:
        time.sleep(WARMUP)
        for instance in instances:
            steps.append(restart(instance, balancer))
            if steps[-1].back is None:
                break
            time.sleep(SETTLE)
        time.sleep(WARMUP - SETTLE)
    judge_rolling(verdict, reads.results + rotations.results, steps, balancer)


def start(stack: contextlib.ExitStack, run: Run, name: str, jdbc: str, prefix: str) -> Instance:
    instance = Instance(run, name, jdbc, SHARED_REDIS_URL, prefix, env={"BULWARK_DRAIN_TIMEOUT": f"{DRAIN_TIMEOUT}s"})
    stack.callback(quietly, instance.stop)
    return instance


class Rotator:
    """One session that rotates its refresh token on each call (through the balancer: any instance may answer)."""

    def __init__(self, port: int, tokens: dict):
        self.client = Client(port)
        self.refresh_token = tokens["refreshToken"]

    def __call__(self) -> Result:
        result = self.client.post(REFRESH, {"refreshToken": self.refresh_token}, kind="refresh")
        if result.status == 200:
            self.refresh_token = result.json()["refreshToken"]
        return result


def restart(instance: Instance, balancer: Balancer) -> Step:
    """SIGTERM, wait for the exit (noting when HAProxy took it out), start again, wait ready and back in rotation."""
    step = Step(instance.name)
    note(f"{instance.name}: SIGTERM")
    sigterm_at = step.sigterm_at = time.monotonic()
    os.kill(instance.pid, signal.SIGTERM)
    while instance.process.poll() is None and time.monotonic() - sigterm_at < DRAIN_TIMEOUT + 10:
        if step.out_of_rotation is None and not balancer.in_rotation(instance.name):
            step.out_of_rotation = time.monotonic() - sigterm_at
        time.sleep(POLL)
    if instance.process.poll() is None:
        return step
    step.exited, step.exit_code = time.monotonic() - sigterm_at, instance.process.returncode
    if step.out_of_rotation is None and not balancer.in_rotation(instance.name):
        step.out_of_rotation = step.exited  # only seen at the exit: judged late
    started = instance.start()
    note(f"{instance.name}: started again, waiting for readiness on :{instance.management_port}")
    instance.wait_ready(started, STARTUP_TIMEOUT, step=0.25)
    step.ready = time.monotonic() - sigterm_at
    if wait_until(lambda: balancer.in_rotation(instance.name), BACK_IN_ROTATION_TIMEOUT, step=POLL):
        step.back = time.monotonic() - sigterm_at
    return step


def judge_rolling(verdict: Verdict, results: list[Result], steps: list[Step], balancer: Balancer) -> None:
    failed = [r for r in results if not r.ok]
    latencies = [r.latency for r in results]
    verdict.figure("requests", f"{len(results)} ({counts(results)})")
    verdict.figure("failed", f"{len(failed)}" + (f" ({what_failed(failed)})" if failed else ""))
    if failed:
        verdict.figure("failed when", when_failed(failed, steps))
    verdict.figure("p99", ms(percentile(latencies, 99)))
    verdict.figure("max", ms(max_latency(results)))
    for step in steps:
        verdict.figure(step.name, step.line().split(": ", 1)[1])
    unexpected = unexpected_outages(balancer, steps)
    if unexpected:
        verdict.figure("out of rotation while not being restarted", unexpected)
    verdict.figure("balancer retries/redispatches", f"{balancer.total('wretr')}/{balancer.total('wredis')}")
    verdict.require(not failed, f"{len(failed)} failed requests: {counts(failed)}")
    verdict.require(len(steps) == 2 and all(s.back is not None for s in steps),
                    "not every instance was restarted and back in rotation")
    for step in steps:
        verdict.require(step.out_of_rotation is not None and step.exited is not None
                        and step.out_of_rotation < min(step.exited, SHUTDOWN_DELAY),
                        f"HAProxy did not take {step.name} out of rotation within the shutdown delay")


def what_failed(failed: list[Result]) -> str:
    """'me 503 service-unavailable x3, refresh reset x1': by request kind, status and problem type (or who answered:
    a 503 without a problem body is HAProxy's own, no instance in rotation)."""
    tally = collections.Counter(
        f"{r.kind} {r.label}" + (f" {r.problem_type or ('haproxy' if 'html' in r.content_type else r.content_type)}"
                                 if r.outcome == "http" else "")
        for r in failed)
    return ", ".join(f"{what} x{n}" for what, n in tally.most_common())


def when_failed(failed: list[Result], steps: list[Step]) -> str:
    """When the failed requests started, in seconds after the SIGTERM of the step they fell in (before the first
    SIGTERM: after the load began)."""
    parts = []
    for i, step in enumerate([Step("before", sigterm_at=0.0), *steps]):
        until = steps[i].sigterm_at if i < len(steps) else float("inf")
        offsets = [r.start - step.sigterm_at for r in failed if step.sigterm_at <= r.start < until]
        if offsets and step.name != "before":
            parts.append(f"{step.name} +{min(offsets):.2f}..+{max(offsets):.2f} s ({len(offsets)})")
        elif offsets:
            parts.append(f"before the first SIGTERM ({len(offsets)})")
    return ", ".join(parts)


def unexpected_outages(balancer: Balancer, steps: list[Step]) -> str:
    """HAProxy's status changes of a server that was not being restarted (outside its SIGTERM..back window), in
    seconds after the first SIGTERM: 'rolling-a DOWN (L4TOUT) +81.20 s'."""
    windows = {s.name: (s.sigterm_at, s.sigterm_at + (s.back or math.inf)) for s in steps}
    first = min((s.sigterm_at for s in steps), default=0.0)
    found = []
    for at, name, status, check in balancer.changes:
        since, until = windows.get(name, (math.inf, math.inf))
        if at >= first and not status.startswith("UP") and not since <= at <= until:
            found.append(f"{name} {status} ({check}) +{at - first:.2f} s")
    return ", ".join(found)
