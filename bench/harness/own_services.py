"""A PostgreSQL cluster and a redis-server of a harness's own, on free ports: to stop, kill and restart at will
without touching the shared ones."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from harness.client import accepts_connections
from harness.proc import SetupError, free_port, run_command, spawn, wait_until
from harness.shared_services import jdbc_url, psql
from harness.tools import pg_bin


class RedisServer:
    """A redis-server (no persistence) on a free port, as a child process; its log in <directory>."""

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
        self.process = spawn(args, self.directory / f"redis-{self.port}.log")
        if not wait_until(lambda: accepts_connections(self.port), timeout=10, step=0.01):
            raise SetupError(f"redis-server on {self.port} did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class PostgresCluster:
    """initdb into a temp dir, listening on 127.0.0.1:<free port>, binaries from tools.pg_bin(). initdb refuses to
    run as root, so then the directory belongs to, and the binaries run as, the user postgres."""

    def __init__(self):
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="bulwark-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.dir, "postgres", "postgres")

    @property
    def jdbc_url(self) -> str:
        return jdbc_url("postgres", self.port)

    def _pg(self, tool: str, *args: str) -> str:
        return run_command([*self.as_owner, str(self.bin / tool), *args], timeout=120)

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
        """Stops the cluster when it runs (immediate mode) and removes its directory, also when the stop fails."""
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop("immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
