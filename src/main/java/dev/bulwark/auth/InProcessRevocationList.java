package dev.bulwark.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One instance's revocations, in memory: used when no Redis is configured (local mode, single instance). */
final class InProcessRevocationList implements RevocationList {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    InProcessRevocationList(Clock clock) {
        this.clock = clock;
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

    void purgeExpired() {
        Instant now = clock.instant();
        revoked.values().removeIf(until -> until.isBefore(now));
    }
}
