package dev.bulwark.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.TestClock;
import dev.bulwark.TestThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one refreshing-value helper: every property the modules rely on, with a clock and executor the test drives. */
class RefreshingTests {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final Queue<Runnable> background = new ArrayDeque<>(); // refreshes wait here until the test runs them
    private final Executor refresher = background::add;
    private final AtomicReference<String> rows = new AtomicReference<>("v1");
    private final AtomicInteger loads = new AtomicInteger();
    private final Supplier<String> loader = () -> {
        loads.incrementAndGet();
        return rows.get();
    };

    @Test
    void isLoadedOnFirstUseOnlyAndThenKept() {
        Refreshing<String> value = Refreshing.lazy(loader, Duration.ofSeconds(1), clock);
        assertThat(loads).hasValue(0);

        assertThat(value.get()).isEqualTo("v1");
        rows.set("v2");
        clock.advance(Duration.ofDays(1));
        assertThat(value.get()).isEqualTo("v1");
        assertThat(value.current()).isEqualTo("v1");
        assertThat(loads).hasValue(1);
        assertThat(background).isEmpty();
    }

    @Test
    void aFailedLoadIsTheCallersExceptionAndIsRetriedNoSoonerThanTheBackOff() {
        IllegalStateException down = new IllegalStateException("database down");
        AtomicInteger attempts = new AtomicInteger();
        Refreshing<String> value = Refreshing.lazy(
                () -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw down;
                    }
                    return "loaded";
                },
                Duration.ofSeconds(1),
                clock);

        assertThatThrownBy(value::get).isSameAs(down);
        clock.advance(Duration.ofMillis(999));
        assertThatThrownBy(value::get)
                .isInstanceOf(Refreshing.Unavailable.class)
                .hasCause(down);
        assertThat(attempts).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(value.get()).isEqualTo("loaded");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void withoutABackOffTheNextCallerTriesAgainAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        Refreshing<String> value = Refreshing.lazy(
                () -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("not yet");
                    }
                    return "loaded";
                },
                Duration.ZERO,
                clock);

        assertThatThrownBy(value::get).hasMessage("not yet");
        assertThat(value.get()).isEqualTo("loaded");
    }

    @Test
    void callersArrivingDuringALoadWaitForItInsteadOfLoadingAgain() throws Exception {
        try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
            TwoCallers outcome = oneLoadTwoCallers(callers, () -> "loaded");

            assertThat(outcome.first().get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            assertThat(outcome.second().get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void callersWaitingForALoadThatFailsShareItsFailureInsteadOfLoadingInTurn() throws Exception {
        IllegalStateException down = new IllegalStateException("provider down");
        Refreshing<String> value;
        try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
            TwoCallers outcome = oneLoadTwoCallers(callers, () -> {
                throw down;
            });
            value = outcome.value();

            assertThatThrownBy(() -> outcome.first().get(10, TimeUnit.SECONDS)).hasCause(down);
            assertThatThrownBy(() -> outcome.second().get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(Refreshing.Unavailable.class)
                    .hasCause(down);
        }
        assertThat(loads).hasValue(1);

        // Without a back-off, the next caller after the failure tries again.
        assertThatThrownBy(value::get).isSameAs(down);
        assertThat(loads).hasValue(2);
    }

    private record TwoCallers(Refreshing<String> value, Future<String> first, Future<String> second) {}

    /**
     * A lazy value whose load is held until a second caller is parked waiting for it; then the load ends with
     * {@code outcome}. The first caller started the load, the second arrived during it.
     */
    private TwoCallers oneLoadTwoCallers(ExecutorService callers, Supplier<String> outcome) throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Refreshing<String> value = Refreshing.lazy(
                () -> {
                    loads.incrementAndGet();
                    loading.countDown();
                    TestThreads.await(release, 10);
                    return outcome.get();
                },
                Duration.ZERO,
                clock);
        Future<String> first = callers.submit(value::get);
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<String> second = callers.submit(() -> {
            waiter.set(Thread.currentThread());
            return value.get();
        });
        TestThreads.awaitParked(waiter);
        release.countDown();
        return new TwoCallers(value, first, second);
    }

    @Test
    void aStaleSnapshotIsServedWhileOneBackgroundRefreshRuns() {
        Refreshing<String> snapshot = Refreshing.snapshot("test", loader, MAX_AGE, refresher, clock);
        assertThat(snapshot.get()).isEqualTo("v1");
        rows.set("v2");

        clock.advance(MAX_AGE.minusMillis(1));
        assertThat(snapshot.get()).isEqualTo("v1");
        assertThat(background).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(snapshot.get()).isEqualTo("v1");
        assertThat(snapshot.get()).isEqualTo("v1");
        assertThat(background).hasSize(1); // one refresh, however many stale reads
        background.remove().run();

        assertThat(snapshot.get()).isEqualTo("v2");
        assertThat(loads).hasValue(2);
        assertThat(background).isEmpty();
    }

    @Test
    void aFailedRefreshKeepsTheLastValueAndIsRetriedOneMaxAgeLater() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Refreshing<String> snapshot = Refreshing.snapshot(
                "test",
                () -> {
                    RuntimeException down = failure.get();
                    if (down != null) {
                        throw down;
                    }
                    return loader.get();
                },
                MAX_AGE,
                refresher,
                clock);
        snapshot.get();
        failure.set(new IllegalStateException("database down"));
        clock.advance(MAX_AGE);
        snapshot.get();
        background.remove().run();

        assertThat(snapshot.get()).isEqualTo("v1");
        clock.advance(MAX_AGE.minusMillis(1));
        assertThat(snapshot.get()).isEqualTo("v1");
        assertThat(background).isEmpty();

        failure.set(null);
        rows.set("v2");
        clock.advance(Duration.ofMillis(1));
        snapshot.get();
        background.remove().run();
        assertThat(snapshot.get()).isEqualTo("v2");
    }

    @Test
    void anInvalidationWinsOverARefreshInFlight() {
        AtomicReference<Refreshing<String>> self = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Refreshing<String> snapshot = Refreshing.snapshot(
                "test",
                () -> {
                    String read = rows.get();
                    if (reads.incrementAndGet() == 2) { // the refresh read the old rows; now the change commits
                        rows.set("v2");
                        self.get().invalidate();
                    }
                    return read;
                },
                MAX_AGE,
                refresher,
                clock);
        self.set(snapshot);
        snapshot.get();
        clock.advance(MAX_AGE);
        snapshot.get();
        background.remove().run();

        assertThat(snapshot.current()).isNull();
        assertThat(snapshot.get()).isEqualTo("v2");
        assertThat(reads).hasValue(3);
    }

    @Test
    void anInvalidationWinsOverALoadInFlight() {
        AtomicReference<Refreshing<String>> self = new AtomicReference<>();
        Refreshing<String> value = Refreshing.lazy(
                () -> {
                    String read = rows.get();
                    if (loads.incrementAndGet() == 1) {
                        rows.set("v2");
                        self.get().invalidate();
                    }
                    return read;
                },
                Duration.ZERO,
                clock);
        self.set(value);

        assertThat(value.get()).isEqualTo("v1"); // that caller's answer, read before the change
        assertThat(value.current()).isNull(); // but not kept
        assertThat(value.get()).isEqualTo("v2");
    }

    @Test
    void callersThatSawTheSameOutdatedValueLoadOnce() {
        Refreshing<String> value = Refreshing.lazy(loader, Duration.ZERO, clock);
        String seen = value.get();
        rows.set("v2");

        assertThat(value.getNewerThan(seen)).isEqualTo("v2");
        assertThat(value.getNewerThan(seen)).isEqualTo("v2");
        assertThat(value.getNewerThan(null)).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aPutValueIsServedWithoutLoadingAndAnInvalidationKeepsAFailuresBackOff() {
        AtomicInteger attempts = new AtomicInteger();
        Refreshing<String> value = Refreshing.lazy(
                () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("down");
                },
                Duration.ofSeconds(1),
                clock);
        value.put("known");
        assertThat(value.get()).isEqualTo("known");
        assertThat(attempts).hasValue(0);

        value.invalidate();
        assertThatThrownBy(value::get).hasMessage("down");
        value.invalidate();
        assertThatThrownBy(value::get).isInstanceOf(Refreshing.Unavailable.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aClockThatStepsBackCountsAsTimePassed() {
        Refreshing<String> snapshot = Refreshing.snapshot("test", loader, MAX_AGE, refresher, clock);
        snapshot.get();
        clock.advance(Duration.ofHours(-1));

        snapshot.get();
        assertThat(background).hasSize(1);
    }

    @Test
    void aRefreshTheExecutorRefusesIsAskedForAgainByALaterRead() {
        AtomicInteger offered = new AtomicInteger();
        Refreshing<String> snapshot = Refreshing.snapshot(
                "test",
                loader,
                MAX_AGE,
                task -> {
                    if (offered.incrementAndGet() == 1) {
                        throw new RejectedExecutionException("full");
                    }
                    background.add(task);
                },
                clock);
        snapshot.get();
        clock.advance(MAX_AGE);

        assertThat(snapshot.get()).isEqualTo("v1");
        assertThat(snapshot.get()).isEqualTo("v1");
        assertThat(offered).hasValue(2);
        assertThat(background).hasSize(1);
    }

    @Test
    void backgroundRefreshesRunOnNamedThreads() throws Exception {
        try (RefreshExecutor executor = new RefreshExecutor()) {
            CompletableFuture<String> name = new CompletableFuture<>();
            executor.execute(() -> name.complete(Thread.currentThread().getName()));
            assertThat(name.get(10, TimeUnit.SECONDS)).startsWith("snapshot-refresh-");
        }
    }
}
