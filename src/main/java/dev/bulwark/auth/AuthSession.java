package dev.bulwark.auth;

import dev.bulwark.common.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/** One sign-in: lives until signed out, revoked, idle too long or past its absolute lifetime. */
@Table("auth_session")
class AuthSession implements Persistable<UUID> {

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

    /** Only a new one is saved: the row changes later through the repository's statements, never by a save. */
    @Transient
    private boolean unsaved;

    protected AuthSession() {}

    static AuthSession start(
            UUID accountId, long credentialVersion, String deviceLabel, Instant absoluteExpiresAt, Clock clock) {
        AuthSession session = new AuthSession();
        session.credentialVersion = credentialVersion;
        session.id = Ids.next(clock);
        session.unsaved = true;
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

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return unsaved;
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
