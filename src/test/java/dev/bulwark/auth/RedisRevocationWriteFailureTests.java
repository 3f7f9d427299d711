package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

/** A sign-out whose Redis write failed after the commit is in the database only: the next check refills first. */
class RedisRevocationWriteFailureTests {

    private final Instant now = Instant.parse("2026-11-24T02:00:00Z");
    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);

    @SuppressWarnings("unchecked")
    private final ValueOperations<String, String> values = mock(ValueOperations.class);

    private final AtomicInteger reads = new AtomicInteger(); // database reads, one per refill
    private final RedisRevocationList list =
            new RedisRevocationList(redis, "p:", false, Clock.fixed(now, ZoneOffset.UTC), () -> {
                reads.incrementAndGet();
                return Map.of("s-1", now.plus(Duration.ofMinutes(10)));
            });

    @BeforeEach
    void redisHandsOutItsValueOperations() {
        when(redis.opsForValue()).thenReturn(values);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNextCheckAfterAFailedRevocationWriteRefillsBeforeItAnswers() {
        doThrow(new RedisConnectionFailureException("down"))
                .when(values)
                .set(eq("p:revoked:sid:s-1"), eq("1"), any(Duration.class));
        assertThatThrownBy(() -> list.revokeSession("s-1", now.plus(Duration.ofMinutes(10))))
                .isInstanceOf(DependencyUnavailable.class);

        // Redis answers again: the list is marked complete but lacks s-1 until the refill has written it.
        when(values.multiGet(anyList()))
                .thenReturn(Arrays.asList("1", null, null))
                .thenReturn(Arrays.asList("1", "1", null));
        assertThat(list.isRevoked("s-1", "jti-1")).isTrue();
        assertThat(reads).hasValue(1);
        verify(redis).executePipelined(any(SessionCallback.class));

        // Done once: the next check of another token goes to Redis alone.
        when(values.multiGet(anyList())).thenReturn(Arrays.asList("1", null, null));
        assertThat(list.isRevoked("s-2", "jti-2")).isFalse();
        assertThat(reads).hasValue(1);
        verify(values).set(eq("p:revoked:complete"), anyString(), eq(RedisRevocationList.MARKER_TTL));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailingRefillIsNotRetriedForEveryRequest() {
        when(values.multiGet(anyList())).thenReturn(Arrays.asList(null, null, null)); // the list is gone
        when(redis.executePipelined(any(SessionCallback.class)))
                .thenThrow(new RedisConnectionFailureException("OOM command not allowed"));

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> list.isRevoked("s-2", "jti-2")).isInstanceOf(DependencyUnavailable.class);
        }
        assertThat(reads).hasValue(1);
    }
}
