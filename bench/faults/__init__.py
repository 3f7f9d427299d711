"""Fault scenarios for Bulwark: what the service does under sustained load, shutdown, and dependency failures.

Usage: ./bulwark bench faults [--soak DURATION] [--smoke] [--only NAME,...] [--jar PATH]
   or, from bench/ with a JDK 21+ in $JAVA_HOME: python3 -m faults [...]

Python 3 standard library only; the helpers it shares with bench.py are in bench/harness/. Needs a built jar
(target/bulwark.jar), the JDK in $JAVA_HOME (./bulwark exports the JDK 21+ it finds), psql/openssl/redis-server/
redis-cli on PATH, PostgreSQL's initdb/pg_ctl/postgres (found as harness/tools.py says; BULWARK_PG_BIN names their
directory), and the shared PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379). The shared services are
never stopped or flushed: each scenario gets its own database (dropped afterwards) and its own Redis key prefix (its
keys are deleted afterwards). Each scenario runs one instance of its own from a private copy of the jar, production
profile, listening on 127.0.0.1 only, and cleans up after itself, on failure and Ctrl-C too.

Each scenario prints `PASS <name>: <figures>` or `FAIL <name>: <figures> -- <reasons>`; a markdown table follows
and the exit code is 1 when any scenario failed. Latencies are measured by this client (a thread per worker, so they
include some Python scheduling delay), from the start of a request to its last response byte.

One file per scenario, its set-up and pass criteria in its docstring: soak.py, sigterm.py, redis.py, postgres.py,
flood.py. What they share: instance.py (a run, its instances, databases and key prefixes), accounts.py (users and
sessions), load.py (workers, probes, outages), verdict.py (figures and requirements); __main__.py runs them.
"""
