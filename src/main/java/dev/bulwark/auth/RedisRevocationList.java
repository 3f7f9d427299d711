package dev.bulwark.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.common.Refreshing;
import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
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

    // The marker expires after the longest access-token lifetime allowed (15 min) plus skew, so the list is rebuilt
    // from the database at least that often: a revocation key a volatile-* eviction policy dropped while the marker
    // stayed is restored within that time (noeviction remains the requirement, docs/security.md).
    static final Duration MARKER_TTL = Duration.ofMinutes(15).plusSeconds(30);

    private final RevocationSource source;
    private final String completeKey;
    // The last refill, or none while a revocation is in the database only (its Redis write failed just after the
    // commit): the next check refills before it answers. A failed refill is retried no sooner than a second later,
    // so while Redis refuses writes (out of memory, say) every check answers 503 without a database query each.
    private final Refreshing<Refill> refills;

    /** One refill of the list from the database; checks compare them by identity. */
    private record Refill(int sessions, Instant at) {}

    RedisRevocationList(
            StringRedisTemplate redis, String keyPrefix, boolean failOpen, Clock clock, RevocationSource source) {
        this.redis = redis;
        this.prefix = keyPrefix + "revoked:";
        this.completeKey = prefix + "complete";
        this.failOpen = failOpen;
        this.clock = clock;
        this.source = source;
        this.refills = Refreshing.lazy(this::refill, Duration.ofSeconds(1), clock);
        refills.put(new Refill(0, clock.instant())); // complete until the marker or a failed write says otherwise
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
                refills.invalidate();
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
            boolean revoked = lookUp(List.of(completeKey, sessionKey(sessionId), prefix + "jti:" + jti));
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

    /** One {@code MGET}; when the list is not known complete (marker gone, a write failed) a refill comes first. */
    private boolean lookUp(List<String> keys) {
        Refill seen = refills.current();
        List<String> found = redis.opsForValue().multiGet(keys);
        if (seen == null || !isComplete(found)) {
            refills.getNewerThan(seen); // one refill for every check that noticed, not one each
            found = redis.opsForValue().multiGet(keys);
        }
        if (found == null || !isComplete(found)) {
            throw new IllegalStateException("The revocation list is still incomplete after a refill");
        }
        return found.get(1) != null || found.get(2) != null;
    }

    private static boolean isComplete(@Nullable List<String> found) {
        return found != null && found.getFirst() != null;
    }

    /**
     * Writes every live revocation from the database, then the marker. Revocations made meanwhile are written by
     * their own after-commit step, so none falls in between.
     */
    private Refill refill() {
        String cause = Boolean.TRUE.equals(redis.hasKey(completeKey)) ? "failed-write" : "list-missing";
        Refill last = refills.current();
        if (last != null && !clock.instant().isBefore(last.at().plus(MARKER_TTL))) {
            cause = "marker-expired"; // the routine rebuild, not a loss
        }
        Map<String, Instant> live = source.liveRevokedSessions();
        writeLiveRevocations(live);
        redis.opsForValue().set(completeKey, "1", MARKER_TTL);
        recentlyClear.invalidateAll();
        log.atLevel(cause.equals("marker-expired") ? Level.INFO : Level.WARN)
                .addKeyValue("event", "revocation.refilled")
                .addKeyValue("sessions", live.size())
                .addKeyValue("cause", cause)
                .log("Revocation list refilled from the database");
        return new Refill(live.size(), clock.instant());
    }

    private void writeLiveRevocations(Map<String, Instant> live) {
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
    }
}
