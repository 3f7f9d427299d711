package dev.bulwark.common;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link Refreshing} snapshots reload in the background: two named daemon threads ({@code snapshot-refresh-N})
 * and a short queue. A refresh that finds no room is skipped and asked for again by a later read. Not an
 * {@link java.util.concurrent.Executor} bean on purpose: one would make Spring Boot drop its own task executor.
 */
public final class RefreshExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16),
            Thread.ofPlatform().name("snapshot-refresh-", 0).daemon(true).factory(),
            new ThreadPoolExecutor.AbortPolicy());

    RefreshExecutor() {
        pool.allowCoreThreadTimeOut(true); // idle between refreshes: no threads kept
    }

    /** Throws {@link java.util.concurrent.RejectedExecutionException} when the queue is full or after close. */
    public void execute(Runnable refresh) {
        pool.execute(refresh);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
