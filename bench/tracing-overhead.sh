#!/usr/bin/env bash
# Cost of tracing on an authenticated GET /api/v1/me (one server span, JDBC and Redis child spans), side by side:
#   off  - OpenTelemetry off, no JDBC proxy (no spans; what Bulwark did before tracing)
#   0.1  - the default: every request traced, one in ten sampled (recorded)
#   1.0  - every request sampled
# No exporter in any of them (the default): the figures are what making the spans costs, not sending them.
# How the instances run and are measured: bench/side-by-side.sh.
source "$(dirname "$0")/side-by-side.sh"

instance off --bulwark.redis.url="$REDIS_URL" --management.opentelemetry.enabled=false \
  --management.tracing.export.enabled=false --jdbc.datasource-proxy.enabled=false
instance 0.1 --bulwark.redis.url="$REDIS_URL" --management.tracing.sampling.probability=0.1
instance 1.0 --bulwark.redis.url="$REDIS_URL" --management.tracing.sampling.probability=1.0
compare tracing
