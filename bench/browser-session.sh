#!/usr/bin/env bash
# What a browser session costs per request, side by side in one run: GET /api/v1/me with a bearer token and with the
# browser session cookie (issue 14), on two instances: sessions in PostgreSQL (no Redis: local mode's store) and in
# Redis (production's). Also times a whole browser sign-in round trip (login -> provider -> callback -> /auth/web/me)
# against a real OIDC provider (mock-oauth2-server, started here from the test class path).
# Needs: wrk, curl, psql, a running PostgreSQL and Redis, a built target/bulwark.jar and its test class path.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${BENCH_DURATION:-8}"     # seconds per measured round
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-20}"        # seconds of load per instance and credential before measuring
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
SIGN_INS="${BENCH_SIGN_INS:-50}"    # sign-in round trips timed per instance
PG="${BENCH_POSTGRES:-postgresql://postgres@127.0.0.1:5432}"
REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379}"
IDP_PORT=18200

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

# The provider: mock-oauth2-server from the test class path; every code exchange signs in one fixed person.
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
JSON_CONFIG='{"interactiveLogin":false,"tokenCallbacks":[{"issuerId":"default","tokenExpiry":300,
  "requestMappings":[{"requestParam":"grant_type","match":"*","claims":{"sub":"bench-person",
  "email":"bench-person@example.test","email_verified":true,"name":"Bench Person"}}]}]}' \
SERVER_PORT=$IDP_PORT SERVER_HOSTNAME=127.0.0.1 \
  "$JAVA_HOME/bin/java" -cp "$(cat "$work/cp.txt")" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt \
  >"$work/idp.log" 2>&1 &
pids+=($!)

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
    --bulwark.protection.rate-limits.browser-sign-in.capacity=1000000 \
    --bulwark.oidc.base-url="http://localhost:$port" \
    --bulwark.oidc.providers.mock.issuer="http://localhost:$IDP_PORT/default" \
    --bulwark.oidc.providers.mock.client-id=bench-client \
    --bulwark.oidc.providers.mock.client-secret=bench-client-secret-not-checked-by-the-mock \
    --logging.level.dev.bulwark.access=WARN "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}

await() { # name port pid
  until curl -sf "http://127.0.0.1:$(($2 + 1000))/actuator/health/readiness" >/dev/null; do
    kill -0 "$3" 2>/dev/null || { echo "bench: the $1 instance did not start:" >&2; tail -20 "$work/$1.log" >&2; exit 1; }
    sleep 1
  done
}

start jdbc 18080
await jdbc 18080 "${pids[1]}"
start redis 18100 --bulwark.redis.url="$REDIS_URL"
await redis 18100 "${pids[2]}"
until curl -sf "http://localhost:$IDP_PORT/default/.well-known/openid-configuration" >/dev/null; do sleep 1; done

email="bench-$(date +%s)@example.test"
curl -sf -X POST http://127.0.0.1:18080/api/v1/auth/register -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"displayName\":\"Bench\"}" >/dev/null
token() { # port
  curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
header() { # name -> value of that response header (first), from curl -D output on stdin
  tr -d '\r' | awk -v h="$(echo "$1" | tr '[:upper:]' '[:lower:]')" 'tolower($0) ~ "^"h": " {sub(/^[^:]*: /, ""); print; exit}'
}
session_cookie() { header set-cookie | sed -n 's/^\(__Host-bulwark-session=[^;]*\).*/\1/p'; }

sign_in() { # port -> prints the session cookie of a completed browser sign-in
  local port=$1 start provider callback cookie
  start=$(curl -s -o /dev/null -D - "http://localhost:$port/auth/web/login?provider=mock&return_to=/auth/web/me")
  cookie=$(echo "$start" | session_cookie)
  provider=$(echo "$start" | header location)
  callback=$(curl -s -o /dev/null -D - "$provider" | header location)
  curl -s -o /dev/null -D - -H "Cookie: $cookie" "$callback" | session_cookie
}

declare -A ports=([jdbc]=18080 [redis]=18100) bearer cookie rtt
for name in jdbc redis; do
  # Sign-in round trips, sequential: login redirect, provider, callback (code exchange + account + session), me.
  begin=$(date +%s%N)
  for _ in $(seq 1 "$SIGN_INS"); do
    c=$(sign_in "${ports[$name]}")
    curl -sf -o /dev/null -H "Cookie: $c" "http://127.0.0.1:${ports[$name]}/auth/web/me"
  done
  rtt[$name]=$(( ($(date +%s%N) - begin) / SIGN_INS / 1000000 ))
  # After the round trips: each started a session of the same account, and beyond bulwark.auth.max-sessions the
  # oldest end.
  bearer[$name]="Authorization: Bearer $(token "${ports[$name]}")"
  cookie[$name]="Cookie: $(sign_in "${ports[$name]}")"
  curl -sf -o /dev/null -H "${cookie[$name]}" "http://127.0.0.1:${ports[$name]}/api/v1/me" \
    || { echo "bench: the browser session of $name does not reach /api/v1/me" >&2; exit 1; }
done

load() { # name credential-header seconds -> prints requests/s; any answer but 2xx fails the run
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${3}s" --latency -H "$2" "http://127.0.0.1:${ports[$1]}/api/v1/me")
  if echo "$out" | grep -q 'Non-2xx'; then
    echo "bench: $1 answered errors under load ($2):" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$out" | awk '/Requests\/sec/ {print $2}'
}

for name in jdbc redis; do
  load "$name" "${bearer[$name]}" "$WARMUP" >/dev/null
  load "$name" "${cookie[$name]}" "$WARMUP" >/dev/null
done
declare -A results
for round in $(seq 1 "$ROUNDS"); do
  for name in jdbc redis; do
    results[$name-bearer]="${results[$name-bearer]:-} $(load "$name" "${bearer[$name]}" "$DURATION")"
    results[$name-cookie]="${results[$name-cookie]:-} $(load "$name" "${cookie[$name]}" "$DURATION")"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "GET /api/v1/me, $CONNECTIONS connections, $ROUNDS x ${DURATION}s per cell after ${WARMUP}s warm-up, nproc=$(nproc), $(date -u +%F)"
echo
echo "| session store | bearer token req/s | session cookie req/s | cookie / bearer | sign-in round trip (ms, mean of $SIGN_INS) |"
echo "|---|---|---|---|---|"
for name in jdbc redis; do
  b=$(echo "${results[$name-bearer]}" | median)
  c=$(echo "${results[$name-cookie]}" | median)
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$b" "$c" "$(awk -v a="$c" -v b="$b" 'BEGIN {printf "%.3f", a / b}')" "${rtt[$name]}"
done
