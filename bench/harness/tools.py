"""The programs a harness runs that are not on every machine: the JDK, PostgreSQL's server programs and HAProxy.

The JDK is the one in $JAVA_HOME, which ./bulwark exports after finding a JDK 21+ (its find_jdk). PostgreSQL's
initdb, pg_ctl and postgres are found the way the launcher finds a JDK: the setting first (BULWARK_PG_BIN, used when
it holds them), then what the machine says (pg_config --bindir, the PATH), then the newest version in the usual
install places. HAProxy (the `rolling` fault scenario's load balancer) is BULWARK_HAPROXY or `haproxy` on the PATH;
when neither exists and the harness runs as root on Debian or Ubuntu, it installs the distribution's package.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import os
import re
import shutil
import subprocess
import sys
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


HAPROXY_HINT = "install HAProxy 2.4 or newer (Debian/Ubuntu: apt-get install haproxy; macOS: brew install haproxy) " \
    "or set BULWARK_HAPROXY to its binary"


@functools.cache
def haproxy() -> Path:
    """The haproxy binary: BULWARK_HAPROXY, else the PATH (also /usr/sbin, where Debian puts it, when the PATH lacks
    it); installed with apt-get when missing and the harness runs as root on a machine that has apt-get."""
    found = _haproxy_named()
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("  . HAProxy is not installed: apt-get install -y haproxy", file=sys.stderr, flush=True)
        with contextlib.suppress(OSError, SetupError, subprocess.TimeoutExpired):
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            run_command(["apt-get", "install", "-y", "--no-install-recommends", "haproxy"], timeout=600, env=env)
        found = _haproxy_named()
    if found is None:
        raise SetupError(f"HAProxy not found (looked at BULWARK_HAPROXY, the PATH, /usr/sbin): {HAPROXY_HINT}")
    return found


def _haproxy_named() -> Path | None:
    setting = os.environ.get("BULWARK_HAPROXY", "")
    if setting:
        if not os.access(setting, os.X_OK):
            raise SetupError(f"BULWARK_HAPROXY={setting} is not an executable: {HAPROXY_HINT}")
        return Path(setting)
    on_path = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    return Path(on_path) if on_path else None
