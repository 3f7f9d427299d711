#!/usr/bin/env bash
# What a browser session costs per request, side by side in one run: GET /api/v1/me with a bearer token and with the
# browser session cookie (issue 14), on two instances: sessions in PostgreSQL (no Redis: local mode's store) and in
# Redis (production's). Also times a whole browser sign-in round trip (login -> provider -> callback -> /auth/web/me)
# against a real OIDC provider (mock-oauth2-server, started here from the test class path).
# Needs: wrk, curl, psql, a running PostgreSQL and Redis, a built target/bulwark.jar and its test class path.
# How the instances run: bench/side-by-side.sh.
WARMUP_DEFAULT=20                   # seconds of load per instance and credential before measuring
source "$(dirname "$0")/side-by-side.sh"
SIGN_INS="${BENCH_SIGN_INS:-50}"    # sign-in round trips timed per instance
IDP_PORT=18200

# The provider: mock-oauth2-server from the test class path; every code exchange signs in one fixed person.
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
JSON_CONFIG='{"interactiveLogin":false,"tokenCallbacks":[{"issuerId":"default","tokenExpiry":300,
  "requestMappings":[{"requestParam":"grant_type","match":"*","claims":{"sub":"bench-person",
  "email":"bench-person@example.test","email_verified":true,"name":"Bench Person"}}]}]}' \
SERVER_PORT=$IDP_PORT SERVER_HOSTNAME=127.0.0.1 \
  "$JAVA_HOME/bin/java" -cp "$(cat "$work/cp.txt")" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt \
  >"$work/idp.log" 2>&1 &
helpers+=($!)

browser_instance() { # name settings...: an instance that signs browsers in through the provider
  local name=$1
  shift
  instance "$name" \
    --bulwark.protection.rate-limits.browser-sign-in.capacity=1000000 \
    --bulwark.oidc.base-url="http://localhost:$(next_port)" \
    --bulwark.oidc.providers.mock.issuer="http://localhost:$IDP_PORT/default" \
    --bulwark.oidc.providers.mock.client-id=bench-client \
    --bulwark.oidc.providers.mock.client-secret=bench-client-secret-not-checked-by-the-mock "$@"
}

browser_instance jdbc
browser_instance redis --bulwark.redis.url="$REDIS_URL"
await redis
until curl -sf "http://localhost:$IDP_PORT/default/.well-known/openid-configuration" >/dev/null; do sleep 1; done
register
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

declare -A bearer cookie rtt
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
