package dev.bulwark.auth;

import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Revocations shared by every instance through Redis; each check is one round trip ({@code EXISTS} of two keys). */
final class RedisRevocationList implements RevocationList {

    private static final Logger log = LoggerFactory.getLogger(RedisRevocationList.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final boolean failOpen;
    private final Clock clock;

    RedisRevocationList(StringRedisTemplate redis, String keyPrefix, boolean failOpen, Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix + "revoked:";
        this.failOpen = failOpen;
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
        try {
            Long found = redis.countExistingKeys(List.of(prefix + "sid:" + sessionId, prefix + "jti:" + jti));
            return found != null && found > 0;
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
