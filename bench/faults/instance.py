"""What the scenarios of one run share: the run itself and its Bulwark instances, databases and key prefixes."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import sys
import time
from pathlib import Path

from harness import shared_services
from harness.client import Client
from harness.image import build_image
from harness.proc import SetupError, free_port, rss_mb
from harness.server import (
    container_jvm_options, READINESS, Server, bootstrap_admin_env, database_args, listen_args, rate_limit_args,
    redis_args)

ADMIN_EMAIL = "faults-admin@example.test"
STARTUP_TIMEOUT = 180  # s for an instance to become ready (the machine is shared and noisy)
DRAIN_TIMEOUT = 20  # s, BULWARK_DRAIN_TIMEOUT of the sigterm instance


def note(message: str) -> None:
    print(f"  . {message}", file=sys.stderr, flush=True)


def quietly(action, *args) -> None:
    """Runs a clean-up step; a failure is reported and does not stop the other clean-up steps."""
    try:
        action(*args)
    except Exception as error:  # noqa: BLE001 - clean-up must go on
        print(f"faults: clean-up step {getattr(action, '__name__', action)} failed: {error}", file=sys.stderr)


@dataclasses.dataclass
class Run:
    """What all scenarios of one harness run share: a temp dir, the JDK, a private copy of the jar, a signing key, a
    stamp that makes database names, Redis prefixes and emails unique, and the soak's measured duration."""

    dir: Path
    java: Path
    jar: Path
    key: Path
    stamp: str
    soak: float
    instances: list = dataclasses.field(default_factory=list)
    java_options: list[str] = dataclasses.field(default_factory=list)  # after the container's, for every instance
    extra_java_options: list[str] = dataclasses.field(default_factory=list)  # --java-option, last, for every instance
    cwd: Path | None = None  # where instances start (default: the run's dir)


class Instance(Server):
    """One Bulwark JVM, production profile, run from the run's jar copy, started at once; its JSON log goes to
    <run dir>/<name>.log."""

    def __init__(self, run: Run, name: str, jdbc_url: str, redis_url: str | None = None, redis_prefix: str = "",
                 env: dict | None = None, settings: list[str] | None = None):
        port, management_port = free_port(), free_port()
        args = [*listen_args(port, management_port, loopback=True), *database_args(jdbc_url, run.key),
                *rate_limit_args(), *(settings or [])]
        if redis_url:
            args += redis_args(redis_url, redis_prefix)
        super().__init__(name, [str(run.java), *container_jvm_options(str(run.java)), *run.java_options,
                                *run.extra_java_options, "-jar", str(run.jar), *args],
                         port, management_port, READINESS,
                         run.dir, {**bootstrap_admin_env(ADMIN_EMAIL), **(env or {})}, run.cwd or run.dir)
        self.management_port = management_port
        self.start()
        run.instances.append(self)

    def client(self, close: bool = False) -> Client:
        return Client(self.port, close=close)

    def wait_until_ready(self) -> None:
        note(f"{self.name}: waiting for readiness on :{self.management_port}")
        self.wait_ready(time.monotonic(), STARTUP_TIMEOUT, step=0.25)

    def exit_hint(self) -> str:
        return "; ".join(self.log_lines("ERROR", 3)) or "see its log"

    def rss_mb(self) -> float:
        return rss_mb(self.pid)

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

    def stop(self, timeout: float = DRAIN_TIMEOUT + 10) -> None:
        super().stop(timeout)


def start_instance(stack: contextlib.ExitStack, *args, **kwargs) -> Instance:
    instance = Instance(*args, **kwargs)
    stack.callback(quietly, instance.stop)
    instance.wait_until_ready()
    return instance


def train_aot_cache(run: Run) -> None:
    """Trains a JDK AOT cache for the run's jar as the image does (one start against PostgreSQL and Redis until
    ready, then SIGTERM: the JVM writes the cache as it exits); every instance started after this uses it."""
    cache = run.dir / "bulwark.aot"
    with contextlib.ExitStack() as stack:
        run.java_options = [f"-XX:AOTCacheOutput={cache}"]
        note("aot-training: one start until ready, then SIGTERM")
        trainer = start_instance(stack, run, "aot-training", shared_database(stack, run, "aot"),
                                 shared_services.SHARED_REDIS_URL, shared_redis_prefix(stack, run, "aot"))
        trainer.stop(timeout=120)
        run.instances.remove(trainer)
    if not cache.is_file():
        raise SetupError(f"the AOT training run wrote no cache; see {run.dir / 'aot-training.log'}")
    run.java_options = [f"-XX:AOTCache={cache}", "-XX:AOTMode=on"]  # on: refuse to start rather than run without it


def use_image(run: Run, checkout: Path) -> None:
    """Builds the image's application with the checkout's ./bulwark image (Spring AOT's code and a JDK AOT cache,
    made in production mode against the shared PostgreSQL and Redis) and runs every instance started after this as
    the image does: its jar, cache and Java runtime, from its folder, with Spring AOT on. The image refuses to start
    where a setting that decides its beans differs from the build's: scenarios without Redis fail that way."""
    note("image: ./bulwark image --aot-settings (Spring AOT and the AOT cache against the shared services)")
    with contextlib.ExitStack() as stack:
        image = build_image(checkout, [
            *database_args(shared_database(stack, run, "image"), run.key),
            *redis_args(shared_services.SHARED_REDIS_URL, shared_redis_prefix(stack, run, "image"))], run.dir / "image")
    run.java, run.jar, run.cwd, run.java_options = image.java, Path(image.jar), image.folder, image.java_options


def shared_database(stack: contextlib.ExitStack, run: Run, scenario: str) -> str:
    """A database of the scenario's own on the shared PostgreSQL, dropped at clean-up; returns its JDBC URL."""
    name = f"bulwark_faults_{run.stamp}_{scenario}"
    shared_services.create_database(shared_services.SHARED_PG, name)
    stack.callback(quietly, shared_services.drop_database, shared_services.SHARED_PG, name)
    return shared_services.jdbc_url(name)


def shared_redis_prefix(stack: contextlib.ExitStack, run: Run, scenario: str) -> str:
    """A key prefix of the scenario's own on the shared Redis; its keys (only those) are deleted at clean-up."""
    prefix = f"bulwark-faults-{run.stamp}-{scenario}:"
    stack.callback(quietly, shared_services.delete_redis_keys, prefix)
    return prefix
