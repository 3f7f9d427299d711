package dev.bulwark.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One instance's counters: bounded (100k keys), forgotten after a day without failures. */
final class LocalAttemptStore implements AttemptStore {

    private record State(long failures, Instant blockedUntil) {}

    private final Cache<String, State> states = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();
    private final Clock clock;

    LocalAttemptStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Duration blockedFor(String key) {
        State state = states.getIfPresent(key);
        if (state == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), state.blockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public long count(String key, Duration keepFor) {
        return states.asMap()
                .merge(
                        key,
                        new State(1, Instant.EPOCH),
                        (old, one) -> new State(old.failures() + 1, old.blockedUntil()))
                .failures();
    }

    @Override
    public void block(String key, Duration delay) {
        states.asMap()
                .computeIfPresent(
                        key,
                        (k, old) -> new State(old.failures(), clock.instant().plus(delay)));
    }

    @Override
    public void uncount(String key) {
        states.asMap()
                .computeIfPresent(key, (k, old) -> new State(Math.max(0, old.failures() - 1), old.blockedUntil()));
    }

    @Override
    public void reset(String key) {
        states.invalidate(key);
    }
}
