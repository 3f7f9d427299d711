"""Runs the fault scenarios: python3 -m faults [--soak DURATION] [--smoke] [--only NAME,...] [--jar PATH]
[--aot-cache | --image]."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from faults.flood import scenario_flood
from faults.instance import Run, train_aot_cache, use_image
from faults.postgres import scenario_postgres
from faults.redis import scenario_redis
from faults.rolling import scenario_rolling
from faults.sigterm import scenario_sigterm
from faults.soak import scenario_soak
from faults.verdict import Verdict, print_table
from harness import tools
from harness.proc import SetupError
from harness.server import signing_key

REPO = Path(__file__).resolve().parent.parent.parent

SCENARIOS = {
    "soak": scenario_soak,
    "sigterm": scenario_sigterm,
    "redis": scenario_redis,
    "postgres": scenario_postgres,
    "flood": scenario_flood,
    "rolling": scenario_rolling,
}


def parse_duration(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (examples: 60s, 10m, 1h)")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./bulwark bench faults",
                                     description="Fault scenarios for Bulwark (see bench/faults/, a file each).")
    parser.add_argument("--soak", type=parse_duration, default=parse_duration("10m"), metavar="DURATION",
                        help="measured soak duration, e.g. 10m or 60s (default 10m)")
    parser.add_argument("--smoke", action="store_true", help="quick run: a 60 s soak")
    parser.add_argument("--only", type=lambda s: [n.strip() for n in s.split(",") if n.strip()],
                        default=list(SCENARIOS), metavar="NAME,...",
                        help=f"run only these scenarios, in this order: {', '.join(SCENARIOS)}")
    parser.add_argument("--jar", type=Path, default=REPO / "target" / "bulwark.jar", metavar="PATH",
                        help="the service's jar (default target/bulwark.jar; a copy is run)")
    parser.add_argument("--aot-cache", action="store_true",
                        help="run every instance from a JDK AOT cache, trained first as the image trains it (one start "
                             "until ready, then SIGTERM)")
    parser.add_argument("--image", action="store_true",
                        help="run every instance as the image's application (./bulwark image --aot-settings against "
                             "the shared PostgreSQL and Redis: Spring AOT and the AOT cache, on the image's runtime): "
                             "the soak's RSS is then the image's. The image refuses settings that decide its beans "
                             "differently, so scenarios without Redis fail; use it with --only soak")
    parser.add_argument("--java-option", action="append", default=[], metavar="OPTION", dest="java_options",
                        help="one more JVM option for every instance, after the container's and the image's (repeat "
                             "it for more; write --java-option=-XX:... as the option starts with a dash), e.g. to "
                             "measure a heap size: --java-option=-XX:MaxRAMPercentage=25")
    args = parser.parse_args()
    if args.image and args.aot_cache:
        parser.error("--image brings its own AOT cache; leave --aot-cache out")
    unknown = [name for name in args.only if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    if args.smoke:
        args.soak = 60.0
    if not args.jar.is_file():
        parser.error(f"no jar at {args.jar}; './bulwark bench faults' builds it")
    try:
        args.java = tools.java()
        if "postgres" in args.only:
            tools.pg_bin()
        if "rolling" in args.only:
            tools.haproxy()
    except SetupError as error:
        parser.error(str(error))
    return args


class Interrupts:
    """SIGINT/SIGTERM: the first raises KeyboardInterrupt (clean-up runs as the stack unwinds); later ones only say
    that clean-up is under way, so a second Ctrl-C cannot leave instances, databases or clusters behind."""

    def __init__(self):
        self.received = 0

    def __call__(self, signum, frame) -> None:
        self.received += 1
        if self.received == 1:
            raise KeyboardInterrupt
        print("faults: cleaning up, please wait", file=sys.stderr, flush=True)


@contextlib.contextmanager
def harness_run(java: Path, jar: Path, soak: float, aot_cache: bool, image: bool, java_options: list[str]):
    directory = Path(tempfile.mkdtemp(prefix="bulwark-faults-"))
    try:
        copy = directory / "bulwark.jar"
        shutil.copyfile(jar, copy)  # a concurrent rebuild of target/ cannot pull the jar from under us
        key = signing_key(directory / "key.pem")
        run = Run(directory, java, copy, key, f"{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}", soak,
                  extra_java_options=java_options)
        if aot_cache:
            train_aot_cache(run)
        if image:
            use_image(run, REPO)
        yield run
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def run_scenario(run: Run, name: str) -> Verdict:
    verdict = Verdict(name)
    print(f"== {name}", file=sys.stderr, flush=True)
    first_instance = len(run.instances)
    try:
        with contextlib.ExitStack() as stack:
            SCENARIOS[name](run, stack, verdict)
    except Exception as error:  # noqa: BLE001 - one broken scenario must not stop the others
        traceback.print_exc(file=sys.stderr)
        verdict.require(False, f"aborted: {error}")
    if not verdict.passed:
        for instance in run.instances[first_instance:]:
            for message in instance.log_lines("ERROR", 5):
                print(f"  {instance.name} log ERROR: {message}", file=sys.stderr)
    return verdict


def main() -> int:
    args = parse_args()
    handler = Interrupts()
    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    sys.setswitchinterval(0.001)  # many client threads: hand the GIL over quickly, so latencies stay honest
    verdicts = []
    try:
        with harness_run(args.java, args.jar, args.soak, args.aot_cache, args.image,
                         args.java_options) as run:
            for name in args.only:
                verdicts.append(run_scenario(run, name))
                print(verdicts[-1].line(), flush=True)
    except KeyboardInterrupt:
        print("faults: interrupted; cleaned up", file=sys.stderr)
        return 130
    except SetupError as error:  # before any scenario ran: the AOT training
        print(f"faults: {error}", file=sys.stderr)
        return 2
    print_table(verdicts)
    return 0 if all(v.passed for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
