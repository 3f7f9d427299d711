"""Load and observation: workers that make requests until stopped, probes of readiness and of the main port, and
the window of a dependency's outage."""

from __future__ import annotations

import dataclasses
import math
import random
import threading
import time
from functools import partial

from faults.instance import Instance
from harness.client import Result, connect_outcome, http_status
from harness.server import READINESS

RECOVERY_LIMIT = 10.0  # s after the dependency is back: /me 200, readiness UP, registrations succeed


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
        probes = [(self.readiness, partial(http_status, instance.management_port, READINESS))]
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
