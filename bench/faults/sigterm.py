"""sigterm: Shared PostgreSQL, no Redis, BULWARK_DRAIN_TIMEOUT=20s. 16 workers, each opening a new connection per
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
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from functools import partial

from faults.accounts import ME, create_users, login, sign_in, user_emails
from faults.instance import DRAIN_TIMEOUT, Run, note, shared_database, start_instance
from faults.load import Load, Monitor
from faults.verdict import Verdict
from harness.stats import counts, max_latency, ms, secs

SIGTERM_AFTER = 10.0
SIGTERM_POLL = 0.02


def scenario_sigterm(run: Run, stack: contextlib.ExitStack, verdict: Verdict) -> None:
    instance = start_instance(stack, run, "sigterm", shared_database(stack, run, "sigterm"),
                              env={"BULWARK_DRAIN_TIMEOUT": f"{DRAIN_TIMEOUT}s"})
    emails = user_emails(run, "sigterm", 6)
    create_users(instance, emails)
    me_steps = [partial(instance.client(close=True).get, ME, sign_in(instance, emails[i % 4])["accessToken"], "me")
                for i in range(14)]
    # Users of their own: thousands of sign-ins of a /me user would end its first sessions (bulwark.auth.max-sessions)
    login_steps = [partial(login, instance.client(close=True), email) for email in emails[4:]]
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
