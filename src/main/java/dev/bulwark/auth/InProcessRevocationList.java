package dev.bulwark.auth;

import dev.bulwark.common.Refreshing;
import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance's revocations, in memory: used when no Redis is configured (local mode, single instance). Filled from
 * the database at the first check, so a restart does not bring signed-out tokens back to life.
 */
final class InProcessRevocationList implements RevocationList {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;
    private final RevocationSource source;
    // Sessions read from the database, once; a database that cannot answer yet fails this check (503) and the next
    // check tries again.
    private final Refreshing<Integer> filled;

    InProcessRevocationList(Clock clock, RevocationSource source) {
        this.clock = clock;
        this.source = source;
        this.filled = Refreshing.lazy(this::fill, Duration.ZERO, clock);
    }

    @Override
    public void revokeSession(String sessionId, Instant until) {
        revoked.merge("sid:" + sessionId, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public void revokeToken(String jti, Instant until) {
        revoked.merge("jti:" + jti, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public boolean isRevoked(String sessionId, String jti) {
        try {
            filled.get();
        } catch (RuntimeException databaseDown) {
            throw new DependencyUnavailable("The revocation list", databaseDown);
        }
        if (revoked.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        return isActive("sid:" + sessionId, now) || isActive("jti:" + jti, now);
    }

    private boolean isActive(String key, Instant now) {
        Instant until = revoked.get(key);
        if (until == null) {
            return false;
        }
        if (until.isBefore(now)) {
            revoked.remove(key, until);
            return false;
        }
        return true;
    }

    private Integer fill() {
        Map<String, Instant> live = source.liveRevokedSessions();
        live.forEach(this::revokeSession);
        return live.size();
    }

    void purgeExpired() {
        Instant now = clock.instant();
        revoked.values().removeIf(until -> until.isBefore(now));
    }
}
