"""Users and sessions: the API paths, registration and sign-in (set-up calls retry busy answers)."""

from __future__ import annotations

import concurrent.futures
import time

from faults.instance import Instance, Run
from harness.client import Client, Result
from harness.proc import SetupError
from harness.server import PASSWORD
from harness.stats import counts

ME = "/api/v1/me"
PING = "/api/v1/ping"
LOGIN = "/api/v1/auth/login"
LOGOUT = "/api/v1/auth/logout"
REFRESH = "/api/v1/auth/refresh"
REGISTER = "/api/v1/auth/register"
ADMIN_USERS = "/api/v1/admin/users?limit=20"


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
