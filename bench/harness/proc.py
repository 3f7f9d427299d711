"""Commands, free ports, waiting, and what /proc says about a process (CPU, RSS)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


class SetupError(Exception):
    """Something a run needs could not be set up (a command failed, a server did not start, a tool is missing)."""


def run_command(args: list[str], timeout: float = 120, **kwargs) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    if done.returncode != 0:
        raise SetupError(f"{' '.join(args)[:200]} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout


def spawn(args: list[str], log_path: Path, env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
    """Starts a process in a session of its own (a Ctrl-C on the terminal reaches only the harness, which then stops
    it), its output appended to log_path."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def process_tree(root: int) -> list[int]:
    """The process and all its descendants."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    return tree


def _stat(path: Path) -> tuple[str, float]:
    """A process's or thread's name and its user plus system CPU in seconds, from its stat file."""
    stat = path.read_text()
    name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
    return name, (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def cpu_seconds(root: int) -> float:
    """User plus system CPU of the process tree, in seconds."""
    total = 0.0
    for pid in process_tree(root):
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += _stat(Path(f"/proc/{pid}/stat"))[1]
    return total


def thread_cpu_seconds(pid: int) -> dict[str, float]:
    """User plus system CPU of one process's threads, in seconds, summed by thread name (threads ended meanwhile
    are left out)."""
    by_name: dict[str, float] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, IndexError, ValueError):
            name, seconds = _stat(task / "stat")
            by_name[name] = by_name.get(name, 0.0) + seconds
    return by_name


def rss_mb(pid: int) -> float:
    """The resident set of one process, in MB. Raises OSError when the process is gone."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tree_rss_mb(root: int) -> float:
    """The resident sets of the process tree, in MB (processes gone meanwhile count 0)."""
    total = 0.0
    for pid in process_tree(root):
        with contextlib.suppress(OSError):
            total += rss_mb(pid)
    return total
