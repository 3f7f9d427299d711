package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The bucket steps, and the Lua copy of them in Redis answering exactly as the Java one in memory. */
class BucketStoresTests {

    static LettuceConnectionFactory factory;
    static StringRedisTemplate redis;
    final String prefix = TestServices.keyPrefix() + "buckets-" + UUID.randomUUID() + ":";

    @BeforeAll
    static void connect() {
        factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(TestServices.redisUrl()));
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
    }

    @AfterAll
    static void disconnect() {
        factory.destroy();
    }

    @Test
    void aBucketGivesItsCapacityAtOnceThenOneTokenPerInterval() {
        BucketRule rule = BucketRule.of(3, Duration.ofSeconds(1));
        assertThat(rule.intervalMicros())
                .as("rounded up: never faster than configured")
                .isEqualTo(333_334);
        long now = 1_764_000_000_000_000L;
        long full = 0;
        for (int taken = 1; taken <= 3; taken++) {
            BucketRule.Take take = rule.take(full, now);
            assertThat(take.allowed()).isTrue();
            assertThat(take.remaining()).isEqualTo(3 - taken);
            assertThat(take.resetMicros()).isEqualTo(taken * 333_334L);
            full = take.full();
        }
        BucketRule.Take refused = rule.take(full, now);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterMicros()).isEqualTo(333_334);
        assertThat(refused.resetMicros()).isEqualTo(1_000_002);
        assertThat(refused.full()).isEqualTo(full);

        assertThat(rule.take(full, now + 333_333).allowed()).isFalse();
        BucketRule.Take oneLater = rule.take(full, now + 333_334);
        assertThat(oneLater.allowed()).isTrue();
        assertThat(oneLater.remaining()).isZero();
        BucketRule.Take muchLater = rule.take(oneLater.full(), now + 10_000_000);
        assertThat(muchLater.remaining())
                .as("refilled to the capacity, not beyond")
                .isEqualTo(2);
    }

    @Test
    void redisAndMemoryAnswerTheSameOnOneTimeline() {
        List<BucketRule> rules = List.of(
                BucketRule.of(3, Duration.ofSeconds(1)),
                BucketRule.of(7, Duration.ofMinutes(1)), // 60 s / 7 is not a whole number of microseconds
                BucketRule.of(600, Duration.ofMinutes(1)),
                BucketRule.of(10, Duration.ofHours(1)));
        LocalBucketStore local = new LocalBucketStore(Clock.systemUTC());
        RedisBucketStore shared = new RedisBucketStore(redis);
        Random random = new Random(16);
        List<BucketRule.Take> fromMemory = new ArrayList<>();
        List<BucketRule.Take> fromRedis = new ArrayList<>();
        for (BucketRule rule : rules) {
            String key = prefix + rule.capacity();
            // Starts at the real time and only moves ahead faster, so no Redis key expires before its instant.
            long now = RateLimits.micros(Clock.systemUTC());
            long interval = rule.intervalMicros();
            for (int i = 0; i < 400; i++) {
                now += gap(random, interval);
                fromMemory.add(withoutState(local.take(key, rule, now)));
                fromRedis.add(shared.take(key, rule, now));
            }
        }
        assertThat(fromRedis).isEqualTo(fromMemory);
        assertThat(fromMemory).as("the timeline refuses some and allows some").anyMatch(BucketRule.Take::allowed);
        assertThat(fromMemory).anyMatch(take -> !take.allowed());
        assertThat(fromMemory).anyMatch(take -> take.remaining() > 0 && take.remaining() < 599);
    }

    /** Bursts at one instant, gaps of whole intervals (the edges) and gaps in between. */
    private static long gap(Random random, long interval) {
        return switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> interval * random.nextInt(3);
            default -> (long) (random.nextDouble() * interval * 3);
        };
    }

    private static BucketRule.Take withoutState(BucketRule.Take take) {
        return new BucketRule.Take(take.allowed(), take.remaining(), take.resetMicros(), take.retryAfterMicros(), 0);
    }

    @Test
    void aRedisBucketExpiresWhenItIsFullAgain() {
        RedisBucketStore store = new RedisBucketStore(redis);
        BucketRule rule = BucketRule.of(600, Duration.ofMinutes(1)); // one token per 100 ms
        String key = prefix + "expiring";
        long now = RateLimits.micros(Clock.systemUTC());
        store.take(key, rule, now);
        store.take(key, rule, now);
        Long ttl = redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(ttl).isBetween(1L, 200L);
        assertThat(redis.opsForValue().get(key)).isEqualTo(Long.toString(now + 200_000)); // no exponent, no rounding
    }

    @Test
    void aRedisValueTheScriptDidNotWriteCountsAsAFullBucket() {
        RedisBucketStore store = new RedisBucketStore(redis);
        BucketRule rule = BucketRule.of(5, Duration.ofMinutes(1));
        String key = prefix + "foreign";
        redis.opsForValue().set(key, "\u0000\u0001not a number", Duration.ofMinutes(1));
        BucketRule.Take take = store.take(key, rule, RateLimits.micros(Clock.systemUTC()));
        assertThat(take.allowed()).isTrue();
        assertThat(take.remaining()).isEqualTo(4);
    }
}
