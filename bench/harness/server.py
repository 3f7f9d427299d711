"""A process under test (start, readiness, stop), and Bulwark's command line as the harnesses start it."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import time
from pathlib import Path

from harness.client import http_status
from harness.proc import SetupError, run_command, spawn

PASSWORD = "correct horse battery staple"
READINESS = "/actuator/health/readiness"
RATE_LIMIT_POLICIES = ("api", "login", "register", "refresh", "password")


class Server:
    """A process under test, started by proc.spawn, its output in <log_dir>/<name>.log; ready when ready_path on
    ready_port answers 200."""

    def __init__(self, name: str, argv: list[str], port: int, ready_port: int, ready_path: str, log_dir: Path,
                 env: dict | None = None, cwd: Path | None = None):
        self.name, self.argv, self.port = name, argv, port
        self.ready_port, self.ready_path = ready_port, ready_path
        self.log_path = Path(log_dir) / f"{name}.log"
        self.env, self.cwd = env, cwd
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def start(self) -> float:
        """Starts the process; returns when (time.monotonic())."""
        self.process = spawn(self.argv, self.log_path, {**os.environ, **(self.env or {})}, self.cwd)
        return time.monotonic()

    def wait_ready(self, started: float, timeout: float = 180, step: float = 0.05) -> float:
        """Seconds from `started` to the first 200 of the readiness probe. SetupError when the process exits, or
        `timeout` s pass, first."""
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise SetupError(f"{self.name} exited with {self.process.returncode}: {self.exit_hint()}")
            if http_status(self.ready_port, self.ready_path) == 200:
                return time.monotonic() - started
            time.sleep(step)
        raise SetupError(f"{self.name} was not ready within {timeout:.0f} s")

    def exit_hint(self) -> str:
        """What to add when the process exited before it was ready."""
        return "see its log"

    def stop(self, timeout: float = 40) -> None:
        """SIGTERM to the process group; SIGKILL when it is still running `timeout` s later."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# ------------------------------------------------------------------------------------------ Bulwark's command line


# The JVM as the image runs it in its default 768 MiB container (cli/.../image/ImageSpec.java, deploy/k8s): the host's
# memory would otherwise size the heap (a quarter of 24 GiB here) and RSS would say nothing about production.
CONTAINER_JVM_OPTIONS = ["-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=20", "-XX:+UseG1GC", "-XX:-G1UseAdaptiveIHOP",
                         "-XX:InitiatingHeapOccupancyPercent=70", "-XX:+ExitOnOutOfMemoryError"]


@functools.cache
def container_jvm_options(java: str) -> tuple[str, ...]:
    """CONTAINER_JVM_OPTIONS, plus C-heap trimming (22+) and compact object headers (25+) where the JDK has them as
    product options, as the image does."""
    optional = ["-XX:TrimNativeHeapInterval=30000", "-XX:+UseCompactObjectHeaders"]
    supported = [option for option in optional
                 if subprocess.run([java, option, "-version"], capture_output=True).returncode == 0]
    return (*CONTAINER_JVM_OPTIONS, *supported)


def listen_args(port: int, management_port: int, loopback: bool = False) -> list[str]:
    """The main and management ports (bound to 127.0.0.1 only when loopback) and the Host names accepted."""
    args = [f"--server.port={port}", f"--management.server.port={management_port}",
            "--bulwark.web.allowed-hosts=localhost,127.0.0.1"]
    if loopback:
        args += ["--server.address=127.0.0.1", "--management.server.address=127.0.0.1"]
    return args


def database_args(jdbc_url: str, key: Path) -> list[str]:
    return [f"--spring.datasource.url={jdbc_url}", f"--bulwark.auth.signing-keys=file:{key}"]


def redis_args(url: str, prefix: str) -> list[str]:
    return [f"--bulwark.redis.url={url}", f"--bulwark.redis.key-prefix={prefix}"]


def rate_limit_args(enabled: bool = True) -> list[str]:
    """Enabled: every policy is checked on every request, but too large to refuse (all load comes from one
    address)."""
    if not enabled:
        return ["--bulwark.protection.rate-limits-enabled=false"]
    return [f"--bulwark.protection.rate-limits.{policy}.capacity=1000000" for policy in RATE_LIMIT_POLICIES]


def bootstrap_admin_env(email: str) -> dict[str, str]:
    return {"BULWARK_BOOTSTRAP_ADMIN_EMAIL": email, "BULWARK_BOOTSTRAP_ADMIN_PASSWORD": PASSWORD}


def signing_key(path: Path) -> Path:
    """Writes a new RSA 2048 private key (PEM) for the instances' access tokens."""
    run_command(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(path)])
    return path
