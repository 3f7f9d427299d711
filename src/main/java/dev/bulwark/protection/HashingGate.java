package dev.bulwark.protection;

import dev.bulwark.web.ApiProblem;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds password hashing: about one hash per core at a time on dedicated platform threads, a short queue, and a
 * short wait. A flood of sign-ins gets fast 503s with {@code Retry-After} instead of piling up (each Argon2id hash
 * holds 19 MiB while it runs).
 *
 * <p>Why platform threads: requests run on virtual threads, which are not preempted. Hashing on them (57 ms of pure
 * CPU each) occupied every carrier thread, so under a flood the other requests could not even reach this gate and
 * queued invisibly for seconds (measured: 200 parallel sign-ins, p50 5.3 s, no request refused). Handing the hash to
 * this pool parks the virtual thread and keeps the carriers free.
 */
@Component
public class HashingGate implements DisposableBean {

    private final ThreadPoolExecutor pool;
    private final long maxWaitNanos;

    HashingGate(ProtectionProperties properties) {
        ProtectionProperties.Hashing hashing = properties.hashing();
        int threads = hashing.concurrency() > 0
                ? hashing.concurrency()
                : Runtime.getRuntime().availableProcessors();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, hashing.queue())),
                Thread.ofPlatform().name("password-hashing-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.maxWaitNanos = hashing.maxWait().toNanos();
    }

    public <T> T run(Supplier<T> hashing) {
        Future<T> result;
        try {
            result = pool.submit(hashing::get);
        } catch (RejectedExecutionException full) {
            throw new Busy();
        }
        try {
            return result.get(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // maxWait bounds the wait for a slot, not the work: a job that has started (its hash, its database
            // look-up) finishes. Cutting it off answered 503 busy for a slow database or a starved CPU, and wasted
            // the hash (found by ./bulwark bench faults).
            if (result.cancel(false)) {
                throw new Busy();
            }
            return finish(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new Busy();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static <T> T finish(Future<T> started) {
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(true);
            throw new Busy();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }

    int waiting() {
        return pool.getQueue().size();
    }

    /**
     * True when a new job would be refused right now: the queue is full, so every slot is taken too. Sign-ins check
     * this before anything else, so a flood is refused without database reads or Redis round trips.
     */
    boolean full() {
        return pool.getQueue().remainingCapacity() == 0;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    static final class Busy extends ApiProblem {
        Busy() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "busy",
                    "Busy",
                    "Too many sign-ins are being processed; retry in a second.");
        }

        @Override
        public HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return headers;
        }
    }
}
