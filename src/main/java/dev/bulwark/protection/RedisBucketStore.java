package dev.bulwark.protection;

import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets shared by every instance: one {@code EVALSHA} per take, the steps of {@link BucketRule#take} in Lua on a
 * string key holding the instant the bucket is full again, expiring at that instant. Bucket4j's Redis integration
 * needed a {@code GET} and an {@code EVAL} of a compare-and-swap per take, retried under contention
 * (docs/performance.md, lever I). The instant comes from the calling instance's clock, as it did with Bucket4j: clocks
 * a few milliseconds apart let a client through a few milliseconds' worth of tokens early.
 */
final class RedisBucketStore implements BucketStore {

    // KEYS[1]: the bucket; ARGV: now and the interval in microseconds, the capacity. Returns allowed (1 or 0),
    // remaining tokens, microseconds until full, microseconds until the next token when refused. Every number is a
    // whole number below 2^53, exact in Lua's doubles; %.17g writes one without an exponent. A value this script did
    // not write counts as a full bucket.
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TAKE = RedisScript.of("""
            local now = tonumber(ARGV[1])
            local interval = tonumber(ARGV[2])
            local burst = tonumber(ARGV[3]) * interval
            local start = math.max(tonumber(redis.call('GET', KEYS[1])) or 0, now)
            local ahead = start + interval - now
            if ahead > burst then
              return {0, 0, start - now, ahead - burst}
            end
            redis.call('SET', KEYS[1], string.format('%.17g', start + interval), 'PX', math.ceil(ahead / 1000))
            return {1, math.floor((burst - ahead) / interval), ahead, 0}
            """, List.class);

    private final StringRedisTemplate redis;

    RedisBucketStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public BucketRule.Take take(String key, BucketRule rule, long now) {
        List<?> answer = redis.execute(
                TAKE,
                List.of(key),
                Long.toString(now),
                Long.toString(rule.intervalMicros()),
                Integer.toString(rule.capacity()));
        if (answer == null || answer.size() != 4) {
            throw new IllegalStateException("Unexpected answer from the rate-limit script");
        }
        boolean allowed = number(answer, 0) == 1;
        return new BucketRule.Take(allowed, number(answer, 1), number(answer, 2), number(answer, 3), 0);
    }

    private static long number(List<?> answer, int index) {
        return ((Number) answer.get(index)).longValue();
    }
}
