#!/usr/bin/env bash
# Where one instance's CPU goes at saturation: async-profiler (fetched with Maven once, under target/profiler) samples
# the CPU of a production-mode instance (PostgreSQL and Redis on 127.0.0.1, access log on, rate limits too large to
# refuse, the image's JVM options) for BENCH_DURATION s of `wrk -t2 -c64` on PATH, after BENCH_WARMUP s of the same
# load (start-up, sign-up and the JIT's warm-up stay out). Usage:
#   bench/profile.sh OUT [PATH] [JAR]        (PATH: /api/v1/me; JAR: target/bulwark.jar)
#   bench/profile.sh share OUT.collapsed FRAME...
# The first writes OUT.collapsed (one line per stack: frames separated by ';', then the sample count) and OUT.html (a
# flame graph), and prints the run's req/s and the CPU per answer (the profiler's own cost included: compare
# variants with bench/jvm-variants.sh, not with this). The second prints, for each FRAME (a substring such as
# 'AsyncAccessLog' or 'JwtAuthenticationProvider.authenticate'), the share of all samples whose stack contains it.
PROFILER_VERSION=4.1

if [ "${1:-}" = share ]; then
  file=${2:?usage: bench/profile.sh share OUT.collapsed FRAME...}
  shift 2
  for frame in "$@"; do
    awk -v f="$frame" '{n = $NF; all += n; if (index($0, f)) hit += n}
      END {printf "%5.1f%%  %s\n", 100 * hit / all, f}' "$file"
  done
  exit 0
fi

OUT=$(realpath -m "${1:?usage: bench/profile.sh OUT [PATH] [JAR]}")
PROFILED_PATH=${2:-/api/v1/me}
JAR=${3:-target/bulwark.jar}
WARMUP_DEFAULT=40
source "$(dirname "$0")/side-by-side.sh"
DURATION="${BENCH_DURATION:-20}"

case "$(uname -m)" in x86_64) platform=linux-x64 ;; aarch64) platform=linux-arm64 ;; *) platform=unknown ;; esac
library="target/profiler/$platform/libasyncProfiler.so"
if [ ! -f "$library" ]; then
  mvn -q dependency:copy -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION" -DoutputDirectory=target/profiler
  (cd target/profiler && unzip -qo "async-profiler-$PROFILER_VERSION.jar" "$platform/*")
fi
[ -f "$library" ] || { echo "bench: no async-profiler library for $(uname -m)" >&2; exit 1; }
library=$(realpath "$library")

profiler() { # command: async-profiler's agent, told through jcmd (quoted, or jcmd splits it at '=')
  "$JAVA_HOME/bin/jcmd" "${pid_of[p]}" JVMTI.agent_load "$library" "\"$1\"" >/dev/null
}
measure() { # seconds -> wrk's summary lines
  wrk -t2 -c64 -d"${1}s" -H "Authorization: Bearer ${tokens[p]}" "http://127.0.0.1:${ports[p]}$PROFILED_PATH"
}

# shellcheck disable=SC2086 # the JVM options are words
launch p "$JAR" "$CONTAINER_JVM" --bulwark.redis.url="$REDIS_URL" \
  $(for policy in api login register refresh password; do
    echo "--bulwark.protection.rate-limits.$policy.capacity=1000000"
  done)
await p
register
tokens[p]=$(token "${ports[p]}")
measure "$WARMUP" >/dev/null
profiler start,event=cpu,interval=1ms
before=$(cpu_ticks "${pid_of[p]}")
summary=$(measure "$DURATION")
after=$(cpu_ticks "${pid_of[p]}")
profiler "dump,file=$OUT.collapsed,collapsed"
profiler "stop,file=$OUT.html"
echo "$summary" | awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v path="$PROFILED_PATH" \
  '/requests in/ {n = $1} /Requests\/sec/ {r = $2} /Non-2xx/ {bad = $NF}
   END {printf "%s: %s req/s, %.3f CPU-ms per answer (profiler included), %d non-2xx\n", path, r, t / hz * 1000 / n, bad}'
echo "profile: $OUT.collapsed, $OUT.html"
