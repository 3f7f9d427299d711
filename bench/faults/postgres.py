"""postgres: A PostgreSQL cluster of its own (initdb in a temp dir, own port), no Redis. 2 workers register unique
emails (every 202 is an acknowledged account), 4 read GET /me, 1 signs in. After 5 s `pg_ctl stop -m fast`, 5 s of
load against the stopped database, then `pg_ctl start`.
PASS: every request overlapping the outage is answered (no reset/timeout) within Hikari's 2 s connection
timeout plus the request's own work (its p99 before the outage, at least 0.5 s: a registration hashes a
password before it needs the database, and the machine is shared); 5xx are 503
application/problem+json, never 500; no error body holds a stack trace ("at dev.bulwark", "Exception");
the outage was seen (some 503s); a registration succeeds again within 10 s of PostgreSQL being back,
without restarting the service; every acknowledged email is in the account table (emails are sent in
mixed case and compared lower-cased, as the service stores them).
"""

from __future__ import annotations

import contextlib
import time
from functools import partial

from faults.accounts import LOGIN, ME, create_users, register, sign_in, user_emails
from faults.instance import Instance, Run, note, quietly, start_instance
from faults.load import RECOVERY_LIMIT, Load, Outage
from faults.verdict import Verdict
from harness.client import Result
from harness.own_services import PostgresCluster
from harness.proc import wait_until
from harness.server import PASSWORD
from harness.stats import counts, max_latency, ms, percentile, secs

PG_BASELINE = 5.0
PG_OUTAGE = 5.0
PG_CONNECTION_TIMEOUT = 2.0  # Hikari's connection-timeout: how long a request may wait for the dead database
PG_MIN_MARGIN = 0.5  # on top: the request's own work (its p99 before the outage), at least this


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
    stack.callback(quietly, cluster.destroy)
    cluster.init()
    cluster.start()
    instance = start_instance(stack, run, "postgres", cluster.jdbc_url)
    emails = user_emails(run, "postgres", 5)
    create_users(instance, emails)
    registrars = [Registrar(instance, f"{run.stamp}-{i}") for i in range(2)]
    readers = [partial(instance.client().get, ME, sign_in(instance, email)["accessToken"], "me")
               for email in emails[:4]]
    # A sign-in looks the account up inside the hashing pool: it once answered 500 when PostgreSQL was stopped. It
    # signs in as a user of its own: its sign-ins past bulwark.auth.max-sessions (50) would end a reader's session.
    signer = partial(instance.client().post, LOGIN, {"email": emails[4], "password": PASSWORD}, None, "login")
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
