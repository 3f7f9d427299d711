package dev.bulwark.protection;

import java.time.Duration;

/**
 * A token bucket of {@code capacity} tokens, one more every {@code intervalMicros}, kept the way GCRA keeps it: the
 * bucket's whole state is one instant, the moment it is full again (its "theoretical arrival time"). Taking a token
 * moves that instant one interval later; a take that would move it more than {@code capacity} intervals ahead of now
 * is refused. These are the answers of a greedy token bucket (Bucket4j's, which this replaced) in a form that fits
 * one Redis value and one script: {@link RedisBucketStore} runs these steps in Lua, {@link LocalBucketStore} in Java,
 * and {@code BucketStoresTests} plays one timeline through both.
 *
 * <p>Instants are whole microseconds since the epoch. Lua has only doubles, exact for whole numbers up to 2^53 (the
 * year 2255 in microseconds), so the interval is whole too: the period divided by the capacity, rounded up. A bucket
 * therefore never refills faster than configured, and slower by less than a microsecond per token (600 a minute is
 * exactly 100,000 µs apart).
 */
record BucketRule(int capacity, long intervalMicros) {

    static BucketRule of(int capacity, Duration period) {
        return new BucketRule(capacity, Math.max(1, Math.ceilDiv(period.toNanos() / 1_000, capacity)));
    }

    /** The outcome of one take and the bucket's next state ({@code full} unchanged when refused). */
    record Take(boolean allowed, long remaining, long resetMicros, long retryAfterMicros, long full) {}

    /** One token taken at {@code now} from a bucket that is full again at {@code full} (0 when it has no state). */
    Take take(long full, long now) {
        long burst = capacity * intervalMicros;
        long start = Math.max(full, now);
        long ahead = start + intervalMicros - now;
        if (ahead > burst) {
            return new Take(false, 0, start - now, ahead - burst, full);
        }
        return new Take(true, (burst - ahead) / intervalMicros, ahead, 0, start + intervalMicros);
    }
}
