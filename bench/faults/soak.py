"""soak: Shared PostgreSQL + shared Redis. 20 users and the bootstrap admin; 16 workers, each with its own session,
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
"""

from __future__ import annotations

import collections
import contextlib
import random
import time

from faults.accounts import ADMIN_USERS, ME, REFRESH, create_users, login, sign_in, user_emails
from faults.instance import ADMIN_EMAIL, Instance, Run, note, shared_database, shared_redis_prefix, start_instance
from faults.load import Load
from faults.verdict import Verdict
from harness.client import Result
from harness.shared_services import SHARED_REDIS_URL
from harness.stats import counts, max_latency, ms, percentile

SOAK_WARMUP = 30  # s of load before the measured window
SOAK_WORKERS = 16
SOAK_USERS = 20
SOAK_RATE = 400  # requests/s, all workers together: a steady load, well below saturation on 2 cores
LOGIN_EVERY = 5.0  # s between sign-ins of one worker: 3.2 sign-ins/s in all, ~1% of the requests
REFRESH_EVERY = 2.0  # s between refreshes of one worker
SOAK_P99_LIMIT = 0.250


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
        # a refused sign-in is tried again when its Retry-After says (busy: 1-3 s), else after a second
        self.next_login = now + (LOGIN_EVERY if result.status == 200 else result.retry_after or 1.0)
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
    judge_soak(verdict, load.between(since, until), until - since, rss_start, rss_end)


def judge_soak(verdict: Verdict, measured: list[Result], seconds: float, rss_start: float, rss_end: float) -> None:
    failed = [r for r in measured if not r.ok]
    server_errors = [r for r in measured if r.server_error]
    p99 = percentile([r.latency for r in measured], 99)
    verdict.figure("requests", f"{len(measured)} ({len(measured) / seconds:.0f} rps)")
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
