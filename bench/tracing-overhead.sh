#!/usr/bin/env bash
# Cost of tracing on an authenticated GET /api/v1/me (one server span, JDBC and Redis child spans), side by side:
#   off  - OpenTelemetry off, no JDBC proxy (no spans; what Bulwark did before tracing)
#   0.1  - the default: every request traced, one in ten sampled (recorded)
#   1.0  - every request sampled
# No exporter in any of them (the default): the figures are what making the spans costs, not sending them.
# Three instances run at once (production mode, PostgreSQL and Redis on 127.0.0.1); wrk alternates between them so
# machine noise hits all three alike. CPU per request is the server process's user+system time (/proc) over the
# requests wrk completed in the measured rounds. Needs: wrk, psql, a running PostgreSQL and Redis, target/bulwark.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${BENCH_DURATION:-8}"     # seconds per measured round
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-30}"        # seconds of load per instance before measuring (the JVM needs it)
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
PG="${BENCH_POSTGRES:-postgresql://postgres@127.0.0.1:5432}"
REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379}"

command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f target/bulwark.jar ] || { echo "bench: build first (./bulwark run builds target/bulwark.jar)" >&2; exit 1; }

work=$(mktemp -d)
db="bulwark_bench_$(date +%s)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
prefix="bench-$(date +%s):"

start() { # name port extra-args...
  local name=$1 port=$2; shift 2
  "$JAVA_HOME/bin/java" -jar target/bulwark.jar \
    --server.port="$port" --management.server.port=$((port + 1000)) \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" \
    --bulwark.web.allowed-hosts=localhost,127.0.0.1 \
    --bulwark.auth.signing-keys="file:$work/key.pem" \
    --bulwark.redis.url="$REDIS_URL" --bulwark.redis.key-prefix="$prefix$name:" \
    --bulwark.protection.rate-limits.api.capacity=1000000 \
    --logging.level.dev.bulwark.access=WARN "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}

await() { # name port pid
  until curl -sf "http://127.0.0.1:$(($2 + 1000))/actuator/health/readiness" >/dev/null; do
    kill -0 "$3" 2>/dev/null || { echo "bench: the $1 instance did not start:" >&2; tail -20 "$work/$1.log" >&2; exit 1; }
    sleep 1
  done
}

names=(off 0.1 1.0)
declare -A ports=([off]=18080 [0.1]=18090 [1.0]=18100)
# The first instance migrates the schema; the others start once it is up.
start off 18080 --management.opentelemetry.enabled=false --management.tracing.export.enabled=false \
  --jdbc.datasource-proxy.enabled=false
await off 18080 "${pids[0]}"
start 0.1 18090 --management.tracing.sampling.probability=0.1
start 1.0 18100 --management.tracing.sampling.probability=1.0
await 0.1 18090 "${pids[1]}"
await 1.0 18100 "${pids[2]}"
declare -A pid_of=([off]=${pids[0]} [0.1]=${pids[1]} [1.0]=${pids[2]})

email="bench-$(date +%s)@example.test"
curl -sf -X POST http://127.0.0.1:18080/api/v1/auth/register -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"displayName\":\"Bench\"}" >/dev/null
token() { # port
  curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
declare -A tokens
for name in "${names[@]}"; do tokens[$name]=$(token "${ports[$name]}"); done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
load() { # name seconds -> "requests/s requests"
  wrk -t2 -c"$CONNECTIONS" -d"${2}s" -H "Authorization: Bearer ${tokens[$1]}" \
    "http://127.0.0.1:${ports[$1]}/api/v1/me" | awk '/requests in/ {n=$1} /Requests\/sec/ {print $2, n}'
}

for name in "${names[@]}"; do load "$name" "$WARMUP" >/dev/null; done
declare -A rates requests ticks
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

hz=$(getconf CLK_TCK)
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cpu_per_request() { awk -v t="${ticks[$1]}" -v n="${requests[$1]}" -v hz="$hz" 'BEGIN {printf "%.4f", t / hz * 1000 / n}'; }
off_rate=$(echo "${rates[off]}" | median)
off_cpu=$(cpu_per_request off)
echo
echo "GET /api/v1/me, $CONNECTIONS connections, $ROUNDS x ${DURATION}s per configuration after ${WARMUP}s warm-up, nproc=$(nproc), $(date -u +%F)"
echo
echo "| tracing | requests/s (median) | rounds | req/s vs off | CPU ms per request | CPU vs off |"
echo "|---|---|---|---|---|---|"
for name in "${names[@]}"; do
  m=$(echo "${rates[$name]}" | median)
  c=$(cpu_per_request "$name")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$m" "$(echo ${rates[$name]} | tr ' ' ',')" \
    "$(awk -v a="$m" -v b="$off_rate" 'BEGIN {printf "%.3f", a / b}')" "$c" \
    "$(awk -v a="$c" -v b="$off_cpu" 'BEGIN {printf "%.3f", a / b}')"
done
