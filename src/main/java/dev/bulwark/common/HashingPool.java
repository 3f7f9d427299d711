package dev.bulwark.common;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;

/**
 * The one bounded pool every password hash runs on: about one hash per core at a time on dedicated platform threads,
 * a short queue and a short wait. A flood of sign-ins gets fast refusals ({@link Saturated}, answered 503 busy with
 * {@code Retry-After}) instead of piling up (each Argon2id hash holds 19 MiB while it runs). The account module hashes
 * on it; sign-in {@link #claim() claims} its place before it spends anything on an attempt.
 *
 * <p>Why platform threads: requests run on virtual threads, which are not preempted. Hashing on them (57 ms of pure
 * CPU each) occupied every carrier thread, so under a flood the other requests could not even reach this pool and
 * queued invisibly for seconds (measured: 200 parallel sign-ins, p50 5.3 s, no request refused). Handing the hash to
 * this pool parks the virtual thread and keeps the carriers free.
 */
public class HashingPool implements DisposableBean {

    /** The pool refused the work: its queue is full, or no slot freed up within the configured wait. */
    public static final class Saturated extends RuntimeException {
        Saturated() {
            super("The password hashing pool is saturated", null, false, false);
        }
    }

    /**
     * The memory one hash holds while it runs, which the module that hashes declares as a bean; the pool runs no
     * more hashes at once than a quarter of the heap holds.
     */
    public record Footprint(long bytesPerHash) {}

    private final ThreadPoolExecutor pool;
    private final Semaphore places;
    private final long maxWaitNanos;

    HashingPool(HashingProperties properties) {
        this(properties, new Footprint(0));
    }

    HashingPool(HashingProperties properties, Footprint footprint) {
        int threads = HashingConcurrency.of(
                properties.concurrency(),
                footprint.bytesPerHash(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory());
        int queue = Math.max(1, properties.queue());
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                // Unbounded: the places are the one bound. A bounded queue as well refused work whose place had
                // just been given back while the thread that ended the last job had not yet taken the next from it.
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("password-hashing-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.places = new Semaphore(threads + queue);
        this.maxWaitNanos = properties.maxWait().toNanos();
    }

    /**
     * Claims a place for one piece of work ahead of it, or empty when every place is taken: the places are the slots
     * plus the queue, so a claimed place always finds room. Sign-in claims first and reads or counts nothing without
     * one, so a burst that arrives at once is refused at once. Asking whether the queue was full and taking a place
     * only at the hash let a whole burst through: 200 sign-ins released together all passed the check while the
     * queue was still empty, then waited their turn at Redis and PostgreSQL; the first answer came after 3.3 s and
     * the last after 6.4 s (HashingFloodTests).
     */
    public Optional<Place> claim() {
        return places.tryAcquire() ? Optional.of(new Place()) : Optional.empty();
    }

    /**
     * Runs the work without the request path's limits: waits for a place and then for the result as long as it
     * takes. Only for one-off work no client is waiting on (the bootstrap admin at start-up): there a starved CPU
     * that did not start the job within {@code maxWait} refused the start with 503 busy.
     */
    public <T> T runPatiently(Supplier<T> hashing) {
        try {
            places.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Saturated();
        }
        try (Place place = new Place()) {
            return finish(place.submit(hashing));
        }
    }

    /** One claimed place: it runs one piece of work and is given back when that ends, or on close if it never ran. */
    public final class Place implements AutoCloseable {

        private final AtomicBoolean held = new AtomicBoolean(true);

        private Place() {}

        /**
         * Runs the work on the pool and waits for its result; put only the hashing inside, no database work. Refused
         * ({@link Saturated}) when it has not started within {@code maxWait}; work that has started finishes.
         */
        public <T> T run(Supplier<T> hashing) {
            try {
                Future<T> result = submit(hashing);
                try {
                    return result.get(maxWaitNanos, TimeUnit.NANOSECONDS);
                } catch (TimeoutException slow) {
                    // maxWait bounds the wait for a slot, not the work: a job that has started finishes. Cutting it
                    // off answered 503 busy for a starved CPU and wasted the hash (found by ./bulwark bench faults).
                    if (result.cancel(false)) {
                        throw new Saturated();
                    }
                    return finish(result);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.cancel(true);
                    throw new Saturated();
                } catch (ExecutionException e) {
                    throw unwrap(e);
                }
            } finally {
                close();
            }
        }

        private <T> Future<T> submit(Supplier<T> hashing) {
            if (!held.get()) {
                throw new IllegalStateException("A hashing place runs one piece of work");
            }
            try {
                return pool.submit(hashing::get);
            } catch (RejectedExecutionException shutDown) {
                throw new Saturated();
            }
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                places.release();
            }
        }
    }

    private static <T> T finish(Future<T> started) {
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(true);
            throw new Saturated();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }

    /** How many hashes run at once: one per thread. */
    public int concurrency() {
        return pool.getMaximumPoolSize();
    }

    /** Work waiting for a slot (a gauge). */
    public int waiting() {
        return pool.getQueue().size();
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
