package dev.bulwark.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The request path gives up on a slot after maxWait; one-off start-up work waits as long as it takes. */
class HashingPoolTests {

    @Test
    void workThatWaitsPatientlyOutlastsABusySlotAndAFullQueue() throws Exception {
        HashingPool pool = new HashingPool(new HashingProperties(1, 1, Duration.ofMillis(10)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // callers of their own: the common pool has one thread on 2 cores, and the holder blocks it
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletableFuture<String> holder = CompletableFuture.supplyAsync(
                    () -> pool.runPatiently(() -> {
                        holding.countDown();
                        return await(release);
                    }),
                    callers);
            // The holder must have the slot first: queued before it, the second job ran, finished and left the queue
            // empty for good (CI saw saturated() stay false for 10 s).
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> queued =
                    CompletableFuture.supplyAsync(() -> pool.runPatiently(() -> "queued"), callers);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!pool.saturated() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(pool.saturated()).isTrue();
            assertThatThrownBy(() -> pool.run(() -> "refused")).isInstanceOf(HashingPool.Saturated.class);
            CompletableFuture<String> patient =
                    CompletableFuture.supplyAsync(() -> pool.runPatiently(() -> "patient"), callers);
            Thread.sleep(200); // far beyond maxWait: the patient work is still waiting, not refused
            assertThat(patient).isNotDone();
            release.countDown();
            assertThat(patient.get(5, TimeUnit.SECONDS)).isEqualTo("patient");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
            assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        } finally {
            release.countDown();
            callers.close();
            pool.destroy();
        }
    }

    private static String await(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }
}
