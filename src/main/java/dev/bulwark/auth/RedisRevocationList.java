package dev.bulwark.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Revocations shared by every instance through Redis; each check is one round trip ({@code EXISTS} of two keys). */
final class RedisRevocationList implements RevocationList {

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Clock clock;

    RedisRevocationList(StringRedisTemplate redis, String keyPrefix, Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix + "revoked:";
        this.clock = clock;
    }

    @Override
    public void revokeSession(String sessionId, Instant until) {
        put(prefix + "sid:" + sessionId, until);
    }

    @Override
    public void revokeToken(String jti, Instant until) {
        put(prefix + "jti:" + jti, until);
    }

    private void put(String key, Instant until) {
        Duration ttl = Duration.between(clock.instant(), until);
        if (!ttl.isNegative() && !ttl.isZero()) {
            redis.opsForValue().set(key, "1", ttl);
        }
    }

    @Override
    public boolean isRevoked(String sessionId, String jti) {
        Long found = redis.countExistingKeys(List.of(prefix + "sid:" + sessionId, prefix + "jti:" + jti));
        return found != null && found > 0;
    }
}
