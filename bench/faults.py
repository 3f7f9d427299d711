#!/usr/bin/python3
"""Fault scenarios for Bulwark: what the service does under sustained load, shutdown, and dependency failures.

Usage: bench/faults.py [--soak DURATION] [--smoke] [--only NAME,...] [--jar PATH]

Python 3 standard library only. Needs a built jar (target/bulwark.jar), the JDK named by $JAVA_HOME
(default /usr/lib/jvm/temurin-25-jdk-amd64), psql/openssl/redis-server/redis-cli on PATH, PostgreSQL 15 binaries in
/usr/lib/postgresql/15/bin, and the shared PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379). The shared
services are never stopped or flushed: each scenario gets its own database (dropped afterwards) and its own Redis key
prefix (its keys are deleted afterwards). Each scenario runs one instance of its own from a private copy of the jar,
production profile, listening on 127.0.0.1 only, and cleans up after itself, on failure and Ctrl-C too.

Each scenario prints `PASS <name>: <figures>` or `FAIL <name>: <figures> -- <reasons>`; a markdown table follows
and the exit code is 1 when any scenario failed. Latencies are measured by this client (a thread per worker, so they
include some Python scheduling delay), from the start of a request to its last response byte.

soak      Shared PostgreSQL + shared Redis. 20 users and the bootstrap admin; 16 workers, each with its own session,
          paced to SOAK_RATE requests/s in all: mostly GET /me, a refresh every REFRESH_EVERY s (each worker rotates
          its own refresh token), a fresh sign-in every LOGIN_EVERY s, and GET /admin/users for the admin workers.
          Sign-ins are paced by time, not drawn as a share of the requests: each costs ~60 ms of CPU on a pool of one
          thread per core with a queue of 8, so a share of a saturating load would both eat the CPU the other
          requests need and, in a burst, overflow the queue (503 busy) -- a correct service would then fail the
          soak. (Pacing by rate, not running flat out, also keeps the numbers about the service rather than about
          how much this Python client can push through 2 shared cores.) After a 30 s warm-up (not counted), for
          DURATION (default 10m; --smoke: 60 s; the warm-up comes on top) it measures requests, rps, p50/p99/max
          latency and the JVM's RSS at the start and end of the window.
          PASS: no 5xx (503 busy counted, and also shown on its own), no other failed request (4xx, reset,
          timeout), p99 < 250 ms. RSS growth is reported only.
sigterm   Shared PostgreSQL, no Redis, BULWARK_DRAIN_TIMEOUT=20s. 16 workers, each opening a new connection per
          request (Connection: close): 14 on GET /me, 2 signing in (~100 ms+ each; only two, so that on 2 cores they
          never queue for the hashing pool, one thread per core, and are not answered 503 busy). After 10 s the JVM gets SIGTERM;
          readiness (management port) and whether the main port accepts connections (a bare TCP connect) are each
          polled every 20 ms. A request is in flight when it was completely sent (so also connected) before the
          SIGTERM and had not finished by then.
          PASS: readiness goes non-200, and no readiness probe begun after the main port first refused a connection
          (a probe's or a request's) was still answered 200 (readiness is down no later than the port closes); every
          in-flight request completes with a non-5xx status; requests begun after the SIGTERM are refused, reset or
          answered, never with a 5xx (refusals and resets are counted, not failures); the process exits within the
          drain timeout after the SIGTERM.
redis     Shared PostgreSQL, a redis-server of its own. 4 workers on GET /me, 4 on GET /ping; readiness polled every
          50 ms. After 5 s the Redis is killed with SIGKILL, and restarted on the same port (empty) 5 s later.
          Each /me worker has its own session, and "not revoked" answers are reused per token for up to 1 s, so
          the sessions fail closed one by one. A fifth session is signed out before the kill.
          PASS: every session's /me answers 503 within 5 s of the kill, and never 200 again after that session's
          first 503 until Redis is back (fails closed); readiness goes DOWN; every /ping during the outage is 200
          with rate-limit headers and bulwark_ratelimit_fallback_total increases (per-instance limits); after the
          restart /me answers 200 and readiness is UP again, each within 10 s; the signed-out session's token is
          still refused (401) after the restart, although the new Redis holds no revocations; no answer is a 500.
postgres  A PostgreSQL cluster of its own (initdb in a temp dir, own port), no Redis. 2 workers register unique
          emails (every 202 is an acknowledged account), 4 read GET /me, 1 signs in. After 5 s `pg_ctl stop -m fast`, 5 s of
          load against the stopped database, then `pg_ctl start`.
          PASS: every request overlapping the outage is answered (no reset/timeout) within Hikari's 2 s connection
          timeout plus the request's own work (its p99 before the outage, at least 0.5 s: a registration hashes a
          password before it needs the database, and the machine is shared); 5xx are 503
          application/problem+json, never 500; no error body holds a stack trace ("at dev.bulwark", "Exception");
          the outage was seen (some 503s); a registration succeeds again within 10 s of PostgreSQL being back,
          without restarting the service; every acknowledged email is in the account table (emails are sent in
          mixed case and compared lower-cased, as the service stores them).
flood     Shared PostgreSQL, no Redis. 200 users registered beforehand (2 at a time, the hashing pool's width), then
          200 sign-ins on 200 open connections released at once by a barrier.
          PASS: every sign-in is answered 200, 429 or 503 (no reset/timeout/other status), the slowest within 5 s,
          and the JVM's RSS grows by less than 256 MB (before the flood -> after it).
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import dataclasses
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ./bulwark bench faults exports the JDK it picked as JAVA_HOME.
JAVA_HOME = Path(os.environ.get("JAVA_HOME") or "/usr/lib/jvm/temurin-25-jdk-amd64")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SHARED_PG = "postgresql://postgres@127.0.0.1:5432"
SHARED_REDIS_PORT = 6379
SHARED_REDIS_URL = f"redis://127.0.0.1:{SHARED_REDIS_PORT}"

PASSWORD = "correct horse battery staple"
ADMIN_EMAIL = "faults-admin@example.test"
STACK_TRACE_MARKERS = (b"at dev.bulwark", b"Exception")

ME = "/api/v1/me"
PING = "/api/v1/ping"
LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
REGISTER = "/api/v1/auth/register"
ADMIN_USERS = "/api/v1/admin/users?limit=20"

STARTUP_TIMEOUT = 180  # s for an instance to become ready (the machine is shared and noisy)

SOAK_WARMUP = 30  # s of load before the measured window
SOAK_WORKERS = 16
SOAK_USERS = 20
SOAK_RATE = 400  # requests/s, all workers together: a steady load, well below saturation on 2 cores
LOGIN_EVERY = 5.0  # s between sign-ins of one worker: 3.2 sign-ins/s in all, ~1% of the requests
REFRESH_EVERY = 2.0  # s between refreshes of one worker
SOAK_P99_LIMIT = 0.250

DRAIN_TIMEOUT = 20  # s, BULWARK_DRAIN_TIMEOUT of the sigterm instance
SIGTERM_AFTER = 10.0
SIGTERM_POLL = 0.02

REDIS_BASELINE = 5.0
REDIS_OUTAGE = 5.0
REDIS_FAIL_CLOSED_LIMIT = 5.0
RECOVERY_LIMIT = 10.0  # s after the dependency is back: /me 200, readiness UP, registrations succeed

PG_BASELINE = 5.0
PG_OUTAGE = 5.0
PG_CONNECTION_TIMEOUT = 2.0  # Hikari's connection-timeout: how long a request may wait for the dead database
PG_MIN_MARGIN = 0.5  # on top: the request's own work (its p99 before the outage), at least this

FLOOD_USERS = 200
FLOOD_LATENCY_LIMIT = 5.0
FLOOD_RSS_LIMIT_MB = 256


# ---------------------------------------------------------------------------------------------------- HTTP client


@dataclasses.dataclass(slots=True)
class Result:
    """One request. Times are time.monotonic(); outcome is 'http' (a response: see status) or what went wrong:
    'refused' (at connect), 'reset' (reset or EOF after connecting), 'timeout', 'error'."""

    kind: str
    outcome: str
    status: int  # 0 without a response
    start: float
    connected: float | None  # connection ready (opened, or reused); None when connecting failed
    sent: float | None  # request completely written; None when sending failed
    end: float
    content_type: str = ""
    rate_limited: bool = False  # carries RateLimit-Limit
    body: bytes = b""
    worker: int = -1  # the Load worker that made it

    @property
    def latency(self) -> float:
        return self.end - self.start

    @property
    def label(self) -> str:
        return str(self.status) if self.outcome == "http" else self.outcome

    @property
    def ok(self) -> bool:
        return self.outcome == "http" and 200 <= self.status < 300

    @property
    def server_error(self) -> bool:
        return self.outcome == "http" and self.status >= 500

    @property
    def problem_type(self) -> str:
        """The slug of an application/problem+json answer ('busy', 'service-unavailable'), else ''."""
        if "problem+json" not in self.content_type:
            return ""
        with contextlib.suppress(ValueError, AttributeError):
            return str(json.loads(self.body).get("type", "")).rsplit("/", 1)[-1]
        return ""

    @property
    def busy(self) -> bool:
        return self.status == 503 and self.problem_type == "busy"

    @property
    def has_stack_trace(self) -> bool:
        return any(marker in self.body for marker in STACK_TRACE_MARKERS)

    def json(self) -> dict:
        return json.loads(self.body)

    def slim(self) -> Result:
        """A copy for keeping: success bodies dropped (the soak keeps hundreds of thousands of results)."""
        return dataclasses.replace(self, body=b"") if self.ok and self.body else self


def classify(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "refused"
    if isinstance(error, TimeoutError):  # socket.timeout, connect or read
        return "timeout"
    if isinstance(error, (ConnectionError, http.client.HTTPException)):  # reset, broken pipe, EOF, short body
        return "reset"
    return "error"


class Client:
    """HTTP/1.1 to 127.0.0.1:port over one connection, kept alive unless close=True (then a new connection per
    request, sent with Connection: close)."""

    IDLE_LIMIT = 5.0  # Tomcat closes keep-alive connections idle for 10 s: open a new one before that

    def __init__(self, port: int, close: bool = False, timeout: float = 15.0):
        self.port = port
        self.close_each = close
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None
        self.last_used = 0.0

    def open(self) -> None:
        """Connects now (the flood opens its connections before releasing the requests)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        conn.connect()
        self.conn = conn
        self.last_used = time.monotonic()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def get(self, path: str, token: str | None = None, kind: str | None = None, accept: str = "application/json"
            ) -> Result:
        return self.request("GET", path, None, token, kind, accept)

    def post(self, path: str, body: dict, token: str | None = None, kind: str | None = None) -> Result:
        return self.request("POST", path, body, token, kind)

    def request(self, method: str, path: str, body: dict | None, token: str | None, kind: str | None,
                accept: str = "application/json") -> Result:
        headers = {"Accept": accept}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if self.close_each:
            headers["Connection"] = "close"
        if self.conn is not None and time.monotonic() - self.last_used > self.IDLE_LIMIT:
            self.close()
        kind = kind or path
        start = time.monotonic()
        connected = sent = None
        try:
            if self.conn is None:
                self.open()
            connected = time.monotonic()
            self.conn.request(method, path, body=payload, headers=headers)
            sent = time.monotonic()
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return Result(kind, classify(error), 0, start, connected, sent, time.monotonic(), body=repr(error).encode())
        result = Result(
            kind,
            "http",
            response.status,
            start,
            connected,
            sent,
            time.monotonic(),
            response.getheader("Content-Type", ""),
            response.getheader("RateLimit-Limit") is not None,
            data,
        )
        if self.close_each or response.will_close:
            self.close()
        self.last_used = result.end
        return result


def http_status(port: int, path: str, timeout: float = 1.0) -> int | str:
    """One GET on a new connection: the status, or the failure's outcome ('refused', 'timeout', ...)."""
    result = Client(port, close=True, timeout=timeout).get(path)
    return result.status if result.outcome == "http" else result.outcome


def connect_outcome(port: int, timeout: float = 0.5) -> str:
    """Whether a TCP connection to the port opens: 'accepted', 'refused', 'timeout' or 'error'."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=timeout).close()
        return "accepted"
    except OSError as error:
        return classify(error)


def accepts_connections(port: int) -> bool:
    return connect_outcome(port) == "accepted"


# ------------------------------------------------------------------------------------------- load and observation


class Load:
    """Runs one step callable per worker thread (one request per call) until stopped, each worker at most once per
    `interval` seconds; keeps every Result. After a failed connection a worker pauses 10 ms instead of spinning."""

    def __init__(self, steps: list, interval: float = 0.0):
        self.interval = interval
        self.results: list[Result] = []  # list.append is atomic: no lock needed
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(worker, step), daemon=True)
                         for worker, step in enumerate(steps)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _run(self, worker: int, step) -> None:
        next_at = time.monotonic() + random.uniform(0, self.interval)  # spread the workers' phases
        while not self._stop.wait(max(0.0, next_at - time.monotonic())):
            result = step()
            result.worker = worker
            self.results.append(result.slim())
            next_at = max(next_at + self.interval, time.monotonic())
            if result.outcome != "http":
                next_at += 0.01

    def between(self, since: float, until: float = math.inf, kind: str | None = None) -> list[Result]:
        """Results of requests started in [since, until), optionally of one kind."""
        return [r for r in self.results if since <= r.start < until and (kind is None or r.kind == kind)]

    def first(self, since: float, kind: str, predicate) -> Result | None:
        """The earliest-finishing result of this kind that finished at or after `since` and matches."""
        found = [r for r in self.results if r.kind == kind and r.end >= since and predicate(r)]
        return min(found, key=lambda r: r.end, default=None)


@dataclasses.dataclass(slots=True)
class Probe:
    start: float
    end: float
    value: int | str  # readiness: the status code, or the outcome without an answer; port: the connect outcome


class Monitor:
    """Polls readiness on the management port every `interval` seconds and, when asked, whether the main port
    accepts connections, each on a thread of its own (a slow readiness answer does not delay the port probes)."""

    def __init__(self, instance: Instance, interval: float, main_port: bool = False):
        self.interval = interval
        self.readiness: list[Probe] = []
        self.port: list[Probe] = []
        self._stop = threading.Event()
        probes = [(self.readiness, partial(http_status, instance.management_port, "/actuator/health/readiness"))]
        if main_port:
            probes.append((self.port, partial(connect_outcome, instance.port)))
        self._threads = [threading.Thread(target=self._run, args=probe, daemon=True) for probe in probes]

    def __enter__(self) -> Monitor:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)

    def _run(self, probes: list[Probe], probe) -> None:
        while True:
            start = time.monotonic()
            value = probe()
            probes.append(Probe(start, time.monotonic(), value))
            if self._stop.wait(max(0.0, start + self.interval - time.monotonic())):
                return

    @staticmethod
    def first(probes: list[Probe], since: float, predicate) -> Probe | None:
        """The first probe begun at or after `since` whose value matches."""
        return next((p for p in probes if p.start >= since and predicate(p.value)), None)


@dataclasses.dataclass
class Outage:
    """When a dependency was down (time.monotonic())."""

    began: float  # the dependency was killed/stopped
    ended: float  # the dependency accepts connections again


def wait_until(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


# ----------------------------------------------------------------------------------------------------- statistics


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None or not math.isfinite(seconds) else f"{seconds * 1000:.0f} ms"


def secs(seconds: float | None) -> str:
    return "n/a" if seconds is None or not math.isfinite(seconds) else f"{seconds:.2f} s"


def counts(results: list[Result]) -> str:
    """'200x812 503x4 refusedx3': how many results per status or outcome."""
    tally = collections.Counter(r.label for r in results)
    return " ".join(f"{label}x{n}" for label, n in sorted(tally.items())) or "none"


def max_latency(results: list[Result]) -> float | None:
    return max((r.latency for r in results), default=None)


# ------------------------------------------------------------------------------------------------ the environment


class SetupError(Exception):
    """The scenario could not be set up (an instance did not start, users could not be created, ...)."""


def run_command(args: list[str], timeout: float = 120, **kwargs) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    if done.returncode != 0:
        raise SetupError(f"{' '.join(args)[:200]} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout


def quietly(action, *args) -> None:
    """Runs a clean-up step; a failure is reported and does not stop the other clean-up steps."""
    try:
        action(*args)
    except Exception as error:  # noqa: BLE001 - clean-up must go on
        print(f"faults: clean-up step {getattr(action, '__name__', action)} failed: {error}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def note(message: str) -> None:
    print(f"  . {message}", file=sys.stderr, flush=True)


@dataclasses.dataclass
class Run:
    """What all scenarios of one harness run share: a temp dir, a private copy of the jar, a signing key, a stamp
    that makes database names, Redis prefixes and emails unique, and the soak's measured duration."""

    dir: Path
    jar: Path
    key: Path
    stamp: str
    soak: float
    instances: list = dataclasses.field(default_factory=list)


def psql(url: str, sql: str) -> str:
    return run_command(["psql", "-qAtX", "-v", "ON_ERROR_STOP=1", url, "-c", sql], timeout=60)


def shared_database(stack: contextlib.ExitStack, run: Run, scenario: str) -> str:
    """A database of the scenario's own on the shared PostgreSQL, dropped at clean-up; returns its JDBC URL."""
    name = f"bulwark_faults_{run.stamp}_{scenario}"
    psql(f"{SHARED_PG}/postgres", f"CREATE DATABASE {name}")
    stack.callback(quietly, psql, f"{SHARED_PG}/postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return f"jdbc:postgresql://127.0.0.1:5432/{name}?user=postgres"


def shared_redis_prefix(stack: contextlib.ExitStack, run: Run, scenario: str) -> str:
    """A key prefix of the scenario's own on the shared Redis; its keys (only those) are deleted at clean-up."""
    prefix = f"bulwark-faults-{run.stamp}-{scenario}:"
    stack.callback(quietly, delete_redis_keys, prefix)
    return prefix


def delete_redis_keys(prefix: str) -> None:
    cli = ["redis-cli", "-h", "127.0.0.1", "-p", str(SHARED_REDIS_PORT)]
    keys = run_command([*cli, "--scan", "--pattern", f"{prefix}*"]).split()
    for i in range(0, len(keys), 500):
        run_command([*cli, "UNLINK", *keys[i : i + 500]])


class Instance:
    """One Bulwark JVM, production profile, run from the run's jar copy; its JSON log goes to <run dir>/<name>.log."""

    def __init__(self, run: Run, name: str, jdbc_url: str, redis_url: str | None = None, redis_prefix: str = "",
                 env: dict | None = None):
        self.name = name
        self.port = free_port()
        self.management_port = free_port()
        self.log_path = run.dir / f"{name}.log"
        args = [
            str(JAVA_HOME / "bin" / "java"), "-jar", str(run.jar),
            f"--server.port={self.port}", "--server.address=127.0.0.1",
            f"--management.server.port={self.management_port}", "--management.server.address=127.0.0.1",
            f"--spring.datasource.url={jdbc_url}",
            "--bulwark.web.allowed-hosts=localhost,127.0.0.1",
            f"--bulwark.auth.signing-keys=file:{run.key}",
            *(f"--bulwark.protection.rate-limits.{policy}.capacity=1000000"
              for policy in ("api", "login", "register", "refresh")),
        ]
        if redis_url:
            args += [f"--bulwark.redis.url={redis_url}", f"--bulwark.redis.key-prefix={redis_prefix}"]
        environment = {
            **os.environ,
            "JAVA_HOME": str(JAVA_HOME),
            "BULWARK_BOOTSTRAP_ADMIN_EMAIL": ADMIN_EMAIL,
            "BULWARK_BOOTSTRAP_ADMIN_PASSWORD": PASSWORD,
            **(env or {}),
        }
        with open(self.log_path, "wb") as log:
            # A session of its own: a Ctrl-C on the terminal reaches only this harness, which then stops the JVM.
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                            cwd=run.dir, start_new_session=True)
        run.instances.append(self)

    @property
    def pid(self) -> int:
        return self.process.pid

    def client(self, close: bool = False) -> Client:
        return Client(self.port, close=close)

    def wait_ready(self) -> None:
        note(f"{self.name}: waiting for readiness on :{self.management_port}")
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while http_status(self.management_port, "/actuator/health/readiness") != 200:
            if self.process.poll() is not None:
                raise SetupError(f"instance {self.name} exited with {self.process.returncode}: "
                                 f"{'; '.join(self.log_lines('ERROR', 3)) or 'see its log'}")
            if time.monotonic() > deadline:
                raise SetupError(f"instance {self.name} not ready after {STARTUP_TIMEOUT} s")
            time.sleep(0.25)

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024

    def metric(self, name: str) -> float:
        """The sum of a Prometheus metric's series (0 when absent)."""
        result = Client(self.management_port, close=True).get("/actuator/prometheus", accept="text/plain")
        if result.status != 200:
            raise SetupError(f"/actuator/prometheus answered {result.label}")
        text = result.body.decode()
        pattern = re.compile(rf"^{re.escape(name)}(?:{{[^}}]*}})?\s+(\S+)$", re.M)
        return sum(float(value) for value in pattern.findall(text))

    def log_lines(self, level: str, limit: int) -> list[str]:
        """The messages of the last `limit` log lines of this level."""
        found = []
        with contextlib.suppress(OSError), open(self.log_path, errors="replace") as log:
            for line in log:
                with contextlib.suppress(ValueError):
                    entry = json.loads(line)
                    if entry.get("log", {}).get("level") == level:
                        found.append(entry.get("message", line)[:300])
        return found[-limit:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=DRAIN_TIMEOUT + 10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_instance(stack: contextlib.ExitStack, *args, **kwargs) -> Instance:
    instance = Instance(*args, **kwargs)
    stack.callback(quietly, instance.stop)
    instance.wait_ready()
    return instance


class RedisServer:
    """A redis-server of our own (no persistence) on a free port, as a child process."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> None:
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", str(self.directory)]
        with open(self.directory / f"redis-{self.port}.log", "ab") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        if not wait_until(lambda: accepts_connections(self.port), timeout=10, step=0.01):
            raise SetupError(f"redis-server on {self.port} did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class PostgresCluster:
    """A PostgreSQL cluster of our own: initdb into a temp dir, listening on 127.0.0.1:<free port>. initdb refuses to
    run as root, so then the directory belongs to, and the binaries run as, the user postgres."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="bulwark-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.dir, "postgres", "postgres")

    @property
    def jdbc_url(self) -> str:
        return f"jdbc:postgresql://127.0.0.1:{self.port}/postgres?user=postgres"

    def _pg(self, tool: str, *args: str) -> str:
        return run_command([*self.as_owner, str(PG_BIN / tool), *args], timeout=120)

    def init(self) -> None:
        self._pg("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-w", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-w", "-m", mode, "stop")

    def query(self, sql: str) -> str:
        return psql(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", sql)

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            quietly(self.stop, "immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


# ----------------------------------------------------------------------------------------------- accounts, tokens


def retry_busy(call, attempts: int = 30) -> Result:
    """Calls until the answer is not 503 busy (the hashing pool was full), waiting its Retry-After (1 s)."""
    for _ in range(attempts - 1):
        result = call()
        if not result.busy:
            return result
        time.sleep(1)
    return call()


def register(client: Client, email: str) -> Result:
    body = {"email": email, "password": PASSWORD, "displayName": "Faults"}
    return client.post(REGISTER, body, kind="register")


def login(client: Client, email: str) -> Result:
    return client.post(LOGIN, {"email": email, "password": PASSWORD}, kind="login")


def sign_in(instance: Instance, email: str) -> dict:
    """Setup: the token pair of a new session (not a measured request)."""
    result = retry_busy(lambda: login(instance.client(close=True), email))
    if result.status != 200:
        raise SetupError(f"sign-in of {email} answered {result.label}: {result.body[:200]!r}")
    return result.json()


def create_users(instance: Instance, emails: list[str]) -> None:
    """Registers every email, two at a time (the hashing pool's width on 2 cores), retrying busy answers."""
    def one(email: str) -> Result:
        return retry_busy(lambda: register(instance.client(close=True), email))

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        failed = [r for r in pool.map(one, emails) if r.status != 202]
    if failed:
        raise SetupError(f"{len(failed)} of {len(emails)} registrations failed: {counts(failed)}")


def user_emails(run: Run, scenario: str, n: int) -> list[str]:
    return [f"faults-{scenario}-{run.stamp}-{i}@example.test" for i in range(n)]


# ------------------------------------------------------------------------------------------------------ verdicts


class Verdict:
    """A scenario's figures (reported) and requirements (failed ones make it FAIL)."""

    def __init__(self, name: str):
        self.name = name
        self.figures: dict[str, str] = {}
        self.failures: list[str] = []

    def figure(self, key: str, value) -> None:
        self.figures[key] = str(value)

    def require(self, ok: bool, failure: str) -> None:
        if not ok:
            self.failures.append(failure)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def result(self) -> str:
        return "PASS" if self.passed else "FAIL"

    def figures_text(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in self.figures.items())

    def line(self) -> str:
        reasons = f" -- {'; '.join(self.failures)}" if self.failures else ""
        return f"{self.result} {self.name}: {self.figures_text()}{reasons}"


# ---------------------------------------------------------------------------------------------------------- soak


class SoakWorker:
    """One session: signs in every LOGIN_EVERY s (as a random user, or as the admin for admin workers), rotates its
    own refresh token every REFRESH_EVERY s, and otherwise reads GET /me (admin workers: every other request the
    admin user list)."""

    def __init__(self, instance: Instance, emails: list[str], admin: bool):
        self.client = instance.client()
        self.emails = [ADMIN_EMAIL] if admin else emails
        self.admin = admin
        self.tokens = sign_in(instance, random.choice(self.emails))
        now = time.monotonic()
        self.next_login = now + random.uniform(0, LOGIN_EVERY)  # spread the sign-ins over time
        self.next_refresh = now + random.uniform(0, REFRESH_EVERY)

    def __call__(self) -> Result:
        now = time.monotonic()
        if now >= self.next_login:
            return self._login(now)
        if now >= self.next_refresh:
            return self._refresh(now)
        if self.admin and random.random() < 0.5:
            return self.client.get(ADMIN_USERS, self.tokens["accessToken"], kind="admin")
        return self.client.get(ME, self.tokens["accessToken"], kind="me")

    def _login(self, now: float) -> Result:
        result = login(self.client, random.choice(self.emails))
        if result.status == 200:
            self.tokens = result.json()
        self.next_login = now + (LOGIN_EVERY if result.status == 200 else 1.0)
        return result

    def _refresh(self, now: float) -> Result:
        result = self.client.post(REFRESH, {"refreshToken": self.tokens["refreshToken"]}, kind="refresh")
        if result.status == 200:
            self.tokens = result.json()
        else:
            self.next_login = now  # the session is gone: start a new one
        self.next_refresh = now + REFRESH_EVERY
        return result


def scenario_soak(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    instance = start_instance(stack, run, "soak", shared_database(stack, run, "soak"),
                              SHARED_REDIS_URL, shared_redis_prefix(stack, run, "soak"))
    emails = user_emails(run, "soak", SOAK_USERS)
    create_users(instance, emails)
    workers = [SoakWorker(instance, emails, admin=i < 2) for i in range(SOAK_WORKERS)]
    note(f"soak: {SOAK_WARMUP} s warm-up, then {run.soak:.0f} s measured")
    with Load(workers, interval=SOAK_WORKERS / SOAK_RATE) as load:
        time.sleep(SOAK_WARMUP)
        since, rss_start = time.monotonic(), instance.rss_mb()
        time.sleep(run.soak)
        until, rss_end = time.monotonic(), instance.rss_mb()
    measured = load.between(since, until)
    failed = [r for r in measured if not r.ok]
    server_errors = [r for r in measured if r.server_error]
    p99 = percentile([r.latency for r in measured], 99)
    verdict.figure("requests", f"{len(measured)} ({len(measured) / (until - since):.0f} rps)")
    verdict.figure("mix", counts_by_kind(measured))
    verdict.figure("p50", ms(percentile([r.latency for r in measured], 50)))
    verdict.figure("p99", ms(p99))
    verdict.figure("max", ms(max_latency(measured)))
    verdict.figure("5xx", len(server_errors))
    verdict.figure("of which busy", sum(r.busy for r in server_errors))
    verdict.figure("other failures", counts([r for r in failed if not r.server_error]))
    verdict.figure("RSS", f"{rss_start:.0f} -> {rss_end:.0f} MB ({rss_end - rss_start:+.0f} MB)")
    verdict.require(bool(measured), "no request measured")
    verdict.require(not server_errors, f"{len(server_errors)} 5xx: {counts(server_errors)}")
    verdict.require(len(failed) == len(server_errors), f"failed requests: {counts(failed)}")
    verdict.require(p99 < SOAK_P99_LIMIT, f"p99 {ms(p99)} >= {ms(SOAK_P99_LIMIT)}")


def counts_by_kind(results: list[Result]) -> str:
    tally = collections.Counter(r.kind for r in results)
    return "/".join(f"{kind} {n}" for kind, n in tally.most_common())


# ------------------------------------------------------------------------------------------------------- sigterm


def scenario_sigterm(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    instance = start_instance(stack, run, "sigterm", shared_database(stack, run, "sigterm"),
                              env={"BULWARK_DRAIN_TIMEOUT": f"{DRAIN_TIMEOUT}s"})
    emails = user_emails(run, "sigterm", 4)
    create_users(instance, emails)
    me_steps = [partial(instance.client(close=True).get, ME, sign_in(instance, emails[i % 4])["accessToken"], "me")
                for i in range(14)]
    login_steps = [partial(login, instance.client(close=True), email) for email in emails[:2]]
    with Monitor(instance, SIGTERM_POLL, main_port=True) as monitor, Load(me_steps + login_steps) as load:
        time.sleep(SIGTERM_AFTER)
        sigterm_at = time.monotonic()
        os.kill(instance.pid, signal.SIGTERM)
        note("sigterm: SIGTERM sent, waiting for the JVM to exit")
        exited_at = wait_for_exit(instance.process, DRAIN_TIMEOUT + 10)
        time.sleep(0.5)  # a little load against the closed port
    judge_sigterm(verdict, load, monitor, sigterm_at, exited_at, instance.process.returncode)


def wait_for_exit(process: subprocess.Popen, timeout: float) -> float | None:
    """When the process exited (time.monotonic()), or None when it was still running after `timeout` s."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return time.monotonic()


def judge_sigterm(verdict: Verdict, load: Load, monitor: Monitor, sigterm_at: float, exited_at: float | None,
                  exit_code: int | None) -> None:
    sent_before = [r for r in load.results if r.sent is not None and r.sent < sigterm_at]
    done_before = [r for r in sent_before if r.end <= sigterm_at]
    in_flight = [r for r in sent_before if r.end > sigterm_at]
    lost = [r for r in in_flight if r.outcome != "http" or r.status >= 500]
    after = [r for r in load.results if r.sent is None or r.sent >= sigterm_at]
    ready_down = Monitor.first(monitor.readiness, sigterm_at, lambda v: v != 200)
    # The main port stops accepting at the first refused connection: a port probe's or a request's.
    port_refused = Monitor.first(monitor.port, sigterm_at, lambda v: v == "refused")
    refusals = [r.end for r in after if r.outcome == "refused"] + ([port_refused.end] if port_refused else [])
    closed_at = min(refusals, default=None)
    # Readiness lagged if a readiness probe begun after that refusal was still answered 200.
    lagging = Monitor.first(monitor.readiness, closed_at, lambda v: v == 200) if closed_at else None
    errors = [r for r in load.results if r.server_error]

    verdict.figure("done before SIGTERM", counts(done_before))
    verdict.figure("in flight", f"{len(in_flight)} ({counts(in_flight)}, longest {ms(max_latency(in_flight))})")
    verdict.figure("after SIGTERM", counts(after))
    verdict.figure("first non-200 readiness", "none" if ready_down is None else
                   f"{ready_down.value} to the probe begun after {secs(ready_down.start - sigterm_at)}")
    verdict.figure("main port refusing after", secs(closed_at and closed_at - sigterm_at))
    verdict.figure("exit after", f"{secs(exited_at and exited_at - sigterm_at)} (code {exit_code})")
    verdict.require(bool(in_flight), "no request was in flight at the SIGTERM")
    verdict.require(not lost, f"{len(lost)} in-flight requests failed: {counts(lost)}")
    verdict.require(not errors, f"{len(errors)} 5xx ({sum(r.busy for r in errors)} busy): {counts(errors)}")
    verdict.require(ready_down is not None, "readiness never reported DOWN before the exit")
    verdict.require(lagging is None, f"readiness still 200 {ms(lagging and lagging.start - closed_at)} after the"
                                     " main port refused a connection")
    verdict.require(exited_at is not None and exited_at - sigterm_at <= DRAIN_TIMEOUT,
                    f"did not exit within the {DRAIN_TIMEOUT} s drain timeout")


# --------------------------------------------------------------------------------------------------------- redis


def scenario_redis(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    redis = RedisServer(run.dir)
    stack.callback(quietly, redis.kill)
    redis.start()
    instance = start_instance(stack, run, "redis", shared_database(stack, run, "redis"), redis.url, "faults:")
    emails = user_emails(run, "redis", 4)
    create_users(instance, emails)
    steps = [partial(instance.client().get, ME, sign_in(instance, email)["accessToken"], "me") for email in emails]
    steps += [partial(instance.client().get, PING, None, "ping") for _ in range(4)]
    # A session signed out before the outage: the restarted Redis is empty, and its token must still be refused.
    signed_out = sign_in(instance, emails[0])["accessToken"]
    logout = instance.client(close=True).post("/api/v1/auth/logout", {}, signed_out)
    if logout.status != 204:
        raise SetupError(f"sign-out answered {logout.label}")
    with Monitor(instance, 0.05) as monitor, Load(steps, interval=0.02) as load:
        time.sleep(REDIS_BASELINE)
        fallbacks_before = instance.metric("bulwark_ratelimit_fallback_total")
        killed_at = time.monotonic()
        redis.kill()
        note("redis: Redis killed")
        time.sleep(REDIS_OUTAGE)
        fallbacks_during = instance.metric("bulwark_ratelimit_fallback_total")
        redis.start()
        back_at = time.monotonic()
        note("redis: Redis restarted")
        wait_until(lambda: load.first(back_at, "me", lambda r: r.status == 200 and r.start >= back_at)
                   and Monitor.first(monitor.readiness, back_at, lambda v: v == 200), timeout=RECOVERY_LIMIT + 5)
    outage = Outage(killed_at, back_at)
    after_restart = instance.client(close=True).get(ME, signed_out, "me")
    judge_redis(verdict, load, monitor, outage, fallbacks_during - fallbacks_before, after_restart)


def judge_redis(verdict: Verdict, load: Load, monitor: Monitor, outage: Outage, fallbacks: float,
                signed_out_after_restart: Result) -> None:
    # Each session's "not revoked" answer is reused for up to 1 s, so the sessions fail closed one by one: judge each
    # /me worker (one session each) from its own first 503 on.
    workers = {r.worker for r in load.results if r.kind == "me"}
    first_503 = {w: load.first(outage.began, "me", lambda r, w=w: r.worker == w and r.status == 503) for w in workers}
    leaked = [r for r in load.between(outage.began, outage.ended, "me")
              if r.status == 200 and first_503[r.worker] and r.start > first_503[r.worker].end]
    closed_after = [r.end - outage.began if r else math.inf for r in first_503.values()]
    down = Monitor.first(monitor.readiness, outage.began, lambda v: v != 200)
    pings = load.between(outage.began, outage.ended, "ping")
    served = [r for r in pings if r.status == 200 and r.rate_limited]
    me_back = load.first(outage.ended, "me", lambda r: r.status == 200 and r.start >= outage.ended)
    ready_back = Monitor.first(monitor.readiness, outage.ended, lambda v: v == 200)
    me_recovery = me_back and me_back.end - outage.ended
    ready_recovery = ready_back and ready_back.end - outage.ended

    verdict.figure("/me 503 after", f"{secs(min(closed_after))} (every session: {secs(max(closed_after))})")
    verdict.figure("/me during outage", counts(load.between(outage.began, outage.ended, "me")))
    verdict.figure("/me 200 after the session's first 503", len(leaked))
    verdict.figure("readiness DOWN after", secs(down and down.end - outage.began))
    verdict.figure("/ping during outage", f"{counts(pings)} ({len(served)} with rate-limit headers, "
                                          f"max {ms(max_latency(pings))})")
    verdict.figure("fallback_total +", f"{fallbacks:.0f}")
    verdict.figure("/me 200 again after", secs(me_recovery))
    verdict.figure("readiness UP again after", secs(ready_recovery))
    verdict.require(max(closed_after) <= REDIS_FAIL_CLOSED_LIMIT,
                    f"/me did not answer 503 for every session within {REDIS_FAIL_CLOSED_LIMIT:.0f} s")
    verdict.require(not leaked, f"{len(leaked)} /me answered 200 while Redis was down (not fail-closed)")
    verdict.require(down is not None and down.start < outage.ended, "readiness did not go DOWN during the outage")
    verdict.require(bool(pings) and len(served) == len(pings), "/ping not served with rate-limit headers")
    verdict.require(fallbacks > 0, "bulwark_ratelimit_fallback_total did not increase")
    verdict.require(me_recovery is not None and me_recovery <= RECOVERY_LIMIT,
                    f"/me not 200 within {RECOVERY_LIMIT:.0f} s of Redis' return")
    verdict.require(ready_recovery is not None and ready_recovery <= RECOVERY_LIMIT,
                    f"readiness not UP within {RECOVERY_LIMIT:.0f} s of Redis' return")
    verdict.figure("signed-out token after the restart", signed_out_after_restart.label)
    verdict.require(signed_out_after_restart.status == 401,
                    "a token signed out before the outage was not refused after Redis restarted empty")
    internal = [r for r in load.results if r.status == 500]
    verdict.require(not internal, f"{len(internal)} answers 500")


# ------------------------------------------------------------------------------------------------------ postgres


class Registrar:
    """Registers a new unique email per call (mixed case: the service stores it lower-cased); remembers every email
    that was acknowledged with 202."""

    def __init__(self, instance: Instance, tag: str):
        self.client = instance.client()
        self.tag = tag
        self.serial = 0
        self.acknowledged: list[str] = []

    def __call__(self) -> Result:
        self.serial += 1
        email = f"Faults-{self.tag}-{self.serial}@Example.TEST"
        result = register(self.client, email)
        if result.status == 202:
            self.acknowledged.append(email.lower())
        return result


def scenario_postgres(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    cluster = PostgresCluster()
    stack.callback(cluster.destroy)
    cluster.init()
    cluster.start()
    instance = start_instance(stack, run, "postgres", cluster.jdbc_url)
    emails = user_emails(run, "postgres", 4)
    create_users(instance, emails)
    registrars = [Registrar(instance, f"{run.stamp}-{i}") for i in range(2)]
    readers = [partial(instance.client().get, ME, sign_in(instance, email)["accessToken"], "me") for email in emails]
    # A sign-in looks the account up inside the hashing pool: it once answered 500 when PostgreSQL was stopped.
    signer = partial(instance.client().post, LOGIN, {"email": emails[0], "password": PASSWORD}, None, "login")
    with Load(registrars + readers + [signer], interval=0.05) as load:
        time.sleep(PG_BASELINE)
        accounts_before = int(cluster.query("SELECT count(*) FROM account"))
        stopped_at = time.monotonic()
        cluster.stop("fast")
        note("postgres: PostgreSQL stopped")
        time.sleep(max(0.0, stopped_at + PG_OUTAGE - time.monotonic()))
        cluster.start()
        back_at = time.monotonic()
        note("postgres: PostgreSQL started again")
        wait_until(lambda: load.first(back_at, "register", lambda r: r.status == 202 and r.start >= back_at),
                   timeout=RECOVERY_LIMIT + 5)
        time.sleep(1)
    acknowledged = [email for registrar in registrars for email in registrar.acknowledged]
    stored = set(cluster.query("SELECT email FROM account").split())
    judge_postgres(verdict, load, Outage(stopped_at, back_at), acknowledged, stored, accounts_before)


def judge_postgres(verdict: Verdict, load: Load, outage: Outage, acknowledged: list[str], stored: set[str],
                   accounts_before: int) -> None:
    overlapping = [r for r in load.results if r.end >= outage.began and r.start <= outage.ended]
    unanswered = [r for r in overlapping if r.outcome != "http"]
    limits = answer_limits(load, outage)
    late = [r for r in overlapping if r.latency > limits[r.kind]]
    errors = [r for r in load.results if r.server_error]
    not_problems = [r for r in errors if "application/problem+json" not in r.content_type]
    traces = [r for r in load.results if not r.ok and r.has_stack_trace]
    registered_back = load.first(outage.ended, "register", lambda r: r.status == 202 and r.start >= outage.ended)
    me_back = load.first(outage.ended, "me", lambda r: r.status == 200 and r.start >= outage.ended)
    recovery = registered_back and registered_back.end - outage.ended
    missing = [email for email in acknowledged if email not in stored]
    acked_before = sum(r.status == 202 for r in load.results if r.kind == "register" and r.end < outage.began)

    verdict.figure("during outage", f"register {counts([r for r in overlapping if r.kind == 'register'])}, "
                                    f"/me {counts([r for r in overlapping if r.kind == 'me'])}")
    verdict.figure("slowest during outage", ", ".join(
        f"{kind} {ms(max_latency([r for r in overlapping if r.kind == kind]))} (limit {ms(limit)})"
        for kind, limit in limits.items()))
    verdict.figure("busy", sum(r.busy for r in errors))
    verdict.figure("registration OK again after", secs(recovery))
    verdict.figure("/me OK again after", secs(me_back and me_back.end - outage.ended))
    verdict.figure("acknowledged", f"{acked_before} before the stop, {len(acknowledged)} in all")
    verdict.figure("accounts in table", f"{accounts_before} before the stop, {len(stored)} after")
    verdict.figure("acknowledged missing", len(missing))
    verdict.require(any(r.status == 503 for r in overlapping), "no 503 seen: the outage was not observed")
    verdict.require(not unanswered, f"{len(unanswered)} requests unanswered: {counts(unanswered)}")
    verdict.require(not late, f"{len(late)} answers slower than the limit during the outage")
    verdict.require(not [r for r in errors if r.status != 503], f"5xx other than 503: {counts(errors)}")
    verdict.require(not not_problems, f"{len(not_problems)} 5xx not application/problem+json")
    verdict.require(not traces, f"{len(traces)} error bodies with a stack trace")
    verdict.require(recovery is not None and recovery <= RECOVERY_LIMIT,
                    f"registration not working within {RECOVERY_LIMIT:.0f} s of PostgreSQL's return")
    verdict.require(not missing, f"{len(missing)} acknowledged registrations missing, e.g. {missing[:3]}")


def answer_limits(load: Load, outage: Outage) -> dict[str, float]:
    """Per kind of request: how long an answer may take while the database is down. The 2 s connection timeout, plus
    the request's own work: its p99 before the outage (registrations hash a password before they need the database;
    the machine is shared), at least PG_MIN_MARGIN."""
    before = [r for r in load.results if r.end < outage.began]

    def own_work(kind: str) -> float:
        latencies = [r.latency for r in before if r.kind == kind]
        return percentile(latencies, 99) if latencies else 0.0

    kinds = sorted({r.kind for r in load.results})
    return {kind: PG_CONNECTION_TIMEOUT + max(PG_MIN_MARGIN, own_work(kind)) for kind in kinds}


# --------------------------------------------------------------------------------------------------------- flood


class RssSampler:
    """Samples the JVM's RSS every 50 ms on a thread of its own: the peak during the flood."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.peak = instance.rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.instance.rss_mb())


def scenario_flood(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    instance = start_instance(stack, run, "flood", shared_database(stack, run, "flood"))
    emails = user_emails(run, "flood", FLOOD_USERS)
    began = time.monotonic()
    create_users(instance, emails)
    verdict.figure("users registered in", secs(time.monotonic() - began))
    rss_before = instance.rss_mb()
    results: list[Result] = []
    barrier = threading.Barrier(FLOOD_USERS + 1)

    def sign_in_at_once(email: str) -> None:
        client = instance.client(close=True)
        with contextlib.suppress(OSError):
            client.open()  # on failure the request connects again, and its failure is recorded
        barrier.wait()
        results.append(login(client, email))

    threads = [threading.Thread(target=sign_in_at_once, args=(email,), daemon=True) for email in emails]
    for thread in threads:
        thread.start()
    with RssSampler(instance) as rss:
        barrier.wait(timeout=60)
        for thread in threads:
            thread.join(timeout=60)
    rss_after = instance.rss_mb()
    latencies = [r.latency for r in results]
    unexpected = [r for r in results if r.outcome != "http" or r.status not in (200, 429, 503)]
    slowest = max(latencies, default=None)
    verdict.figure("answers", counts(results))
    verdict.figure("busy", sum(r.busy for r in results))
    verdict.figure("p50", ms(percentile(latencies, 50)))
    verdict.figure("max", ms(slowest))
    verdict.figure("RSS", f"{rss_before:.0f} -> {rss_after:.0f} MB (peak {rss.peak:.0f}, "
                          f"{rss_after - rss_before:+.0f} MB)")
    verdict.require(len(results) == FLOOD_USERS, f"only {len(results)} of {FLOOD_USERS} sign-ins finished")
    verdict.require(not unexpected, f"unexpected answers: {counts(unexpected)}")
    verdict.require(slowest is not None and slowest <= FLOOD_LATENCY_LIMIT,
                    f"slowest {ms(slowest)} > {ms(FLOOD_LATENCY_LIMIT)}")
    verdict.require(rss_after - rss_before < FLOOD_RSS_LIMIT_MB, f"RSS grew by {rss_after - rss_before:.0f} MB")


# ------------------------------------------------------------------------------------------------------------ main


SCENARIOS = {
    "soak": scenario_soak,
    "sigterm": scenario_sigterm,
    "redis": scenario_redis,
    "postgres": scenario_postgres,
    "flood": scenario_flood,
}


def parse_duration(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (examples: 60s, 10m, 1h)")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Fault scenarios for Bulwark (see the top of this file).")
    parser.add_argument("--soak", type=parse_duration, default=parse_duration("10m"), metavar="DURATION",
                        help="measured soak duration, e.g. 10m or 60s (default 10m)")
    parser.add_argument("--smoke", action="store_true", help="quick run: a 60 s soak")
    parser.add_argument("--only", type=lambda s: [n.strip() for n in s.split(",") if n.strip()],
                        default=list(SCENARIOS), metavar="NAME,...",
                        help=f"run only these scenarios, in this order: {', '.join(SCENARIOS)}")
    parser.add_argument("--jar", type=Path, default=REPO / "target" / "bulwark.jar", metavar="PATH",
                        help="the service's jar (default target/bulwark.jar; a copy is run)")
    args = parser.parse_args()
    unknown = [name for name in args.only if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    if args.smoke:
        args.soak = 60.0
    if not args.jar.is_file():
        parser.error(f"no jar at {args.jar}; build it: cd {REPO} && JAVA_HOME={JAVA_HOME} "
                     "MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow "
                     "mvn -B -q -DskipTests -Dspotless.check.skip=true package")
    return args


class Interrupts:
    """SIGINT/SIGTERM: the first raises KeyboardInterrupt (clean-up runs as the stack unwinds); later ones only say
    that clean-up is under way, so a second Ctrl-C cannot leave instances, databases or clusters behind."""

    def __init__(self):
        self.received = 0

    def __call__(self, signum, frame) -> None:
        self.received += 1
        if self.received == 1:
            raise KeyboardInterrupt
        print("faults: cleaning up, please wait", file=sys.stderr, flush=True)


@contextlib.contextmanager
def harness_run(jar: Path, soak: float):
    directory = Path(tempfile.mkdtemp(prefix="bulwark-faults-"))
    try:
        copy = directory / "bulwark.jar"
        shutil.copyfile(jar, copy)  # a concurrent rebuild of target/ cannot pull the jar from under us
        key = directory / "key.pem"
        run_command(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key)])
        yield Run(directory, copy, key, f"{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}", soak)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def run_scenario(run: Run, name: str) -> Verdict:
    verdict = Verdict(name)
    print(f"== {name}", file=sys.stderr, flush=True)
    first_instance = len(run.instances)
    try:
        with contextlib.ExitStack() as stack:
            SCENARIOS[name](run, stack, verdict)
    except Exception as error:  # noqa: BLE001 - one broken scenario must not stop the others
        traceback.print_exc(file=sys.stderr)
        verdict.require(False, f"aborted: {error}")
    if not verdict.passed:
        for instance in run.instances[first_instance:]:
            for message in instance.log_lines("ERROR", 5):
                print(f"  {instance.name} log ERROR: {message}", file=sys.stderr)
    return verdict


def print_table(verdicts: list[Verdict]) -> None:
    print("\n| scenario | result | figures |\n|---|---|---|")
    for verdict in verdicts:
        details = verdict.figures_text() + (f" -- **{'; '.join(verdict.failures)}**" if verdict.failures else "")
        print(f"| {verdict.name} | {verdict.result} | {details.replace('|', '/')} |")


def main() -> int:
    args = parse_args()
    handler = Interrupts()
    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    sys.setswitchinterval(0.001)  # many client threads: hand the GIL over quickly, so latencies stay honest
    verdicts = []
    try:
        with harness_run(args.jar, args.soak) as run:
            for name in args.only:
                verdicts.append(run_scenario(run, name))
                print(verdicts[-1].line(), flush=True)
    except KeyboardInterrupt:
        print("faults: interrupted; cleaned up", file=sys.stderr)
        return 130
    print_table(verdicts)
    return 0 if all(v.passed for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
