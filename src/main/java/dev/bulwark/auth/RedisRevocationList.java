package dev.bulwark.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Revocations shared by every instance through Redis ({@code EXISTS} of two keys, answers reused for 1 s). */
final class RedisRevocationList implements RevocationList {

    private static final Logger log = LoggerFactory.getLogger(RedisRevocationList.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final boolean failOpen;
    private final Clock clock;
    // "Not revoked" answers are reused for one second: at most one Redis round trip per token per second on the hot
    // path, and a revocation made on another instance applies within a second (this instance's own, at once).
    private final Cache<String, Boolean> recentlyClear = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(1))
            .build();

    RedisRevocationList(StringRedisTemplate redis, String keyPrefix, boolean failOpen, Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix + "revoked:";
        this.failOpen = failOpen;
        this.clock = clock;
    }

    @Override
    public void revokeSession(String sessionId, Instant until) {
        put(prefix + "sid:" + sessionId, until);
        recentlyClear.asMap().keySet().removeIf(key -> key.startsWith(sessionId + "|"));
    }

    @Override
    public void revokeToken(String jti, Instant until) {
        put(prefix + "jti:" + jti, until);
        recentlyClear.asMap().keySet().removeIf(key -> key.endsWith("|" + jti));
    }

    private void put(String key, Instant until) {
        Duration ttl = Duration.between(clock.instant(), until);
        if (!ttl.isNegative() && !ttl.isZero()) {
            try {
                redis.opsForValue().set(key, "1", ttl);
            } catch (RuntimeException e) {
                throw new DependencyUnavailable("The revocation list", e);
            }
        }
    }

    /** Fails closed: when Redis cannot answer, the request gets 503 rather than a possibly revoked token passing. */
    @Override
    public boolean isRevoked(String sessionId, String jti) {
        String cacheKey = sessionId + "|" + jti;
        if (recentlyClear.getIfPresent(cacheKey) != null) {
            return false;
        }
        try {
            Long found = redis.countExistingKeys(List.of(prefix + "sid:" + sessionId, prefix + "jti:" + jti));
            boolean revoked = found != null && found > 0;
            if (!revoked) {
                recentlyClear.put(cacheKey, Boolean.TRUE);
            }
            return revoked;
        } catch (RuntimeException e) {
            if (failOpen) {
                log.atWarn()
                        .addKeyValue("event", "revocation.fail_open")
                        .log("Revocation list unavailable: token let through");
                return false;
            }
            throw new DependencyUnavailable("The revocation list", e);
        }
    }
}
