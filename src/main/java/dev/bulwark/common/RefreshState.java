package dev.bulwark.common;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Refreshing} holds, replaced as a whole. The generation counts invalidations: a load stores its result
 * only if none happened since it started.
 */
record RefreshState<T>(
        @Nullable T value,
        Instant loadedAt,
        long generation,
        @Nullable RuntimeException failure,
        Instant failedAt) {

    static <T> RefreshState<T> empty() {
        return new RefreshState<>(null, Instant.EPOCH, 0, null, Instant.EPOCH);
    }

    RefreshState<T> loaded(@Nullable T fresh, Instant at) {
        return new RefreshState<>(fresh, at, generation, null, Instant.EPOCH);
    }

    RefreshState<T> invalidated() {
        return new RefreshState<>(null, loadedAt, generation + 1, failure, failedAt);
    }

    RefreshState<T> failed(RuntimeException cause, Instant at) {
        return new RefreshState<>(value, loadedAt, generation, cause, at);
    }
}
