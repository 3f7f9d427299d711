package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.TestClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a request stops waiting for a connection the database will not give (on a clock the test moves). */
class DatabaseReachabilityTests {

    private static final SQLException REFUSED = new SQLException("Connection refused", "08001");

    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final DatabaseReachability reachability = new DatabaseReachability(clock);

    @Test
    void everyRequestWaitsWhileTheDatabaseTakesConnections() {
        reachability.opened();
        assertThat(reachability.refusing()).isFalse();
        assertThat(reachability.worthWaiting()).isTrue();
        assertThat(reachability.worthWaiting()).isTrue();
    }

    @Test
    void aRefusedOrUnreachableServerIsRefusingUntilAConnectionOpens() {
        reachability.failedToOpen(REFUSED);
        assertThat(reachability.refusing()).isTrue();

        reachability.opened();
        assertThat(reachability.refusing()).isFalse();
        assertThat(reachability.worthWaiting()).isTrue();

        reachability.failedToOpen(new SQLException("the database system is shutting down", "57P03"));
        assertThat(reachability.refusing()).isTrue();
    }

    @Test
    void aDatabaseThatAnswersIsNotRefusing() {
        reachability.failedToOpen(new SQLException("password authentication failed", "28P01"));
        reachability.failedToOpen(new SQLException("too many clients already", "53300"));
        reachability.failedToOpen(new SQLException("no state"));
        assertThat(reachability.refusing()).isFalse();
        assertThat(reachability.worthWaiting()).isTrue();
    }

    @Test
    void whileRefusingOneRequestAnIntervalStillWaits() {
        reachability.failedToOpen(REFUSED);
        assertThat(reachability.worthWaiting()).isFalse();

        clock.advance(DatabaseReachability.PROBE_INTERVAL.minusMillis(1));
        assertThat(reachability.worthWaiting()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(reachability.worthWaiting()).isTrue();
        assertThat(reachability.worthWaiting()).isFalse();

        clock.advance(DatabaseReachability.PROBE_INTERVAL);
        assertThat(reachability.worthWaiting()).isTrue();
        assertThat(reachability.worthWaiting()).isFalse();
    }

    @Test
    void repeatedRefusalsDoNotPostponeTheNextProbe() {
        reachability.failedToOpen(REFUSED);
        clock.advance(DatabaseReachability.PROBE_INTERVAL.minusMillis(100));
        reachability.failedToOpen(REFUSED);
        clock.advance(Duration.ofMillis(100));
        assertThat(reachability.worthWaiting()).isTrue();
    }
}
