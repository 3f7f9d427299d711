package dev.bulwark.common;

import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Attempt counters shared by every instance: {@code INCR} with a TTL, and a block key whose TTL is the remaining delay. */
final class RedisAttemptStore implements AttemptStore {

    private final StringRedisTemplate redis;
    private final String prefix;

    RedisAttemptStore(StringRedisTemplate redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix + "throttle:";
    }

    @Override
    public Duration blockedFor(String key) {
        Long millis = redis.getExpire(prefix + "blocked:" + key, java.util.concurrent.TimeUnit.MILLISECONDS);
        return millis == null || millis <= 0 ? Duration.ZERO : Duration.ofMillis(millis);
    }

    @Override
    public long count(String key, Duration keepFor) {
        String counter = prefix + "failures:" + key;
        Long failures = redis.opsForValue().increment(counter);
        redis.expire(counter, keepFor);
        return failures == null ? 1 : failures;
    }

    @Override
    public void block(String key, Duration delay) {
        redis.opsForValue().set(prefix + "blocked:" + key, "1", delay);
    }

    @Override
    public void uncount(String key) {
        String counter = prefix + "failures:" + key;
        Long left = redis.opsForValue().decrement(counter);
        if (left != null && left <= 0) {
            redis.delete(counter); // a success may have reset it meanwhile: never leave it negative
        }
    }

    @Override
    public void reset(String key) {
        redis.delete(java.util.List.of(prefix + "failures:" + key, prefix + "blocked:" + key));
    }
}
