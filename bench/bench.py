#!/usr/bin/env python3
"""Load benchmark behind `./bulwark bench`: Bulwark against a FastAPI and a JHipster peer, side by side in one run.

Phases (each bounded in time, all traffic to 127.0.0.1):
  1. startup: time to first healthy readiness and RSS (idle, after load) of the production jar, started four ways:
     the plain jar, the extracted layout, the extracted layout with a JDK AOT cache (trained first), and the image's
     application (./bulwark image's layout: Spring AOT's code and an AOT cache, on the image's Java runtime);
  2. load: every target is started, prepared (64 users, an admin) and warmed up with the same mix of scenarios,
     then wrk drives each scenario of each target for a fixed time; rounds are interleaved across targets and
     scenarios so that the machine's noise hits all of them alike; medians of the rounds are reported.

Targets: bulwark-prod (production mode, PostgreSQL + Redis, rate limits on with limits too high to refuse),
bulwark-off (the same without rate limits and without Redis: revocation is an in-process map look-up),
bulwark-local (local mode: embedded PostgreSQL and in-process state). Peers (--peers, a comma list):
  fastapi   bench/peers/fastapi, uvicorn with uvloop + httptools: fastapi-1w / fastapi-2w (1 and 2 workers, /me
            reads PostgreSQL like Bulwark's) and fastapi-token-2w (2 workers, /me from the token alone; me only);
  jhipster  bench/peers/jhipster, a JHipster 9.4 monolith in production mode (JWT HS512, PostgreSQL, Ehcache,
            -Xmx512m), generated and built once under target/peers/jhipster/ (minutes the first time), through its
            own routes: me is GET /api/account with its admin's token, ceiling its liveness probe, admin-list
            GET /api/admin/users; no refresh or login (shown as —).
Server CPU comes from /proc for the server's process tree (no database's CPU counts, the embedded one of
bulwark-local included: pg_ctl detaches it). The comparison table gives, per peer and scenario, req/s Bulwark ÷ peer
and CPU per request peer ÷ Bulwark (above 1 both favour Bulwark); the targets check holds GET /api/v1/me to the
issue's figures (≥ 2× JHipster, ≥ 1.2× token-only FastAPI, CPU per request not above either), PASS or MISS.

Needs: wrk, psql, a JDK 21+ in JAVA_HOME, a built jar, the local PostgreSQL and Redis; for the fastapi peer, Debian's
python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-jwt python3-bcrypt python3-asyncpg; for the
jhipster peer, npm, Maven and a JDK 21 or 25 for its one build.
What it shares with the fault scenarios (HTTP client, servers, /proc, databases, the JDK) is in bench/harness/.
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import tools
from harness.client import call
from harness.image import build_image
from harness.proc import SetupError, cpu_seconds, free_port, tree_rss_mb
from harness.server import (
    container_jvm_options, PASSWORD, READINESS, Server, bootstrap_admin_env, database_args, listen_args,
    rate_limit_args, redis_args, signing_key)
from harness.shared_services import SHARED_PG, SHARED_REDIS_URL, create_database, drop_database, jdbc_url
from peers.jhipster import peer as jhipster

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "wrk" / "scenario.lua"
PEER = ROOT / "bench" / "peers" / "fastapi"
JHIPSTER_HOME = ROOT / "target" / "peers" / "jhipster"
PEERS = ("fastapi", "jhipster")
PEER_TARGETS = ("fastapi-1w", "fastapi-2w", "fastapi-token-2w", "jhipster")
# GET /api/v1/me of bulwark-prod against: (peer target, req/s factor at least, what the peer's route is)
ME_TARGETS = (("jhipster", 2.0, "JHipster GET /api/account"), ("fastapi-token-2w", 1.2, "token-only FastAPI /me"))
PG = os.environ.get("BENCH_POSTGRES", SHARED_PG)
REDIS = os.environ.get("BENCH_REDIS_URL", SHARED_REDIS_URL)
ADMIN = "bench-admin@example.test"
USERS = [f"bench-user-{i}@example.test" for i in range(64)]
PAGE_SIZE = 20

# name -> (method path, connections, wrk mode, bearer token of)
SCENARIOS = {
    "ceiling": ("/api/v1/ping", 64, "static", None),
    "me": ("/api/v1/me", 64, "static", "user"),
    "refresh": ("/api/v1/auth/refresh", 16, "refresh", None),
    "login": ("/api/v1/auth/login", 16, "login", None),
    "admin-list": (f"/api/v1/admin/users?limit={PAGE_SIZE}", 64, "static", "admin"),
}
ALL = list(SCENARIOS)
WARMUP_SHARE = {"ceiling": 0.2, "me": 0.5, "refresh": 0.1, "login": 0.1, "admin-list": 0.1}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- servers

class Bench:
    """Everything one run creates (databases, keys, logs, processes), removed again by close()."""

    def __init__(self, java, jar):
        self.java, self.jar = java, jar
        self.stamp = f"{int(time.time())}"
        self.work = Path(tempfile.mkdtemp(prefix="bulwark-bench-"))
        self.databases = []
        self.servers = []
        self.key = signing_key(self.work / "key.pem")

    def database(self, name):
        database = f"{name}_{self.stamp}"
        create_database(PG, database)
        self.databases.append(database)
        return database

    def bulwark(self, name, *, database=None, redis=True, protection=True, java_options=(), jar=None,
                profile=None, java=None, cwd=None):
        port, management_port = free_port(), free_port()  # free ones: runs on one machine never collide
        args = listen_args(port, management_port)  # access log on, as in production and the peer
        if profile:
            args.append(f"--spring.profiles.active={profile}")
        if database:
            args += database_args(jdbc_url(database), self.key)
        if redis:
            args += redis_args(REDIS, f"bench-{self.stamp}-{name}:")
        args += rate_limit_args(protection)
        if cwd is None:
            cwd = self.work / name
            cwd.mkdir(exist_ok=True)
        java = java or self.java
        argv = [java, *container_jvm_options(java), *java_options, "-jar", str(jar or self.jar), *args]
        server = Server(name, argv, port, management_port, READINESS, self.work, bootstrap_admin_env(ADMIN), cwd)
        self.servers.append(server)
        return server

    def fastapi(self, name, database, workers, me_from="database"):
        port = free_port()
        python = os.environ.get("BENCH_PYTHON", sys.executable)
        server = Server(name, [python, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(workers), "--loop", "uvloop", "--http", "httptools"],
                        port, port, "/api/v1/ping", self.work,
                        {"DATABASE_URL": f"{PG}/{database}", "JWT_SECRET": secrets.token_urlsafe(32),
                         "ME_FROM": me_from}, PEER)
        self.servers.append(server)
        return server

    def jhipster(self, name, built):
        port = free_port()
        server = Server(name, jhipster.argv(self.java, built, port, jdbc_url(self.database("jhipster_bench"))),
                        port, port, jhipster.READY, self.work)
        self.servers.append(server)
        return server

    def close(self):
        for server in self.servers:
            server.stop()
        for database in self.databases:
            with contextlib.suppress(SetupError):
                drop_database(PG, database)
        logs = ROOT / "target" / "bench" / f"logs-{self.stamp}"
        logs.mkdir(parents=True, exist_ok=True)
        for file in self.work.glob("*.log"):
            shutil.move(str(file), logs / file.name)
        shutil.rmtree(self.work, ignore_errors=True)


# ---------------------------------------------------------------- targets, accounts and tokens

class Target:
    """A server under load and the scenarios it runs, through Bulwark's API (the FastAPI peer copies it)."""

    routes = {name: path for name, (path, *_) in SCENARIOS.items()}

    def __init__(self, server, scenarios):
        self.server, self.name = server, server.name
        self.scenarios = [s for s in scenarios if s in self.routes]

    def prepare(self):
        """Its users; the peer's admin too (Bulwark's comes from the bootstrap)."""
        register_all(self.server, USERS, admin_too=self.name.startswith("fastapi"))

    def token(self, who):
        return login(self.server, ADMIN if who == "admin" else USERS[0])[0]


class JHipsterTarget(Target):
    """The JHipster peer through its own routes (the scenarios it has an equivalent for), with its admin's token."""

    routes = jhipster.ROUTES

    def prepare(self):
        jhipster.create_users(self.server.port, USERS)

    def token(self, who):
        return jhipster.admin_token(self.server.port)


def register_all(server, emails, admin_too):
    def register(email):
        body = {"email": email, "password": PASSWORD, "displayName": email.split("@")[0]}
        if admin_too and email == ADMIN:
            body["superuser"] = True  # the peer's way to get an admin; Bulwark's comes from the bootstrap
        retry(lambda: call(server.port, "POST", "/api/v1/auth/register", body), {200, 201, 202})

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        list(pool.map(register, ([ADMIN] if admin_too else []) + emails))


def retry(request, ok, attempts=40):
    """Sign-ins may be refused while the hashing pool is busy (503) or throttled (429): wait and retry."""
    for _ in range(attempts):
        status, body = request()
        if status in ok:
            return body
        time.sleep(0.25)
    raise SystemExit(f"bench: set-up request kept failing with {status}: {body}")


def login(server, email):
    body = retry(lambda: call(server.port, "POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD}),
                 {200})
    return body["accessToken"], body["refreshToken"]


def scenario_env(target, scenario, connections):
    _, _, mode, who = SCENARIOS[scenario]
    server = target.server
    env = {"BENCH_MODE": mode}
    if who:
        env["BENCH_TOKEN"] = target.token(who)
    elif mode == "login":
        env.update(BENCH_EMAILS=" ".join(USERS), BENCH_PASSWORD=PASSWORD)
    elif mode == "refresh":
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            pairs = pool.map(lambda email: login(server, email), USERS[: connections + 4])
            env["BENCH_TOKENS"] = " ".join(refresh for _, refresh in pairs)
    return env


# ---------------------------------------------------------------- load

def drive(target, scenario, seconds):
    """Runs wrk on one scenario; returns its figures plus the server CPU spent meanwhile."""
    connections, server = SCENARIOS[scenario][1], target.server
    env = {**os.environ, **scenario_env(target, scenario, connections)}
    cpu_before = cpu_seconds(server.pid)
    result = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                             "-s", str(LUA), f"http://127.0.0.1:{server.port}{target.routes[scenario]}"],
                            env=env, capture_output=True, text=True, timeout=seconds + 60)
    cpu = cpu_seconds(server.pid) - cpu_before
    line = next((l for l in result.stdout.splitlines() if l.startswith("BENCH_RESULT ")), None)
    if line is None:
        raise SystemExit(f"bench: wrk failed on {server.name}/{scenario}: {result.stdout}{result.stderr}")
    figures = json.loads(line.split(" ", 1)[1])
    figures["cpu_s"] = cpu
    figures["ok"] = figures["requests"] - figures["non2xx"]
    if figures["statuses"]:
        figures["ok"] = sum(n for status, n in figures["statuses"].items() if status.startswith("2"))
    return figures


def warm_up(target, seconds):
    shares = {s: WARMUP_SHARE[s] for s in target.scenarios}
    total = sum(shares.values())
    for scenario in target.scenarios:
        drive(target, scenario, max(1, round(seconds * shares[scenario] / total)))


def summarise(rounds):
    """Medians over rounds for rates and percentiles; CPU per 1000 OK answers over all rounds together."""
    ok_rates = [r["ok"] / (r["duration_us"] / 1e6) for r in rounds]
    ok = sum(r["ok"] for r in rounds)
    return {
        "rps": statistics.median(ok_rates),
        "rounds": [round(x) for x in ok_rates],
        "p50_ms": statistics.median(r["p50_us"] for r in rounds) / 1000,
        "p99_ms": statistics.median(r["p99_us"] for r in rounds) / 1000,
        "cpu_per_1000": 1000 * sum(r["cpu_s"] for r in rounds) / ok if ok else float("nan"),
        "refused": sum(r["requests"] - r["ok"] for r in rounds),
        "statuses": merge_statuses(rounds),
    }


def merge_statuses(rounds):
    merged = {}
    for r in rounds:
        for status, n in r["statuses"].items():
            merged[status] = merged.get(status, 0) + n
    return {s: n for s, n in sorted(merged.items()) if not s.startswith("2")}


# ---------------------------------------------------------------- phases

def startup_phase(bench, database, repetitions, load_seconds, baseline=None):
    """Plain jar, extracted layout, extracted + AOT cache, the image's application: time to readiness and RSS,
    interleaved repetitions. With a baseline jar, its extracted layout with an AOT cache and, when the jar lies in a
    checkout's target folder, that checkout's image are started in the same rounds."""
    layout_jar, cache = cached_layout(bench, database, bench.jar, bench.work / "extracted")
    variants = {
        "plain jar": dict(jar=bench.jar),
        "extracted layout": dict(jar=layout_jar),
        "extracted + AOT cache": dict(jar=layout_jar, java_options=[f"-XX:AOTCache={cache}"]),
        "image: Spring AOT + AOT cache": image_layout(bench, database, ROOT, "image"),
    }
    if baseline:
        base_jar, base_cache = cached_layout(bench, database, baseline, bench.work / "baseline-extracted")
        variants["baseline: extracted + AOT cache"] = dict(jar=base_jar, java_options=[f"-XX:AOTCache={base_cache}"])
        checkout = baseline.resolve().parent.parent
        if (checkout / "bulwark").exists():
            variants["baseline image: Spring AOT + AOT cache"] = image_layout(
                bench, database, checkout, "baseline-image")
        else:
            log(f"the baseline jar is not in a checkout's target folder: no baseline image ({checkout})")
    figures = {name: {"ready_s": [], "idle_mb": [], "loaded_mb": []} for name in variants}
    for repetition in range(repetitions):
        for index, (name, options) in enumerate(variants.items()):
            server = bench.bulwark(f"startup-{index}-{repetition}", database=database, **options)
            ready = server.wait_ready(server.start())
            time.sleep(5)
            idle = tree_rss_mb(server.pid)
            if repetition == index == 0:  # the load signs in as USERS[0]; a startup-only run has not registered it
                register_all(server, USERS[:1], admin_too=False)
            drive(Target(server, ["me"]), "me", load_seconds)
            figures[name]["ready_s"].append(ready)
            figures[name]["idle_mb"].append(idle)
            figures[name]["loaded_mb"].append(tree_rss_mb(server.pid))
            server.stop()
            log(f"{name}: ready in {ready:.2f} s, RSS idle {idle:.0f} MB")
    return {name: {key: statistics.median(values) for key, values in f.items()} | {"ready_all": f["ready_s"]}
            for name, f in figures.items()}


def cached_layout(bench, database, jar, extracted):
    """The jar extracted, and an AOT cache trained for it: one start until ready, then SIGTERM, as ./bulwark run
    --aot and the image train. Returns the layout's jar and the cache."""
    subprocess.run([bench.java, "-Djarmode=tools", "-jar", str(jar), "extract", "--destination", str(extracted)],
                   check=True, capture_output=True)
    layout_jar = extracted / jar.name
    cache = extracted / "bulwark.aot"
    log(f"training the AOT cache of {jar}")
    trainer = bench.bulwark(f"aot-training-{extracted.name}", database=database, jar=layout_jar,
                            java_options=[f"-XX:AOTCacheOutput={cache}"])
    trainer.wait_ready(trainer.start(), timeout=300)
    trainer.stop(timeout=120)  # the JVM writes the cache as it exits
    if not cache.exists():
        raise SystemExit(f"bench: the AOT training run wrote no cache; see aot-training-{extracted.name}.log")
    return layout_jar, cache


def image_layout(bench, database, checkout, name):
    """The image's application as the checkout's ./bulwark image makes it, with Spring AOT and the AOT cache made in
    production mode against this run's database and Redis, run by the image's own Java runtime."""
    log(f"building the image of {checkout} (./bulwark image: Spring AOT and the AOT cache against this run's services)")
    image = build_image(checkout, [*database_args(jdbc_url(database), bench.key),
                                   *redis_args(REDIS, f"bench-{bench.stamp}-{name}:")], bench.work / name)
    return dict(jar=image.jar, cwd=image.folder, java=str(image.java), java_options=image.java_options)


def load_phase(bench, database, peer_database, args):
    targets = [
        Target(bench.bulwark("bulwark-prod", database=database), ALL),
        Target(bench.bulwark("bulwark-off", database=database, redis=False, protection=False), ["me"]),
        Target(bench.bulwark("bulwark-local", redis=False, profile="local"), ALL),
    ]
    if args.baseline:
        targets.insert(1, Target(bench.bulwark("bulwark-baseline", database=database, jar=args.baseline), ALL))
    targets += peer_targets(bench, peer_database, args)
    if args.targets:
        targets = [target for target in targets if target.name in args.targets.split(",")]
    for target in targets:
        target.scenarios = [s for s in target.scenarios if s in args.scenarios]
    targets = [target for target in targets if target.scenarios]
    for target in targets:  # one at a time: the first Bulwark migrates the shared database
        target.server.wait_ready(target.server.start())
        target.prepare()
        log(f"{target.name} is up and has its users")
    for target in targets:
        log(f"warming up {target.name} for {args.warmup} s")
        warm_up(target, args.warmup)
    rounds = {(target.name, s): [] for target in targets for s in target.scenarios}
    for number in range(1, args.rounds + 1):
        log(f"round {number} of {args.rounds}")
        for target in targets:
            for scenario in target.scenarios:
                rounds[(target.name, scenario)].append(drive(target, scenario, args.duration))
    after = {target.name: tree_rss_mb(target.server.pid) for target in targets}
    return {key: summarise(value) for key, value in rounds.items()}, after


def peer_targets(bench, peer_database, args):
    targets = []
    if "fastapi" in args.peers:
        targets += [Target(bench.fastapi("fastapi-1w", peer_database, 1), ALL),
                    Target(bench.fastapi("fastapi-2w", peer_database, 2), ALL),
                    Target(bench.fastapi("fastapi-token-2w", peer_database, 2, me_from="token"), ["me"])]
    if "jhipster" in args.peers:
        targets.append(JHipsterTarget(bench.jhipster("jhipster", args.jhipster_jar), ALL))
    return targets


# ---------------------------------------------------------------- report

def ratio(a, b):
    return f"{a / b:.2f}" if b else "-"


def report(results, rss_after, startup, args, header):
    lines = [header, ""]
    if results:
        lines += [f"wrk 2 threads; GET scenarios and admin list at 64 connections, refresh and login at 16; "
                  f"{args.warmup} s warm-up per target, then {args.rounds} interleaved rounds of {args.duration} s "
                  f"per scenario (medians). req/s counts 2xx answers only; CPU = server CPU-seconds per 1,000 2xx "
                  f"answers (all its processes, from /proc).", ""]
        for target in dict.fromkeys(name for name, _ in results):
            if target == "bulwark-off":
                continue
            lines += target_table(results, target, rss_after)
        lines += baseline_comparison(results)
        lines += comparison(results)
        lines += targets_check(results)
    if startup:
        lines += ["Startup: production mode against the local PostgreSQL (migrated) and Redis; time from process "
                  "start to the first 200 of the readiness probe, RSS 5 s later and after "
                  f"{args.startup_load} s of GET /api/v1/me at 64 connections; medians of {args.repetitions}.", "",
                  "| variant | ready (s) | each run (s) | idle RSS (MB) | RSS after load (MB) |", "|---|---|---|---|---|"]
        for name, f in startup.items():
            runs = ", ".join(f"{x:.2f}" for x in f["ready_all"])
            lines.append(f"| {name} | {f['ready_s']:.2f} | {runs} | {f['idle_mb']:.0f} | {f['loaded_mb']:.0f} |")
        lines.append("")
    return "\n".join(lines)


def target_table(results, target, rss_after):
    ceiling = results.get((target, "ceiling"), {}).get("rps")
    lines = [f"**{target}** (RSS after the load: {rss_after[target]:.0f} MB)", "",
             "| scenario | req/s | rounds | p50 (ms) | p99 (ms) | CPU-s / 1000 | refused (status: count) | vs ceiling |",
             "|---|---|---|---|---|---|---|---|"]
    rows = [(s, results[(target, s)]) for s in ALL if (target, s) in results]
    if target == "bulwark-prod" and ("bulwark-off", "me") in results:
        rows.insert(2, ("me, protection off (bulwark-off)", results[("bulwark-off", "me")]))
    for scenario, r in rows:
        refused = ", ".join(f"{s}: {n}" for s, n in r["statuses"].items()) or str(r["refused"])
        lines.append(f"| {scenario} | {r['rps']:.0f} | {', '.join(map(str, r['rounds']))} | {r['p50_ms']:.2f} | "
                     f"{r['p99_ms']:.2f} | {r['cpu_per_1000']:.3f} | {refused} | {ratio(r['rps'], ceiling)} |")
    return lines + [""]


def baseline_comparison(results):
    if not any(target == "bulwark-baseline" for target, _ in results):
        return []
    lines = ["This build (bulwark-prod) against the --baseline jar (bulwark-baseline), same settings, interleaved: "
             "requests/s ratio and CPU-per-request ratio baseline / this build (above 1: this build is better).", "",
             "| scenario | req/s this ÷ baseline | CPU/req baseline ÷ this | p99 this / baseline (ms) |", "|---|---|---|---|"]
    for scenario in [s for s in ALL if ("bulwark-baseline", s) in results]:
        ours, base = results[("bulwark-prod", scenario)], results[("bulwark-baseline", scenario)]
        lines.append(f"| {scenario} | {ratio(ours['rps'], base['rps'])} | "
                     f"{ratio(base['cpu_per_1000'], ours['cpu_per_1000'])} | "
                     f"{ours['p99_ms']:.1f} / {base['p99_ms']:.1f} |")
    return lines + [""]


def comparison(results):
    peers = [p for p in PEER_TARGETS if any(target == p for target, _ in results)]
    if not peers:
        return []
    lines = ["Bulwark (bulwark-prod) against each peer: req/s Bulwark ÷ peer, and CPU per request peer ÷ Bulwark; "
             "above 1 both favour Bulwark (more answers, less CPU each). — : the peer has no such scenario (JHipster: "
             "me is GET /api/account with its admin's token, ceiling its liveness probe; fastapi-token-2w runs me "
             "only).", "",
             "| scenario | " + " | ".join(f"req/s ÷ {p} | CPU/req {p} ÷ Bulwark" for p in peers) + " |",
             "|---|" + "---|---|" * len(peers)]
    for scenario in [s for s in ALL if ("bulwark-prod", s) in results]:
        ours = results[("bulwark-prod", scenario)]
        cells = []
        for peer in peers:
            theirs = results.get((peer, scenario))
            cells += ([ratio(ours["rps"], theirs["rps"]), ratio(theirs["cpu_per_1000"], ours["cpu_per_1000"])]
                      if theirs else ["—", "—"])
        lines.append(f"| {scenario} | " + " | ".join(cells) + " |")
    return lines + [""]


def targets_check(results):
    """The issue's figures for GET /api/v1/me (bulwark-prod) against the peers run: a PASS or MISS line each."""
    ours = results.get(("bulwark-prod", "me"))
    lines = []
    for peer, factor, label in ME_TARGETS:
        theirs = results.get((peer, "me"))
        if ours is None or theirs is None:
            continue
        times = ours["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
        cpu_ok = ours["cpu_per_1000"] <= theirs["cpu_per_1000"]
        lines += [f"- {verdict(times >= factor)} req/s ≥ {factor:g}× {label} ({peer}): {ours['rps']:.0f} against "
                  f"{theirs['rps']:.0f}, {times:.2f}×",
                  f"- {verdict(cpu_ok)} CPU per request not above {label} ({peer}): {ours['cpu_per_1000']:.3f} "
                  f"against {theirs['cpu_per_1000']:.3f} CPU-s / 1000"]
    if not lines:
        return []
    return ["Targets for GET /api/v1/me (bulwark-prod), from issue 16:", "", *lines, ""]


def verdict(held):
    return "PASS" if held else "MISS"


def run_header(java, args):
    """The run's date, machine and versions: the JDK, Python, each peer's framework, wrk."""
    java_version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    python = os.environ.get("BENCH_PYTHON", sys.executable)
    fastapi = subprocess.run([python, "-c", "import fastapi, uvicorn; print(fastapi.__version__, uvicorn.__version__)"],
                             capture_output=True, text=True).stdout.split()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1:2]
    jhipster_version = f", JHipster {jhipster.GENERATOR} (-Xmx512m)" if "jhipster" in args.peers else ""
    return (f"### Run of {datetime.date.today()} — nproc {os.cpu_count()}, {java_version}, "
            f"Python {platform.python_version()}, FastAPI {' / uvicorn '.join(fastapi) or 'n/a'}{jhipster_version}, "
            f"wrk {' '.join(wrk)}")


# ---------------------------------------------------------------- main

def arguments():
    parser = argparse.ArgumentParser(prog="./bulwark bench", description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured round (10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per scenario (3)")
    parser.add_argument("--warmup", type=int, default=40, help="warm-up seconds per target, at least 30 (40)")
    parser.add_argument("--repetitions", type=int, default=3, help="starts per startup variant (3)")
    parser.add_argument("--startup-load", type=int, default=10, help="seconds of load before 'RSS after load'")
    parser.add_argument("--peers", default=",".join(PEERS),
                        help="comma-separated peers to include: fastapi, jhipster, or none (default: fastapi,jhipster);"
                             f" the JHipster peer is generated and built once under target/peers/jhipster: "
                             f"{jhipster.FIRST_BUILD}, then reused")
    parser.add_argument("--phases", default="startup,load", help="startup, load or both (default)")
    parser.add_argument("--quick", action="store_true",
                        help="a short smoke run (2 s rounds, 5 s warm-up, 1 repetition) that does not touch the docs")
    parser.add_argument("--no-append", action="store_true", help="print only; leave docs/performance.md alone")
    parser.add_argument("--jar", type=Path, default=ROOT / "target" / "bulwark.jar")
    parser.add_argument("--scenarios", default=",".join(ALL),
                        help=f"comma-separated subset of {','.join(ALL)} (default: all)")
    parser.add_argument("--baseline", type=Path, metavar="JAR",
                        help="also run this jar (say, a build of main) as bulwark-baseline and compare (A/B); "
                             "in the startup phase its extracted layout with an AOT cache, and its checkout's image "
                             "when the jar is <checkout>/target/NAME.jar")
    parser.add_argument("--targets", metavar="NAMES",
                        help="only these targets of the load phase, e.g. bulwark-prod,bulwark-baseline for a short A/B")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.rounds, args.warmup, args.repetitions, args.startup_load = 2, 1, 5, 1, 2
        args.no_append = True
    elif args.warmup < 30:
        parser.error("--warmup below 30 s: the JVM needs 30-60 s on 2 cores before its numbers settle")
    args.scenarios = args.scenarios.split(",")
    if not set(args.scenarios) <= set(ALL):
        parser.error(f"--scenarios takes a subset of {','.join(ALL)}")
    phases = set(args.phases.split(","))
    if not phases <= {"startup", "load"}:
        parser.error("--phases takes startup, load or startup,load")
    args.phases = phases
    args.peers = [] if args.peers == "none" else args.peers.split(",")
    if not set(args.peers) <= set(PEERS):
        parser.error(f"--peers takes none or a subset of {','.join(PEERS)}")
    return args


def preflight(args):
    """What the run needs, checked before anything starts; returns the java to run."""
    try:
        java = str(tools.java())
    except SetupError as error:
        raise SystemExit(f"bench: {error}") from None
    for tool in ("wrk", "psql", "openssl"):
        if not shutil.which(tool):
            raise SystemExit(f"bench: {tool} is not installed (apt-get install {tool})")
    if not args.jar.exists():
        raise SystemExit(f"bench: {args.jar} is missing; './bulwark bench' builds it")
    if args.baseline and not args.baseline.exists():
        raise SystemExit(f"bench: the baseline jar {args.baseline} is missing")
    check_peers(args, java)
    return java


def check_peers(args, java):
    """The peers' needs: the FastAPI peer's modules; the JHipster peer's jar (built now when missing or stale)."""
    if "fastapi" in args.peers:
        python = os.environ.get("BENCH_PYTHON", sys.executable)
        modules = "fastapi, uvicorn, uvloop, httptools, jwt, bcrypt, asyncpg"
        if subprocess.run([python, "-c", f"import {modules}"], capture_output=True).returncode != 0:
            packages = " ".join(f"python3-{m.strip()}" for m in modules.split(","))
            raise SystemExit(f"bench: {python} lacks the FastAPI peer's modules ({modules}); on Debian: apt-get install "
                             f"{packages}; or leave the peer out (--peers)")
    if "jhipster" in args.peers and "load" in args.phases:
        try:
            args.jhipster_jar = jhipster.jar(JHIPSTER_HOME, Path(java), log)
        except SetupError as error:
            raise SystemExit(f"bench: {error}; or leave the peer out (--peers)") from None


def run_phases(bench, args):
    """The load phase, then the startup phase (those asked for); everything the run created is removed after."""
    try:
        database = bench.database("bulwark_bench")
        peer_database = bench.database("fastapi_bench")
        startup = results = rss_after = None
        if "load" in args.phases:
            results, rss_after = load_phase(bench, database, peer_database, args)
            for server in bench.servers:
                server.stop()
        if "startup" in args.phases:
            startup = startup_phase(bench, database, args.repetitions, args.startup_load, args.baseline)
        return results, rss_after, startup
    except SetupError as error:
        raise SystemExit(f"bench: {error}; logs in target/bench/logs-{bench.stamp}") from None
    finally:
        bench.close()


def main():
    args = arguments()
    java = preflight(args)
    bench = Bench(java, args.jar)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results, rss_after, startup = run_phases(bench, args)
    text = report(results, rss_after, startup, args, run_header(java, args))
    print(text)
    out = ROOT / "target" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"result-{bench.stamp}.md").write_text(text)
    if not args.no_append:
        with open(ROOT / "docs" / "performance.md", "a") as docs:
            docs.write("\n" + text)
        log("appended to docs/performance.md")

if __name__ == "__main__":
    main()
