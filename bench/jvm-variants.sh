#!/usr/bin/env bash
# JVM options and jars side by side: throughput, p99, CPU and RSS of each variant in one run, as the issue-16 levers
# F and G and the heap sizes in docs/performance.md were measured. Production mode on PostgreSQL and Redis, access log
# on, rate limits on but too large to refuse. Usage:
#   bench/jvm-variants.sh VARIANTS
# where each line of the file VARIANTS is `NAME JAR JVM-OPTION...` ('#' starts a comment), for example
#   plain target/bulwark.jar -XX:MaxRAM=768m -XX:MaxRAMPercentage=20 -XX:+UseG1GC
#   coh   target/bulwark.jar -XX:MaxRAM=768m -XX:MaxRAMPercentage=20 -XX:+UseG1GC -XX:+UseCompactObjectHeaders
# List a variant twice under two names to see how much two instances of the same thing differ. The instances start
# one after the other (start-up is not measured here), then each gets BENCH_WARMUP s of GET /api/v1/me and
# BENCH_PING_WARMUP s of GET /api/v1/ping, then BENCH_ROUNDS rounds of BENCH_DURATION s per path, alternating
# between the variants so that machine noise hits all alike. RSS (/proc) is read 5 s after the sign-in ("idle"),
# after the last round, and BENCH_SETTLE s later. How the database, the account and CPU are handled:
# bench/side-by-side.sh. BENCH_CLIENTS=N (default 1: all load from one address, as in ./bulwark bench) spreads the
# requests over N client addresses (bench/wrk/clients.lua, X-Forwarded-For from a trusted 127.0.0.1), so that each
# request meets its own client's rate-limit bucket rather than one hot bucket that concurrent requests share.
# BENCH_CAPACITY=N (default 1000000, too large to refuse) sets every rate-limit policy's capacity; with
# BENCH_CLIENTS=1000 the defaults' 600 a minute never refuse either, and the shared buckets' leases (5% of the
# capacity) are as large as production's.
BENCH_WARMUP="${BENCH_WARMUP:-60}"
BENCH_DURATION="${BENCH_DURATION:-10}"
BENCH_ROUNDS="${BENCH_ROUNDS:-2}"
source "$(dirname "$0")/side-by-side.sh"
PING_WARMUP="${BENCH_PING_WARMUP:-30}"
SETTLE="${BENCH_SETTLE:-30}"
CLIENTS="${BENCH_CLIENTS:-1}"
CAPACITY="${BENCH_CAPACITY:-1000000}"
VARIANTS="${1:?usage: bench/jvm-variants.sh VARIANTS (lines of NAME JAR JVM-OPTION...)}"

variant() { # name jar jvm-options...: started and waited for
  local name=$1 jar=$2
  shift 2
  [ -f "$jar" ] || { echo "bench: no jar at $jar" >&2; exit 1; }
  launch "$name" "$jar" "$*" --bulwark.redis.url="$REDIS_URL" \
    $([ "$CLIENTS" -gt 1 ] && echo "--bulwark.web.trusted-proxies=127.0.0.1/32") \
    $(for policy in api login register refresh password; do
      echo "--bulwark.protection.rate-limits.$policy.capacity=$CAPACITY"
    done)
  await "$name"
}

rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; } # MB

run_wrk() { # name path seconds -> "requests/s requests p99-ms non-2xx"
  local clients=(-H "Authorization: Bearer ${tokens[$1]}")
  if [ "$CLIENTS" -gt 1 ]; then
    clients=(-s bench/wrk/clients.lua)
  fi
  BENCH_TOKEN="${tokens[$1]}" BENCH_CLIENTS="$CLIENTS" \
    wrk -t2 -c64 -d"${3}s" --latency "${clients[@]}" "http://127.0.0.1:${ports[$1]}$2" |
    awk 'BEGIN {bad = 0} /requests in/ {n = $1} /Requests\/sec/ {r = $2} /Non-2xx/ {bad = $NF}
      / 99%/ {v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v)
        p = u == "us" ? v / 1000 : (u == "s" ? v * 1000 : v)}
      END {print r, n, p, bad}'
}

while read -r name jar options; do
  case "$name" in '' | '#'*) continue ;; esac
  # shellcheck disable=SC2086 # the options are words
  variant "$name" "$jar" $options
done <"$VARIANTS"
[ "${#names[@]}" -gt 0 ] || { echo "bench: no variants in $VARIANTS" >&2; exit 1; }

register
# A fresh access token before each run of wrk, outside the CPU measured: with several variants the warm-ups and
# rounds outlast the token's 10 minutes, and an expired token answers 401 even on /api/v1/ping.
renew() { tokens[$1]=$(token "${ports[$1]}"); }
for name in "${names[@]}"; do renew "$name"; done
sleep 5
declare -A idle loaded
for name in "${names[@]}"; do idle[$name]=$(rss "${pid_of[$name]}"); done
for name in "${names[@]}"; do
  renew "$name"
  run_wrk "$name" /api/v1/me "$WARMUP" >/dev/null
  run_wrk "$name" /api/v1/ping "$PING_WARMUP" >/dev/null
done

declare -A rates p99s ticks counts
hz=$(getconf CLK_TCK)
for path in /api/v1/me /api/v1/ping; do
  for round in $(seq 1 "$ROUNDS"); do
    for name in "${names[@]}"; do
      renew "$name"
      before=$(cpu_ticks "${pid_of[$name]}")
      read -r rate count p99 bad < <(run_wrk "$name" "$path" "$DURATION")
      after=$(cpu_ticks "${pid_of[$name]}")
      echo "$path $name round $round: $rate req/s, p99 $p99 ms" >&2
      # A refused or failed answer is not throughput: say so rather than report it as such.
      [ "$bad" = 0 ] || echo "bench: $name answered $bad of $count requests on $path with a non-2xx status" >&2
      rates[$path,$name]="${rates[$path,$name]:-} $rate"
      p99s[$path,$name]="${p99s[$path,$name]:-} $p99"
      ticks[$path,$name]=$((${ticks[$path,$name]:-0} + after - before))
      counts[$path,$name]=$((${counts[$path,$name]:-0} + count))
    done
  done
done
for name in "${names[@]}"; do loaded[$name]=$(rss "${pid_of[$name]}"); done
sleep "$SETTLE"

cpu() { awk -v t="${ticks[$1,$2]}" -v n="${counts[$1,$2]}" -v hz="$hz" 'BEGIN {printf "%.3f", t / hz * 1000 / n}'; }
echo
echo "wrk -t2 -c64 from $CLIENTS client address(es), $ROUNDS x ${DURATION}s per path and variant after ${WARMUP}s (/me) + ${PING_WARMUP}s (/ping) of" \
  "warm-up, nproc=$(nproc), $(date -u +%F); medians; CPU ms per answer; RSS in MB"
echo
echo "| variant | /me req/s | p99 ms | CPU | /ping req/s | p99 ms | CPU | RSS idle | after load | ${SETTLE} s later |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for name in "${names[@]}"; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" \
    "$(echo "${rates[/api/v1/me,$name]}" | median)" "$(echo "${p99s[/api/v1/me,$name]}" | median)" \
    "$(cpu /api/v1/me "$name")" \
    "$(echo "${rates[/api/v1/ping,$name]}" | median)" "$(echo "${p99s[/api/v1/ping,$name]}" | median)" \
    "$(cpu /api/v1/ping "$name")" \
    "${idle[$name]}" "${loaded[$name]}" "$(rss "${pid_of[$name]}")"
done
