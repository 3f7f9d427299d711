#!/usr/bin/env bash
# Cost of rate limiting + revocation checks on an authenticated GET /api/v1/me, side by side in one run:
#   off    - rate limits off, no Redis (revocation: an in-process map look-up)
#   local  - rate limits on, in-process buckets and revocation list
#   redis  - rate limits on, buckets and revocation list in Redis
# How the instances run and are measured: bench/side-by-side.sh.
source "$(dirname "$0")/side-by-side.sh"

instance off --bulwark.protection.rate-limits-enabled=false
instance local
instance redis --bulwark.redis.url="$REDIS_URL"
compare configuration
