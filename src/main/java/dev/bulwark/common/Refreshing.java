package dev.bulwark.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value loaded on demand and kept: the one refreshing snapshot every module uses, so feature code holds no locks,
 * volatile flags or threads of its own (role permissions, the revocation list's refill, shared rate-limit buckets).
 *
 * <ul>
 *   <li>Loaded on first use on the caller's thread, once for all callers waiting meanwhile; the caller sees a failed
 *       load's exception, and the callers that waited for it get {@link Unavailable} with it as the cause (they do
 *       not load again one after the other). The next load is tried no sooner than {@code retryAfter} later: until
 *       then {@link #get()} throws {@link Unavailable} at once, so a failing dependency is not asked on every
 *       request.
 *   <li>A {@linkplain #snapshot snapshot} older than {@code refreshAfter} is still served while one refresh runs on
 *       the executor; a failed refresh keeps the last value for another {@code refreshAfter}.
 *   <li>{@link #invalidate()} (after the change commits) wins over a load or refresh in flight: its result, possibly
 *       read before the change, is dropped.
 *   <li>Time comes from the injected {@link Clock} only; a clock that steps back counts as time passed.
 * </ul>
 */
public final class Refreshing<T> {

    private static final Logger log = LoggerFactory.getLogger(Refreshing.class);

    private final String name;
    private final Supplier<T> loader;
    private final Clock clock;
    private final Duration retryAfter;
    private final @Nullable Duration refreshAfter;
    private final Executor refresher;
    private final AtomicReference<RefreshState<T>> state;
    private final ReentrantLock loading = new ReentrantLock();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private Refreshing(
            String name,
            Supplier<T> loader,
            Clock clock,
            Duration retryAfter,
            @Nullable Duration refreshAfter,
            Executor refresher) {
        this.name = name;
        this.loader = loader;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.refreshAfter = refreshAfter;
        this.refresher = refresher;
        this.state = new AtomicReference<>(RefreshState.empty());
    }

    /** Loaded on first use and kept until invalidated; a failed load is tried again no sooner than retryAfter. */
    public static <T> Refreshing<T> lazy(Supplier<T> loader, Duration retryAfter, Clock clock) {
        return new Refreshing<>("lazy", loader, clock, retryAfter, null, Runnable::run);
    }

    /** Also reloaded on {@code refresher} when older than {@code refreshAfter}, the old value served meanwhile. */
    public static <T> Refreshing<T> snapshot(
            String name, Supplier<T> loader, Duration refreshAfter, Executor refresher, Clock clock) {
        return new Refreshing<>(name, loader, clock, Duration.ZERO, refreshAfter, refresher);
    }

    /** The value, loaded first if there is none; may start a background refresh. */
    public T get() {
        RefreshState<T> seen = state.get();
        T value = seen.value();
        if (value == null) {
            return load();
        }
        if (refreshAfter != null && !within(seen.loadedAt(), refreshAfter)) {
            refreshInBackground(seen);
        }
        return value;
    }

    /** The value if one is loaded: never loads, refreshes or throws. */
    public @Nullable T current() {
        return state.get().value();
    }

    /**
     * The value, loaded again first if it is still {@code seen} (the same instance): every caller that found the
     * same value outdated causes one load between them, not one each.
     */
    public T getNewerThan(@Nullable T seen) {
        if (seen != null) {
            state.updateAndGet(s -> s.value() == seen ? s.invalidated() : s);
        }
        return get();
    }

    /** Drops the value; the next {@link #get()} loads. A load or refresh in flight is discarded. */
    public void invalidate() {
        state.updateAndGet(RefreshState::invalidated);
    }

    /** Replaces the value as if just loaded; a load or refresh in flight is discarded. */
    public void put(T value) {
        Instant now = clock.instant();
        state.updateAndGet(s -> s.invalidated().loaded(value, now));
    }

    private T load() {
        RefreshState<T> arrived = state.get();
        failFastWhileBackingOff(arrived);
        loading.lock();
        try {
            RefreshState<T> seen = state.get();
            T loadedMeanwhile = seen.value();
            if (loadedMeanwhile != null) {
                return loadedMeanwhile;
            }
            failFastWhileBackingOff(seen);
            RuntimeException failedMeanwhile = seen.failure();
            if (failedMeanwhile != null && failedMeanwhile != arrived.failure()) { // the load waited for failed
                throw new Unavailable(failedMeanwhile); // loading again, waiters would take turns timing out
            }
            return loadFor(seen.generation());
        } finally {
            loading.unlock();
        }
    }

    private void failFastWhileBackingOff(RefreshState<T> seen) {
        RuntimeException failure = seen.failure();
        if (failure != null && within(seen.failedAt(), retryAfter)) {
            throw new Unavailable(failure);
        }
    }

    private T loadFor(long generation) {
        T fresh;
        try {
            fresh = Objects.requireNonNull(loader.get(), "loaded value");
        } catch (RuntimeException e) {
            Instant failedAt = clock.instant();
            state.updateAndGet(s -> s.failed(e, failedAt));
            throw e;
        }
        Instant loadedAt = clock.instant();
        state.updateAndGet(s -> s.generation() == generation ? s.loaded(fresh, loadedAt) : s);
        return fresh;
    }

    private void refreshInBackground(RefreshState<T> seen) {
        if (!refreshing.compareAndSet(false, true)) {
            return; // one refresh at a time
        }
        try {
            refresher.execute(() -> refresh(seen));
        } catch (RejectedExecutionException full) {
            refreshing.set(false); // no room now: a later read asks again
        }
    }

    private void refresh(RefreshState<T> seen) {
        try {
            T fresh = Objects.requireNonNull(loader.get(), "loaded value");
            Instant now = clock.instant();
            state.updateAndGet(s -> s.generation() == seen.generation() ? s.loaded(fresh, now) : s);
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("event", name + ".reload_failed")
                    .addKeyValue("cause", e.getClass().getSimpleName())
                    .log("{} could not be reloaded; keeping the last value", name);
            // Ask again one refreshAfter later, not on every read while the source is down.
            Instant now = clock.instant();
            state.updateAndGet(s -> s.generation() == seen.generation() ? s.loaded(seen.value(), now) : s);
        } finally {
            refreshing.set(false);
        }
    }

    /** Whether less than {@code wait} has passed since {@code since}; a clock now before it counts as time passed. */
    private boolean within(Instant since, Duration wait) {
        Instant now = clock.instant();
        return !now.isBefore(since) && now.isBefore(since.plus(wait));
    }

    /** The last load failed less than retryAfter ago and is not tried again yet; the cause is that failure. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(RuntimeException lastFailure) {
            // No stack trace: thrown on every request while a dependency is down.
            super("Not loaded: the last attempt failed moments ago", lastFailure, false, false);
        }
    }
}
