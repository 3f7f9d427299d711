"""The programs a harness runs that are not on every machine: the JDK and PostgreSQL's server programs.

The JDK is the one in $JAVA_HOME, which ./bulwark exports after finding a JDK 21+ (its find_jdk). PostgreSQL's
initdb, pg_ctl and postgres are found the way the launcher finds a JDK: the setting first (BULWARK_PG_BIN, used when
it holds them), then what the machine says (pg_config --bindir, the PATH), then the newest version in the usual
install places.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from harness.proc import SetupError, run_command

PG_PROGRAMS = ("initdb", "pg_ctl", "postgres")
PG_PLACES = (
    "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
    "/usr/pgsql-*/bin",  # PGDG packages on Red Hat and friends
    "/usr/local/pgsql/bin",  # built from source
    "/opt/homebrew/opt/postgresql*/bin",  # Homebrew, Apple silicon
    "/usr/local/opt/postgresql*/bin",  # Homebrew, Intel
    "/opt/local/lib/postgresql*/bin",  # MacPorts
    "/Applications/Postgres.app/Contents/Versions/*/bin",
)


def java() -> Path:
    """bin/java of the JDK in $JAVA_HOME."""
    home = os.environ.get("JAVA_HOME", "")
    hint = "run the harness through ./bulwark (it finds a JDK 21+ and exports it), or set JAVA_HOME to a JDK 21+"
    if not home:
        raise SetupError(f"JAVA_HOME is not set: {hint}")
    path = Path(home) / "bin" / "java"
    if not os.access(path, os.X_OK):
        raise SetupError(f"JAVA_HOME={home} holds no bin/java: {hint}")
    return path


@functools.cache
def pg_bin() -> Path:
    """The directory that holds PostgreSQL's initdb, pg_ctl and postgres."""
    for directory in _named():
        if directory and _has_pg_programs(directory):
            return Path(directory)
    installed = [Path(d) for pattern in PG_PLACES for d in sorted(glob.glob(pattern)) if _has_pg_programs(d)]
    if installed:
        return max(installed, key=_pg_version)
    raise SetupError(
        f"PostgreSQL's server programs ({', '.join(PG_PROGRAMS)}) not found; looked at BULWARK_PG_BIN, "
        f"pg_config --bindir, the PATH, {', '.join(PG_PLACES)}. Install them (Debian: apt-get install postgresql; "
        "macOS: brew install postgresql) or set BULWARK_PG_BIN to their directory")


def _named() -> list[str]:
    """The directories the setting and the machine name: BULWARK_PG_BIN, pg_config --bindir, initdb's on the PATH."""
    bindir = ""
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, SetupError, subprocess.TimeoutExpired):
            bindir = run_command(["pg_config", "--bindir"], timeout=10).strip()
    initdb = shutil.which("initdb")
    return [os.environ.get("BULWARK_PG_BIN", ""), bindir, os.path.dirname(initdb) if initdb else ""]


def _has_pg_programs(directory: str | Path) -> bool:
    return all(os.access(Path(directory) / program, os.X_OK) for program in PG_PROGRAMS)


def _pg_version(directory: Path) -> tuple[int, int]:
    """(major, minor) from `postgres --version`, e.g. 'postgres (PostgreSQL) 17.2'; (0, 0) when it does not say."""
    with contextlib.suppress(OSError, SetupError, subprocess.TimeoutExpired):
        found = re.search(r"(\d+)(?:\.(\d+))?", run_command([str(directory / "postgres"), "--version"], timeout=10))
        if found:
            return int(found.group(1)), int(found.group(2) or 0)
    return 0, 0
