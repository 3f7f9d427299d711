# Sourced by the side-by-side benchmarks (protection-overhead.sh, tracing-overhead.sh, browser-session.sh): instances
# of target/bulwark.jar in production mode on one fresh database and PostgreSQL and Redis on 127.0.0.1, each with its
# own settings, then authenticated GET /api/v1/me with wrk, alternating between the instances so that machine noise
# hits all alike. CPU per request is the server process's user+system time (/proc) over the requests wrk completed in
# the measured rounds. A script calls `instance NAME SETTINGS...` for each configuration (the first is the baseline and
# migrates the schema), then `compare COLUMN`, or measures on its own with `register`, `token` and `median`; processes
# it starts itself go in `helpers` to be stopped at the end. Needs: wrk, psql, openssl, a running PostgreSQL and Redis,
# target/bulwark.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${BENCH_DURATION:-8}"     # seconds per measured round
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-${WARMUP_DEFAULT:-30}}" # seconds of load per instance before measuring (the JVM needs it)
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
PG="${BENCH_POSTGRES:-postgresql://postgres@127.0.0.1:5432}"
REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379}"
# The JVM as the image runs it in its default 768 MiB container (bench/harness/server.py, CONTAINER_JVM_OPTIONS).
CONTAINER_JVM="-XX:MaxRAM=768m -XX:MaxRAMPercentage=20 -XX:TrimNativeHeapInterval=30000 -XX:+UseG1GC
  -XX:+UseCompactObjectHeaders -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:+ExitOnOutOfMemoryError"

[ -n "${JAVA_HOME:-}" ] || { echo "bench: JAVA_HOME is not set (./bulwark bench sets it)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f target/bulwark.jar ] || { echo "bench: build first (./bulwark run builds target/bulwark.jar)" >&2; exit 1; }

work=$(mktemp -d)
db="bulwark_bench_$(date +%s)"
prefix="bench-$(date +%s):"
email="bench-$(date +%s)@example.test"
names=()
helpers=()
declare -A ports pid_of tokens
cleanup() {
  for name in "${names[@]}"; do kill "${pid_of[$name]:-}" 2>/dev/null || true; done
  for pid in "${helpers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null

await() { # name
  local name=$1
  until curl -sf "http://127.0.0.1:$((ports[$name] + 1000))/actuator/health/readiness" >/dev/null; do
    kill -0 "${pid_of[$name]}" 2>/dev/null || {
      echo "bench: the $name instance did not start:" >&2
      tail -20 "$work/$name.log" >&2
      exit 1
    }
    sleep 1
  done
}

next_port() { echo $((18080 + 10 * ${#names[@]})); } # the API port the next instance gets (management: +1000)

launch() { # name jar jvm-options settings...: started in the background on the next ports (jvm-options: one word list)
  local name=$1 jar=$2 jvm=$3 port
  shift 3
  port=$(next_port)
  names+=("$name")
  ports[$name]=$port
  # shellcheck disable=SC2086 # the JVM options are words
  "$JAVA_HOME/bin/java" $jvm -jar "$jar" \
    --server.port="$port" --management.server.port=$((port + 1000)) \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" \
    --bulwark.web.allowed-hosts=localhost,127.0.0.1 \
    --bulwark.auth.signing-keys="file:$work/key.pem" \
    --bulwark.redis.key-prefix="$prefix$name:" "$@" >"$work/$name.log" 2>&1 &
  pid_of[$name]=$!
}

instance() { # name settings...: started now; the first one is waited for, since it migrates the schema
  local name=$1
  shift
  launch "$name" target/bulwark.jar "" \
    --bulwark.protection.rate-limits.api.capacity=1000000 \
    --logging.level.dev.bulwark.access=WARN "$@"
  if [ "${#names[@]}" -eq 1 ]; then await "$name"; fi
}

register() { # the benchmark's one account, through the first instance
  curl -sf -X POST "http://127.0.0.1:${ports[${names[0]}]}/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"displayName\":\"Bench\"}" >/dev/null
}

token() { # port
  curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks

load() { # name seconds -> "requests/s requests"
  wrk -t2 -c"$CONNECTIONS" -d"${2}s" -H "Authorization: Bearer ${tokens[$1]}" \
    "http://127.0.0.1:${ports[$1]}/api/v1/me" | awk '/requests in/ {n=$1} /Requests\/sec/ {print $2, n}'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

compare() { # column title: waits for every instance, measures, prints a Markdown table relative to the first
  local column=$1 name base
  for name in "${names[@]}"; do await "$name"; done
  base=${names[0]}
  register
  for name in "${names[@]}"; do tokens[$name]=$(token "${ports[$name]}"); done

  for name in "${names[@]}"; do load "$name" "$WARMUP" >/dev/null; done
  local -A rates requests ticks
  local round before after rate count
  for round in $(seq 1 "$ROUNDS"); do
    for name in "${names[@]}"; do
      before=$(cpu_ticks "${pid_of[$name]}")
      read -r rate count < <(load "$name" "$DURATION")
      after=$(cpu_ticks "${pid_of[$name]}")
      rates[$name]="${rates[$name]:-} $rate"
      requests[$name]=$(( ${requests[$name]:-0} + count ))
      ticks[$name]=$(( ${ticks[$name]:-0} + after - before ))
    done
  done

  local hz base_rate base_cpu m c
  hz=$(getconf CLK_TCK)
  cpu_per_request() { awk -v t="${ticks[$1]}" -v n="${requests[$1]}" -v hz="$hz" 'BEGIN {printf "%.4f", t / hz * 1000 / n}'; }
  base_rate=$(echo "${rates[$base]}" | median)
  base_cpu=$(cpu_per_request "$base")
  echo
  echo "GET /api/v1/me, $CONNECTIONS connections, $ROUNDS x ${DURATION}s per configuration after ${WARMUP}s warm-up, nproc=$(nproc), $(date -u +%F)"
  echo
  echo "| $column | requests/s (median) | rounds | req/s vs $base | CPU ms per request | CPU vs $base |"
  echo "|---|---|---|---|---|---|"
  for name in "${names[@]}"; do
    m=$(echo "${rates[$name]}" | median)
    c=$(cpu_per_request "$name")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$m" "$(echo ${rates[$name]} | tr ' ' ',')" \
      "$(awk -v a="$m" -v b="$base_rate" 'BEGIN {printf "%.3f", a / b}')" "$c" \
      "$(awk -v a="$c" -v b="$base_cpu" 'BEGIN {printf "%.3f", a / b}')"
  done
}
