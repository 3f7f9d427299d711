"""The machine's PostgreSQL and Redis, shared with others: a harness never stops or flushes them; it creates
databases and key prefixes of its own and removes only those."""

from __future__ import annotations

from harness.proc import run_command

SHARED_PG = "postgresql://postgres@127.0.0.1:5432"
SHARED_REDIS_PORT = 6379
SHARED_REDIS_URL = f"redis://127.0.0.1:{SHARED_REDIS_PORT}"


def psql(url: str, sql: str) -> str:
    return run_command(["psql", "-qAtX", "-v", "ON_ERROR_STOP=1", url, "-c", sql], timeout=60)


def create_database(server: str, name: str) -> None:
    psql(f"{server}/postgres", f"CREATE DATABASE {name}")


def drop_database(server: str, name: str) -> None:
    psql(f"{server}/postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def jdbc_url(database: str, port: int = 5432) -> str:
    return f"jdbc:postgresql://127.0.0.1:{port}/{database}?user=postgres"


def delete_redis_keys(prefix: str, port: int = SHARED_REDIS_PORT) -> None:
    """Deletes the keys under the prefix, and only those."""
    cli = ["redis-cli", "-h", "127.0.0.1", "-p", str(port)]
    keys = run_command([*cli, "--scan", "--pattern", f"{prefix}*"]).split()
    for i in range(0, len(keys), 500):
        run_command([*cli, "UNLINK", *keys[i : i + 500]])
