#!/usr/bin/env bash
# GET /api/v1/me's latency at 64 connections, saturated and below saturation: is the p99 the service's work or the
# queue for 2 shared cores? One instance at the image's container sizing, production mode on PostgreSQL and Redis,
# access log on, rate limits on but too large to refuse. After BENCH_WARMUP s of load: BENCH_DURATION s of wrk -c64
# (closed loop: each connection sends its next request when the answer arrives, so the server is always saturated
# and the mean latency is 64 / throughput), then wrk -c64 again with a random think time after each answer
# (bench/wrk/paced.lua), paced to offer BENCH_SHARES per cent of the saturated throughput. Each step's CPU per answer
# is the server's user+system time (/proc). Usage:
#   bench/tail-vs-rate.sh
BENCH_WARMUP="${BENCH_WARMUP:-60}"
BENCH_DURATION="${BENCH_DURATION:-15}"
source "$(dirname "$0")/side-by-side.sh"
SHARES="${BENCH_SHARES:-25 50 75 90}"

launch tail target/bulwark.jar "$CONTAINER_JVM" --bulwark.redis.url="$REDIS_URL" \
  --bulwark.protection.rate-limits.api.capacity=1000000
await tail
register
tokens[tail]=$(token "${ports[tail]}")
url="http://127.0.0.1:${ports[tail]}/api/v1/me"
pid=${pid_of[tail]}
hz=$(getconf CLK_TCK)

seconds() { # a wrk latency (1.2ms, 350us, 1.1s) in milliseconds
  awk -v v="$1" 'BEGIN {u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v)
    printf "%.1f", u == "us" ? v / 1000 : (u == "ms" ? v : v * 1000)}'
}

load_step() { # seconds [wrk options] -> "req/s requests p50 p99" (back to back unless the options pace it)
  local seconds=$1
  shift
  wrk -t2 -c64 -d"${seconds}s" --latency "$@" -H "Authorization: Bearer ${tokens[tail]}" "$url" |
    awk '/requests in/ {n = $1} /Requests\/sec/ {r = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2}
      END {print r, n, p50, p99}'
}

at_rate() { # seconds rate -> "req/s requests p50 p99": each connection thinks 64 / rate s on average between requests
  BENCH_THINK_MS=$(awk -v r="$2" 'BEGIN {printf "%.2f", 64000 / r}') load_step "$1" -s bench/wrk/paced.lua
}

row() { # label command... : runs the step, prints its Markdown row
  local label=$1 before after rate count p50 p99
  shift
  before=$(cpu_ticks "$pid")
  read -r rate count p50 p99 < <("$@")
  after=$(cpu_ticks "$pid")
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$rate" "$(seconds "$p50")" "$(seconds "$p99")" \
    "$(awk -v t=$((after - before)) -v n="$count" -v hz="$hz" 'BEGIN {printf "%.3f", t / hz * 1000 / n}')"
  [ "$label" != saturated ] || capacity=$rate
}

load_step "$BENCH_WARMUP" >/dev/null
echo
echo "GET /api/v1/me, 64 connections, ${BENCH_DURATION}s per step after ${BENCH_WARMUP}s of warm-up, nproc=$(nproc), $(date -u +%F)"
echo
echo "| load | req/s | p50 ms | p99 ms | CPU ms per answer |"
echo "|---|---|---|---|---|"
capacity=0
row saturated load_step "$BENCH_DURATION"
for share in $SHARES; do
  rate=$(awk -v c="$capacity" -v s="$share" 'BEGIN {printf "%.0f", c * s / 100}')
  row "$share % ($rate req/s offered)" at_rate "$BENCH_DURATION" "$rate"
done
row "saturated again" load_step "$BENCH_DURATION"
