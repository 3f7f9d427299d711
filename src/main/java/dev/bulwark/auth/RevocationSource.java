package dev.bulwark.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The durable record the revocation list is refilled from when it has lost its entries: Redis restarted empty or
 * evicted them, or this instance restarted with an in-process list. Without it a signed-out access token would work
 * again until it expired.
 */
@FunctionalInterface
interface RevocationSource {

    /** Sessions whose access tokens may still be live although revoked, by id, with until when they must fail. */
    Map<String, Instant> liveRevokedSessions();

    /** Every session revoked within the longest access token lifetime (plus clock skew) may still have live tokens. */
    static RevocationSource of(AuthSessionRepository sessions, AuthProperties properties, Clock clock) {
        Duration window = properties.accessTokenTtl().plus(properties.clockSkew());
        return () -> sessions.findRevokedSince(clock.instant().minus(window)).stream()
                .collect(Collectors.toMap(
                        session -> session.id().toString(),
                        session -> Objects.requireNonNull(session.revokedAt()).plus(window)));
    }
}
