"""redis: Shared PostgreSQL, a redis-server of its own. 4 workers on GET /me, 4 on GET /ping; readiness polled every
50 ms. After 5 s the Redis is killed with SIGKILL, and restarted on the same port (empty) 5 s later.
Each /me worker has its own session, and "not revoked" answers are reused per token for up to 1 s, so
the sessions fail closed one by one. A fifth session is signed out before the kill.
PASS: every session's /me answers 503 within 5 s of the kill, and never 200 again after that session's
first 503 until Redis is back (fails closed); readiness goes DOWN; every /ping during the outage is 200
with rate-limit headers and bulwark_ratelimit_fallback_total increases (per-instance limits). Each /ping names a
client address not seen before (X-Forwarded-For from a trusted 127.0.0.1), so that the fallback shows even if an
instance keeps something per client that spares it Redis (as lever J's leases do, docs/performance.md). After the
restart /me answers 200 and readiness is UP again, each within 10 s; the signed-out session's token is
still refused (401) after the restart, although the new Redis holds no revocations; no answer is a 500.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import time
from functools import partial

from faults.accounts import LOGOUT, ME, PING, create_users, sign_in, user_emails
from faults.instance import Instance, Run, note, quietly, shared_database, start_instance
from faults.load import RECOVERY_LIMIT, Load, Monitor, Outage
from faults.verdict import Verdict
from harness.client import Client, Result
from harness.own_services import RedisServer
from harness.proc import SetupError, wait_until
from harness.stats import counts, max_latency, ms, secs

REDIS_BASELINE = 5.0
REDIS_OUTAGE = 5.0
REDIS_FAIL_CLOSED_LIMIT = 5.0


def scenario_redis(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    redis = RedisServer(run.dir)
    stack.callback(quietly, redis.kill)
    redis.start()
    instance = start_instance(stack, run, "redis", shared_database(stack, run, "redis"), redis.url, "faults:",
                              settings=["--bulwark.web.trusted-proxies=127.0.0.1/32"])
    emails = user_emails(run, "redis", 4)
    create_users(instance, emails)
    steps = [partial(instance.client().get, ME, sign_in(instance, email)["accessToken"], "me") for email in emails]
    counter = itertools.count()  # its next() is atomic: the load's threads share it
    steps += [partial(Client(instance.port, forwarded_for=partial(new_client, counter)).get, PING, None, "ping")
              for _ in range(4)]
    signed_out = signed_out_token(instance, emails[0])
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


def new_client(counter: itertools.count) -> str:
    """A client address not seen before, from the benchmark range 198.18.0.0/15."""
    n = next(counter)
    return f"198.18.{n // 250 % 256}.{n % 250 + 1}"


def signed_out_token(instance: Instance, email: str) -> str:
    """A session signed out before the outage: the restarted Redis is empty, and its token must still be refused."""
    token = sign_in(instance, email)["accessToken"]
    logout = instance.client(close=True).post(LOGOUT, {}, token)
    if logout.status != 204:
        raise SetupError(f"sign-out answered {logout.label}")
    return token


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
