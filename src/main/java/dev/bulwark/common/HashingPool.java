package dev.bulwark.common;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;

/**
 * The one bounded pool every password hash runs on: about one hash per core at a time on dedicated platform threads,
 * a short queue and a short wait. A flood of sign-ins gets fast refusals ({@link Saturated}, answered 503 busy with
 * {@code Retry-After}) instead of piling up (each Argon2id hash holds 19 MiB while it runs). The account module hashes
 * on it; sign-in asks {@link #saturated()} before it spends anything on an attempt.
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

    /** How long {@link #runPatiently} pauses before it asks a full queue again. */
    private static final Duration QUEUE_FULL_PAUSE = Duration.ofMillis(50);

    private final ThreadPoolExecutor pool;
    private final long maxWaitNanos;

    HashingPool(HashingProperties properties) {
        int threads = properties.concurrency() > 0
                ? properties.concurrency()
                : Runtime.getRuntime().availableProcessors();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.queue())),
                Thread.ofPlatform().name("password-hashing-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.maxWaitNanos = properties.maxWait().toNanos();
    }

    /** Runs the work on the pool and waits for its result; put only the hashing inside, no database work. */
    public <T> T run(Supplier<T> hashing) {
        Future<T> result;
        try {
            result = pool.submit(hashing::get);
        } catch (RejectedExecutionException full) {
            throw new Saturated();
        }
        try {
            return result.get(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // maxWait bounds the wait for a slot, not the work: a job that has started finishes. Cutting it off
            // answered 503 busy for a starved CPU and wasted the hash (found by ./bulwark bench faults).
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
    }

    /**
     * Runs the work without the request path's limits: waits for a queue place and then for the result as long as it
     * takes. Only for one-off work no client is waiting on (the bootstrap admin at start-up): there a starved CPU
     * that did not start the job within {@code maxWait} refused the start with 503 busy.
     */
    public <T> T runPatiently(Supplier<T> hashing) {
        while (true) {
            try {
                return finish(pool.submit(hashing::get));
            } catch (RejectedExecutionException full) {
                try {
                    Thread.sleep(QUEUE_FULL_PAUSE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Saturated();
                }
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

    /** Work waiting for a slot (a gauge). */
    public int waiting() {
        return pool.getQueue().size();
    }

    /**
     * True when new work would be refused right now: the queue is full, so every slot is taken too. Sign-ins check
     * this before anything else, so a flood is refused without database reads or Redis round trips.
     */
    public boolean saturated() {
        return pool.getQueue().remainingCapacity() == 0;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
