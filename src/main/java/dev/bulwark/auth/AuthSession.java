package dev.bulwark.auth;

import dev.bulwark.common.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One sign-in: lives until signed out, revoked, idle too long or past its absolute lifetime. */
@Entity
@Table(name = "auth_session")
class AuthSession {

    @Id
    private UUID id;

    private UUID accountId;

    private String deviceLabel;

    private Instant createdAt;

    private Instant lastUsedAt;

    private Instant absoluteExpiresAt;

    private @Nullable Instant revokedAt;

    /** The account's credential version at sign-in; a different one now means the password changed since. */
    private long credentialVersion;

    private @Nullable String revokedReason;

    protected AuthSession() {}

    static AuthSession start(
            UUID accountId, long credentialVersion, String deviceLabel, Instant absoluteExpiresAt, Clock clock) {
        AuthSession session = new AuthSession();
        session.credentialVersion = credentialVersion;
        session.id = Ids.next(clock);
        session.accountId = accountId;
        session.deviceLabel = deviceLabel;
        session.createdAt = clock.instant();
        session.lastUsedAt = session.createdAt;
        session.absoluteExpiresAt = absoluteExpiresAt;
        return session;
    }

    boolean isActive(Instant now) {
        return revokedAt == null && absoluteExpiresAt.isAfter(now);
    }

    UUID id() {
        return id;
    }

    UUID accountId() {
        return accountId;
    }

    String deviceLabel() {
        return deviceLabel;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant absoluteExpiresAt() {
        return absoluteExpiresAt;
    }

    long credentialVersion() {
        return credentialVersion;
    }

    @Nullable
    Instant revokedAt() {
        return revokedAt;
    }
}
