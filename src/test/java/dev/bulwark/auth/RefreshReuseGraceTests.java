package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.Blocker;
import dev.bulwark.IntegrationTest;
import dev.bulwark.Slow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12: a rotated refresh token presented again within {@code refresh-reuse-grace} (a lost response, two tabs)
 * gets a new child; after the grace it is reuse and ends the session. Its own context: a clock the test moves.
 */
@IntegrationTest
@Import(RefreshReuseGraceTests.MovableClock.class)
@TestPropertySource(properties = "bulwark.auth.refresh-reuse-grace=10s")
@DirtiesContext
@Slow // an application context of its own (a clock the test moves)
class RefreshReuseGraceTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ShiftedClock clock;

    @Autowired
    DataSource dataSource;

    @Test
    void theRotatedTokenPresentedAgainWithinTheGraceGetsANewChildAndSpendsThePreviousOne() throws Exception {
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens parent = client.newUser(AuthClient.uniqueEmail());
        AuthClient.Tokens lost =
                AuthClient.tokens(client.refresh(parent.refreshToken()).andReturn());
        clock.shift(Duration.ofSeconds(9));

        AuthClient.Tokens reissued = AuthClient.tokens(
                client.refresh(parent.refreshToken()).andExpect(status().isOk()).andReturn());
        AuthClient.Tokens next = AuthClient.tokens(client.refresh(reissued.refreshToken())
                .andExpect(status().isOk())
                .andReturn());
        client.me(next).andExpect(status().isOk());

        client.refresh(lost.refreshToken()).andExpect(status().isUnauthorized()); // spent by the re-issue
        // a spent child is reuse: whoever held it (a thief's, or the owner's displaced one) ends the session
        client.me(next).andExpect(status().isUnauthorized());
        client.refresh(next.refreshToken()).andExpect(status().isUnauthorized());
    }

    /**
     * Two tabs refresh with the same cookie at once: both read the token unused; the test's row lock holds both at
     * the "mark used" update, and once it is gone one wins and the other finds it used. Reading the loaded (stale)
     * entity, the loser took that for reuse and ended the session.
     */
    @Test
    void twoTabsRefreshingWithOneTokenAtOnceBothGetTokensAndKeepTheSession() throws Exception {
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens parent = client.newUser(AuthClient.uniqueEmail());
        List<Blocker.Outcome> outcomes;
        try (Blocker blocker = Blocker.holdingRowLocks(
                dataSource,
                "select id from refresh_token where token_hash = ? for update",
                RefreshTokenValues.hash(parent.refreshToken()))) {
            blocker.send(() -> client.refresh(parent.refreshToken()));
            blocker.send(() -> client.refresh(parent.refreshToken()));
            outcomes = blocker.release();
        }

        assertThat(outcomes).extracting(Blocker.Outcome::status).containsExactly(200, 200);
        client.me(parent).andExpect(status().isOk()); // the session was not revoked
    }

    @Test
    void theRotatedTokenPresentedAgainAfterTheGraceRevokesTheSession() throws Exception {
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens parent = client.newUser(AuthClient.uniqueEmail());
        AuthClient.Tokens child =
                AuthClient.tokens(client.refresh(parent.refreshToken()).andReturn());
        clock.shift(Duration.ofSeconds(11));

        client.refresh(parent.refreshToken()).andExpect(status().isUnauthorized());
        client.refresh(child.refreshToken()).andExpect(status().isUnauthorized());
        client.me(child).andExpect(status().isUnauthorized());
    }

    @Test
    void aGrandparentIsReuseEvenWithinTheGrace() throws Exception {
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens first = client.newUser(AuthClient.uniqueEmail());
        AuthClient.Tokens second =
                AuthClient.tokens(client.refresh(first.refreshToken()).andReturn());
        AuthClient.Tokens third =
                AuthClient.tokens(client.refresh(second.refreshToken()).andReturn());

        client.refresh(first.refreshToken()).andExpect(status().isUnauthorized());
        client.refresh(third.refreshToken()).andExpect(status().isUnauthorized());
    }

    /** The system clock, moved forward by the test. */
    static final class ShiftedClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void shift(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public Instant instant() {
            return Clock.systemUTC().instant().plus(shift);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {
        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }
}
