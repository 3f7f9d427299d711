package dev.bulwark.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Places are claimed ahead of the work and always come back; the request path gives up on a slot after maxWait;
 * one-off start-up work waits as long as it takes.
 */
class HashingPoolTests {

    private static final long MIB = 1024 * 1024;

    @Test
    void concurrencyIsOnePerCoreAsLongAsAQuarterOfTheHeapHoldsTheHashes() {
        long hash = 19 * MIB; // Argon2id's 19456 KiB
        assertThat(HashingConcurrency.of(0, hash, 2, 1024 * MIB)).isEqualTo(2); // 256 MiB would hold 13
        assertThat(HashingConcurrency.of(0, hash, 16, 153 * MIB)).isEqualTo(2); // 38 MiB holds 2 of 16
        assertThat(HashingConcurrency.of(0, hash, 16, 253 * MIB)).isEqualTo(3);
        assertThat(HashingConcurrency.of(0, hash, 4, 40 * MIB)).isEqualTo(1); // never none
        assertThat(HashingConcurrency.of(0, 0, 6, 40 * MIB)).isEqualTo(6); // no footprint declared: cores
        assertThat(HashingConcurrency.of(12, hash, 2, 153 * MIB)).isEqualTo(12); // configured: kept, with a warning
    }

    @Test
    void thePoolRunsAsManyHashesAsItsConcurrencySays() {
        HashingPool pool = new HashingPool(
                new HashingProperties(0, 1, Duration.ofSeconds(1)), new HashingPool.Footprint(Long.MAX_VALUE / 8));
        try {
            assertThat(pool.concurrency()).isEqualTo(1); // no heap holds hashes that large: one at a time
        } finally {
            pool.destroy();
        }
    }

    @Test
    void workThatWaitsPatientlyOutlastsABusySlotAndAFullQueue() throws Exception {
        HashingPool pool = new HashingPool(new HashingProperties(1, 1, Duration.ofMillis(10)));
        CountDownLatch release = new CountDownLatch(1);
        // callers of their own: the common pool has one thread on 2 cores, and the holder blocks it
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // The holder must have the slot first: queued before it, the second job ran, finished and left the queue
            // empty for good (CI saw the queue stay empty for 10 s).
            CompletableFuture<String> holder = holdTheSlot(pool, callers, release);
            CompletableFuture<String> queued =
                    CompletableFuture.supplyAsync(() -> pool.runPatiently(() -> "queued"), callers);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.waiting() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(pool.claim()).isEmpty();
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

    @Test
    void placesAreTheSlotsPlusTheQueueAndComeBackWhenTheirWorkEndsOrTheyClose() {
        HashingPool pool = new HashingPool(new HashingProperties(2, 3, Duration.ofSeconds(1)));
        try {
            List<HashingPool.Place> claimed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                claimed.add(pool.claim().orElseThrow());
            }
            assertThat(pool.claim()).as("a sixth place").isEmpty();

            assertThat(claimed.get(0).run(() -> "ran")).isEqualTo("ran");
            assertThatThrownBy(() -> claimed.get(0).run(() -> "twice"))
                    .as("a place runs one piece of work")
                    .isInstanceOf(IllegalStateException.class);
            HashingPool.Place freedByWork = pool.claim().orElseThrow();
            assertThat(pool.claim()).isEmpty();

            claimed.get(1).close();
            claimed.get(1).close(); // closing twice gives back one place, not two
            assertThat(pool.claim()).isPresent();
            assertThat(pool.claim()).isEmpty();

            freedByWork.close();
            assertThatThrownBy(() -> pool.claim().orElseThrow().run(() -> {
                        throw new IllegalArgumentException("from the work");
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(pool.claim()).as("failed work gave its place back").isPresent();
        } finally {
            pool.destroy();
        }
    }

    @Test
    void workThatDoesNotStartWithinMaxWaitIsRefusedAndGivesItsPlaceBack() throws Exception {
        HashingPool pool = new HashingPool(new HashingProperties(1, 1, Duration.ofMillis(50)));
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletableFuture<String> holder = holdTheSlot(pool, callers, release);
            assertThatThrownBy(() -> pool.claim().orElseThrow().run(() -> "never started"))
                    .isInstanceOf(HashingPool.Saturated.class);
            assertThat(pool.claim())
                    .as("the refused work's place is free again")
                    .isPresent();
            release.countDown();
            assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        } finally {
            release.countDown();
            callers.close();
            pool.destroy();
        }
    }

    /** Starts work that takes the pool's one slot and keeps it until {@code release}; returns once it runs. */
    private static CompletableFuture<String> holdTheSlot(
            HashingPool pool, ExecutorService callers, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(
                () -> pool.runPatiently(() -> {
                    holding.countDown();
                    return await(release);
                }),
                callers);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
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
