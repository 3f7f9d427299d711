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
    void aSignedOutTokenStaysRefusedAfterRedisLostTheRevocationList() throws Exception {
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens signedOut = client.newUser(AuthClient.uniqueEmail());
        AuthClient.Tokens other = client.newUser(AuthClient.uniqueEmail());
        mvc.perform(post("/api/v1/auth/logout").header("Authorization", signedOut.bearer()))
                .andExpect(status().isNoContent());
        client.me(signedOut).andExpect(status().isUnauthorized());

        String pattern = TestServices.keyPrefix() + "revoked:*";
        Set<String> lost = redis.keys(pattern);
        assertThat(lost).contains(TestServices.keyPrefix() + "revoked:complete");
        redis.delete(lost); // what a restart without persistence leaves

        client.me(signedOut).andExpect(status().isUnauthorized());
        client.me(other).andExpect(status().isOk());
        assertThat(redis.hasKey(TestServices.keyPrefix() + "revoked:complete")).isTrue();
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
