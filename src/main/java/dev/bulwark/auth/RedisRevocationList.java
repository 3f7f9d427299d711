package dev.bulwark.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

/**
 * Revocations shared by every instance through Redis: one {@code MGET} of the session's key, the token's key and a
 * "complete" marker, with "not revoked" answers reused for 1 s. A missing marker means Redis lost the list (restarted
 * without persistence, flushed, evicted): the first request to notice refills it from the database, so signed-out
 * tokens never come back to life. So does the first check after a revocation could not be written (Redis unreachable
 * just after the database commit; that sign-out answered 503).
 */
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

    private final RevocationSource source;
    private final String completeKey;
    private final Lock refilling = new ReentrantLock();
    // Set when a revocation could not be written (Redis unreachable just after the database commit): the database
    // has it, Redis does not, so the next check that reaches Redis refills before it answers.
    private volatile boolean writeFailed;
    // After a failed refill, the next one waits a second: while Redis refuses writes (out of memory, say) every check
    // answers 503 without a database query each.
    private volatile long refillNotBefore = System.nanoTime();

    RedisRevocationList(
            StringRedisTemplate redis, String keyPrefix, boolean failOpen, Clock clock, RevocationSource source) {
        this.redis = redis;
        this.prefix = keyPrefix + "revoked:";
        this.completeKey = prefix + "complete";
        this.failOpen = failOpen;
        this.clock = clock;
        this.source = source;
    }

    @Override
    public void revokeSession(String sessionId, Instant until) {
        recentlyClear.asMap().keySet().removeIf(key -> key.startsWith(sessionId + "|"));
        put(sessionKey(sessionId), until);
    }

    @Override
    public void revokeToken(String jti, Instant until) {
        recentlyClear.asMap().keySet().removeIf(key -> key.endsWith("|" + jti));
        put(prefix + "jti:" + jti, until);
    }

    private String sessionKey(String sessionId) {
        return prefix + "sid:" + sessionId;
    }

    private void put(String key, Instant until) {
        Duration ttl = Duration.between(clock.instant(), until);
        if (ttl.isPositive()) {
            try {
                redis.opsForValue().set(key, "1", ttl);
            } catch (RuntimeException e) {
                writeFailed = true;
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
            List<String> keys = List.of(completeKey, sessionKey(sessionId), prefix + "jti:" + jti);
            List<String> found = redis.opsForValue().multiGet(keys);
            if (found == null || found.getFirst() == null || writeFailed) {
                refill();
                found = redis.opsForValue().multiGet(keys);
            }
            if (found == null || found.getFirst() == null) {
                throw new IllegalStateException("The revocation list is still incomplete after a refill");
            }
            boolean revoked = found.get(1) != null || found.get(2) != null;
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

    /**
     * Writes every live revocation from the database, then the marker. One refill at a time on this instance; others
     * wait for it. Revocations made meanwhile are written by their own after-commit step, so none falls in between.
     */
    private void refill() {
        refilling.lock();
        try {
            boolean afterFailedWrite = writeFailed;
            if (!afterFailedWrite && Boolean.TRUE.equals(redis.hasKey(completeKey))) {
                return; // refilled by another request or instance meanwhile
            }
            if (System.nanoTime() - refillNotBefore < 0) {
                throw new IllegalStateException("The last refill of the revocation list failed less than 1 s ago");
            }
            writeFailed = false; // a write failing from here on sets it again
            try {
                writeLiveRevocations(afterFailedWrite);
            } catch (RuntimeException e) {
                writeFailed = true; // not refilled: a check a second from now tries again
                refillNotBefore = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                throw e;
            }
        } finally {
            refilling.unlock();
        }
    }

    private void writeLiveRevocations(boolean afterFailedWrite) {
        Map<String, Instant> live = source.liveRevokedSessions();
        Instant now = clock.instant();
        redis.executePipelined(
                new SessionCallback<Object>() { // one round trip, however many sessions
                    @Override
                    @SuppressWarnings("unchecked")
                    public <K, V> @Nullable Object execute(RedisOperations<K, V> operations) {
                        ValueOperations<String, String> values =
                                (ValueOperations<String, String>) operations.opsForValue();
                        live.forEach((sessionId, until) -> {
                            Duration ttl = Duration.between(now, until);
                            if (ttl.isPositive()) {
                                values.set(sessionKey(sessionId), "1", ttl);
                            }
                        });
                        return null;
                    }
                });
        redis.opsForValue().set(completeKey, "1");
        recentlyClear.invalidateAll();
        log.atWarn()
                .addKeyValue("event", "revocation.refilled")
                .addKeyValue("sessions", live.size())
                .addKeyValue("cause", afterFailedWrite ? "failed-write" : "list-missing")
                .log("Revocation list refilled from the database");
    }
}
