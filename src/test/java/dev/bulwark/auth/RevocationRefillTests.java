package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.TestServices;
import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** A revocation list that lost its entries (Redis restarted empty, an instance restarted) is refilled. */
@IntegrationTest
class RevocationRefillTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void signedOutTokensStayRefusedAfterRedisLostTheRevocationList() throws Exception {
        AuthClient client = new AuthClient(mvc);
        List<AuthClient.Tokens> signedOut = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AuthClient.Tokens tokens = client.newUser(AuthClient.uniqueEmail());
            mvc.perform(post("/api/v1/auth/logout").header("Authorization", tokens.bearer()))
                    .andExpect(status().isNoContent());
            client.me(tokens).andExpect(status().isUnauthorized());
            signedOut.add(tokens);
        }
        AuthClient.Tokens other = client.newUser(AuthClient.uniqueEmail());

        String prefix = TestServices.keyPrefix() + "revoked:";
        Set<String> lost = redis.keys(prefix + "*");
        assertThat(lost).contains(prefix + "complete");
        redis.delete(lost); // what a restart without persistence leaves

        for (AuthClient.Tokens tokens : signedOut) {
            client.me(tokens).andExpect(status().isUnauthorized());
        }
        client.me(other).andExpect(status().isOk());
        assertThat(redis.hasKey(prefix + "complete")).isTrue();
        // The marker expires, so the list is rebuilt at least every 15.5 minutes: a revocation key an eviction
        // policy dropped while the marker stayed comes back then.
        assertThat(redis.getExpire(prefix + "complete"))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(15).plusSeconds(30).toSeconds());
        Set<String> refilled = redis.keys(prefix + "sid:*");
        assertThat(refilled).hasSizeGreaterThanOrEqualTo(3);
        for (String key : refilled) {
            assertThat(redis.getExpire(key))
                    .isPositive()
                    .isLessThanOrEqualTo(Duration.ofMinutes(10).plusSeconds(30).toSeconds());
        }
    }

    @Test
    void anInProcessListIsFilledFromTheDatabaseOnceBeforeItsFirstAnswer() {
        Instant now = Instant.parse("2026-11-24T01:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        AtomicInteger reads = new AtomicInteger();
        InProcessRevocationList list = new InProcessRevocationList(clock, () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("database not reachable yet");
            }
            return Map.of("revoked", now.plus(Duration.ofMinutes(5)), "long-expired", now.minusSeconds(1));
        });

        assertThatThrownBy(() -> list.isRevoked("revoked", "jti-1")).isInstanceOf(DependencyUnavailable.class);
        assertThat(list.isRevoked("revoked", "jti-1")).isTrue();
        assertThat(list.isRevoked("long-expired", "jti-2")).isFalse();
        assertThat(list.isRevoked("never-revoked", "jti-3")).isFalse();
        assertThat(reads).hasValue(2);
    }
}
