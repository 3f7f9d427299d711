package dev.bulwark.auth;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
class RefreshReuseGraceTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ShiftedClock clock;

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
