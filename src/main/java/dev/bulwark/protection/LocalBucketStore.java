package dev.bulwark.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;

/**
 * This instance's buckets: local mode, and every instance while Redis is unreachable. A bucket is forgotten when it
 * is full again, which is the state a missing bucket has; at most 200,000 are kept (a flood of distinct clients
 * evicts the least recent, whose clients then start full).
 */
final class LocalBucketStore implements BucketStore {

    private final Cache<String, Long> fullAt;

    LocalBucketStore(Clock clock) {
        this.fullAt = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfter(Expiry.writing((String key, Long full) ->
                        Duration.ofNanos(Math.max(0, full - RateLimits.micros(clock)) * 1_000)))
                .build();
    }

    @Override
    public BucketRule.Take take(String key, BucketRule rule, long now) {
        BucketRule.Take[] outcome = new BucketRule.Take[1];
        fullAt.asMap().compute(key, (k, full) -> {
            outcome[0] = rule.take(full == null ? 0 : full, now);
            return outcome[0].full();
        });
        return outcome[0];
    }
}
