#!/usr/bin/env bash
# Cost of rate limiting + revocation checks on an authenticated GET /api/v1/me, side by side in one run:
#   off    - rate limits off, no Redis (revocation: an in-process map look-up)
#   local  - rate limits on, in-process buckets and revocation list
#   redis  - rate limits on, buckets and revocation list in Redis
# Three instances run at once (production mode, PostgreSQL and Redis on 127.0.0.1); wrk alternates between them so
# machine noise hits all three alike. Needs: wrk, psql, a running PostgreSQL and Redis, a built target/bulwark.jar.
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
    --bulwark.redis.key-prefix="$prefix$name:" \
    --bulwark.protection.rate-limits.api.capacity=1000000 \
    --logging.level.dev.bulwark.access=WARN "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}

await() { # name port pid
  until curl -sf "http://127.0.0.1:$(($2 + 1000))/actuator/health/readiness" >/dev/null; do
    kill -0 "$3" 2>/dev/null || { echo "bench: the $1 instance did not start:" >&2; grep -o 'Description:[^"]*' "$work/$1.log" >&2; exit 1; }
    sleep 1
  done
}

# The first instance migrates the schema; the others start once it is up.
start off 18080 --bulwark.protection.rate-limits-enabled=false
await off 18080 "${pids[0]}"
start local 18090
start redis 18100 --bulwark.redis.url="$REDIS_URL"
await local 18090 "${pids[1]}"
await redis 18100 "${pids[2]}"

email="bench-$(date +%s)@example.test"
curl -sf -X POST http://127.0.0.1:18080/api/v1/auth/register -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"displayName\":\"Bench\"}" >/dev/null
token() { # port
  curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
declare -A tokens=([off]=$(token 18080) [local]=$(token 18090) [redis]=$(token 18100))
declare -A ports=([off]=18080 [local]=18090 [redis]=18100)

load() { # name seconds -> prints requests/s
  wrk -t2 -c"$CONNECTIONS" -d"${2}s" --latency -H "Authorization: Bearer ${tokens[$1]}" \
    "http://127.0.0.1:${ports[$1]}/api/v1/me" | awk '/Requests\/sec/ {print $2}'
}

for name in off local redis; do load "$name" "$WARMUP" >/dev/null; done
declare -A results
for round in $(seq 1 "$ROUNDS"); do
  for name in off local redis; do
    results[$name]="${results[$name]:-} $(load "$name" "$DURATION")"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
off=$(echo "${results[off]}" | median)
echo
echo "GET /api/v1/me, $CONNECTIONS connections, $ROUNDS x ${DURATION}s per configuration after ${WARMUP}s warm-up, nproc=$(nproc), $(date -u +%F)"
echo
echo "| configuration | requests/s (median) | rounds | relative to off |"
echo "|---|---|---|---|"
for name in off local redis; do
  m=$(echo "${results[$name]}" | median)
  printf '| %s | %s | %s | %s |\n' "$name" "$m" "$(echo ${results[$name]} | tr ' ' ',')" "$(awk -v a="$m" -v b="$off" 'BEGIN {printf "%.3f", a / b}')"
done
