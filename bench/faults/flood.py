"""flood: Shared PostgreSQL, no Redis. 200 users registered beforehand (2 at a time, the hashing pool's width), then
200 sign-ins on 200 open connections released at once by a barrier.
PASS: every sign-in is answered 200, 429 or 503 (no reset/timeout/other status), the slowest within 5 s,
and the JVM's RSS grows by less than 256 MB (before the flood -> after it).
"""

from __future__ import annotations

import contextlib
import threading
import time

from faults.accounts import create_users, login, user_emails
from faults.instance import Instance, Run, shared_database, start_instance
from faults.verdict import Verdict
from harness.client import Result
from harness.stats import counts, ms, percentile, secs

FLOOD_USERS = 200
FLOOD_LATENCY_LIMIT = 5.0
FLOOD_RSS_LIMIT_MB = 256


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


class Flood:
    """One sign-in per email, each on a connection of its own opened beforehand, released at once by a barrier."""

    def __init__(self, instance: Instance, emails: list[str]):
        self.results: list[Result] = []
        self._barrier = threading.Barrier(len(emails) + 1)
        self._threads = [threading.Thread(target=self._sign_in, args=(instance, email), daemon=True)
                         for email in emails]
        for thread in self._threads:
            thread.start()

    def _sign_in(self, instance: Instance, email: str) -> None:
        client = instance.client(close=True)
        with contextlib.suppress(OSError):
            client.open()  # on failure the request connects again, and its failure is recorded
        self._barrier.wait()
        self.results.append(login(client, email))

    def release(self) -> None:
        self._barrier.wait(timeout=60)
        for thread in self._threads:
            thread.join(timeout=60)


def scenario_flood(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    instance = start_instance(stack, run, "flood", shared_database(stack, run, "flood"))
    emails = user_emails(run, "flood", FLOOD_USERS)
    began = time.monotonic()
    create_users(instance, emails)
    verdict.figure("users registered in", secs(time.monotonic() - began))
    rss_before = instance.rss_mb()
    flood = Flood(instance, emails)
    with RssSampler(instance) as rss:
        flood.release()
    judge_flood(verdict, flood.results, rss_before, instance.rss_mb(), rss.peak)


def judge_flood(verdict: Verdict, results: list[Result], rss_before: float, rss_after: float, rss_peak: float
                ) -> None:
    latencies = [r.latency for r in results]
    unexpected = [r for r in results if r.outcome != "http" or r.status not in (200, 429, 503)]
    slowest = max(latencies, default=None)
    verdict.figure("answers", counts(results))
    verdict.figure("busy", sum(r.busy for r in results))
    verdict.figure("p50", ms(percentile(latencies, 50)))
    verdict.figure("max", ms(slowest))
    verdict.figure("RSS", f"{rss_before:.0f} -> {rss_after:.0f} MB (peak {rss_peak:.0f}, "
                          f"{rss_after - rss_before:+.0f} MB)")
    verdict.require(len(results) == FLOOD_USERS, f"only {len(results)} of {FLOOD_USERS} sign-ins finished")
    verdict.require(not unexpected, f"unexpected answers: {counts(unexpected)}")
    verdict.require(slowest is not None and slowest <= FLOOD_LATENCY_LIMIT,
                    f"slowest {ms(slowest)} > {ms(FLOOD_LATENCY_LIMIT)}")
    verdict.require(rss_after - rss_before < FLOOD_RSS_LIMIT_MB, f"RSS grew by {rss_after - rss_before:.0f} MB")
