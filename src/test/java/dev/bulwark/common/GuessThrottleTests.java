package dev.bulwark.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttle's guarantees, on this instance's store and a clock the test moves (no sleeping). */
class GuessThrottleTests {

    private static final ThrottleRules RULES = new ThrottleRules(3, Duration.ofMinutes(15), 10, Duration.ofSeconds(30));

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final GuessThrottle throttle = GuessThrottle.of(RULES, null, "test:", clock);

    private static GuessThrottle.Attempt from(String client) {
        return new GuessThrottle.Attempt("login", "ada", client);
    }

    @Test
    void aStrangerFailingFromElsewhereCannotMakeTheOwnerWaitBeforeTheAccountWideCeiling() {
        for (int i = 0; i < 100; i++) {
            throttle.count(from("stranger")); // 3 free, 1 more counted, then refused: 4 failures in all
        }
        assertThat(throttle.count(from("stranger"))).as("the stranger waits").isPositive();
        assertThat(throttle.count(from("owner"))).as("the owner does not").isZero();
    }

    @Test
    void pastTheAccountWideCeilingEveryoneWaitsButNeverLongerThanItsCap() {
        for (int client = 0; client < 3; client++) { // the 11th failure from all of them sets the account's delay
            for (int i = 0; i < 4; i++) {
                throttle.count(from("stranger-" + client));
            }
        }
        Duration owner = throttle.count(from("owner"));
        assertThat(owner).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        for (int round = 0; round < 20; round++) { // strangers keep failing as soon as each account delay ends
            clock.advance(Duration.ofSeconds(30));
            assertThat(throttle.count(from("stranger-" + (3 + round)))).isZero();
            assertThat(throttle.count(from("owner"))).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.count(from("owner"))).as("and ends").isZero();
    }

    @Test
    void refusedAttemptsDoNotExtendTheDelay() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.count(from("guesser"))).isZero(); // the 4th sets a 1 s delay
        }
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.count(from("guesser"))).isEqualTo(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.count(from("guesser")))
                .as("the 5th counted failure")
                .isZero();
        assertThat(throttle.count(from("guesser")))
                .as("doubles once, as if the 50 refusals never happened")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSuccessResetsThePairAndTheAccount() {
        for (int i = 0; i < 4; i++) {
            throttle.count(from("owner"));
        }
        throttle.succeeded(from("owner"));
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.count(from("owner"))).isZero();
        }
    }

    /**
     * Two attempts of a burst interleave as badly as they can: the second runs whole while the first is being
     * counted, before either has set a delay. Reading the delay before counting let both through; one must be refused.
     */
    @Test
    void ofTwoAttemptsPastTheFreeOnesInterleavedOnlyOneGoesOn() {
        InterleavingStore store = new InterleavingStore(new LocalAttemptStore(clock));
        GuessThrottle throttle = GuessThrottle.on(store, RULES);
        GuessThrottle.Attempt attempt = new GuessThrottle.Attempt("login", "bob", "burst");
        for (int i = 0; i < RULES.freeFailures(); i++) {
            assertThat(throttle.count(attempt)).isZero(); // the free failures, one at a time
        }
        store.onNextCount = () -> store.second = throttle.count(attempt);

        Duration first = throttle.count(attempt);

        assertThat(List.of(first, store.second))
                .as("exactly one of the two goes on to a password check")
                .filteredOn(Duration::isZero)
                .hasSize(1);
    }

    /** Runs {@code onNextCount} (once) when the next attempt is counted, before its count is taken. */
    private static final class InterleavingStore implements AttemptStore {
        private final AttemptStore store;
        private Runnable onNextCount = () -> {};
        private Duration second = Duration.ofDays(1);

        InterleavingStore(AttemptStore store) {
            this.store = store;
        }

        @Override
        public Duration blockedFor(String key) {
            return store.blockedFor(key);
        }

        @Override
        public long count(String key, Duration keepFor) {
            Runnable interleave = onNextCount;
            onNextCount = () -> {};
            interleave.run();
            return store.count(key, keepFor);
        }

        @Override
        public void block(String key, Duration delay) {
            store.block(key, delay);
        }

        @Override
        public void uncount(String key) {
            store.uncount(key);
        }

        @Override
        public void reset(String key) {
            store.reset(key);
        }
    }
}
