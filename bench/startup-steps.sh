#!/usr/bin/env bash
# Where the start goes: bench/startup/StartupSteps.java starts Bulwark in production mode (the local PostgreSQL and
# Redis, a fresh database, the container's JVM sizing, the extracted layout with an AOT cache trained first by one
# start, as the image runs) and prints, for each start, the JVM's time before SpringApplication.run, the startup steps
# by their own time and the slowest beans (docs/performance.md#start-up). Usage:
#   bench/startup-steps.sh [STARTS] [JVM-OPTION...]       # STARTS defaults to 2
# BENCH_JAR=PATH measures another jar. BENCH_APP=DIR measures an extracted layout as it is, such as the image's
# (./bulwark image --output OUT writes OUT/app: its jar carries Spring AOT's code). -Dspring.aot.enabled=true among the
# options needs Spring AOT's code (docs/performance.md#spring-aot-adopted-with-a-guard); the cache is then trained in
# that mode; an image's app must then have been built with Redis (./bulwark image --aot-settings), as its guard
# refuses a start whose settings decide its beans differently.
source "$(dirname "$0")/side-by-side.sh"
STARTS="${1:-2}"
shift $(($# > 0 ? 1 : 0))
JAR="${BENCH_JAR:-target/bulwark.jar}"

if [ -n "${BENCH_APP:-}" ]; then
  app=$(ls "$BENCH_APP"/*.jar)
  lib="$BENCH_APP/lib"
else
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$work/extracted" >/dev/null
  app="$work/extracted/$(basename "$JAR")"
  lib="$work/extracted/lib"
fi
"$JAVA_HOME/bin/javac" -d "$work/probe" -cp "$app:$lib/*" bench/startup/StartupSteps.java
"$JAVA_HOME/bin/jar" cf "$work/probe.jar" -C "$work/probe" .

start() { # jvm-options...: one start to "Started", then the context is closed
  # shellcheck disable=SC2086 # the container's options are words
  "$JAVA_HOME/bin/java" $CONTAINER_JVM "$@" -cp "$work/probe.jar:$app" StartupSteps \
    --server.port=18080 --management.server.port=19080 \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" \
    --bulwark.web.allowed-hosts=localhost,127.0.0.1 --bulwark.auth.signing-keys="file:$work/key.pem" \
    --bulwark.redis.url="$REDIS_URL" --bulwark.redis.key-prefix="$prefix"
}

echo "bench: training the AOT cache (one start, which also migrates the fresh database)"
start "$@" -XX:AOTCacheOutput="$work/steps.aot" >"$work/training.log" 2>&1 || {
  tail -20 "$work/training.log" >&2
  exit 1
}
for n in $(seq "$STARTS"); do
  echo "== start $n of $STARTS"
  start "$@" -XX:AOTCache="$work/steps.aot" 2>&1 | grep -E '^(STEPS|STEP|BEAN) '
done
