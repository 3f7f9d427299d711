package dev.bulwark.auth;

import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One instance's revocations, in memory: used when no Redis is configured (local mode, single instance). Filled from
 * the database at the first check, so a restart does not bring signed-out tokens back to life.
 */
final class InProcessRevocationList implements RevocationList {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;
    private final RevocationSource source;
    private final Lock filling = new ReentrantLock();
    private volatile boolean filled;

    InProcessRevocationList(Clock clock, RevocationSource source) {
        this.clock = clock;
        this.source = source;
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
        if (!filled) {
            fill();
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

    /** Once; a database that cannot answer yet fails this request (503) and the next one tries again. */
    private void fill() {
        filling.lock();
        try {
            if (filled) {
                return;
            }
            Map<String, Instant> live;
            try {
                live = source.liveRevokedSessions();
            } catch (RuntimeException e) {
                throw new DependencyUnavailable("The revocation list", e);
            }
            live.forEach(this::revokeSession);
            filled = true;
        } finally {
            filling.unlock();
        }
    }

    void purgeExpired() {
        Instant now = clock.instant();
        revoked.values().removeIf(until -> until.isBefore(now));
    }
}
