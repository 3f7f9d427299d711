package dev.bulwark.auth;

import dev.bulwark.common.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One link of a session's refresh chain. Only its SHA-256 is stored; {@code usedAt} is set once, atomically. */
@Entity
@Table(name = "refresh_token")
class RefreshToken {

    @Id
    private UUID id;

    private UUID sessionId;

    private @Nullable UUID parentId;

    private String tokenHash;

    private Instant createdAt;

    private Instant idleExpiresAt;

    private @Nullable Instant usedAt;

    protected RefreshToken() {}

    static RefreshToken issue(
            UUID sessionId, @Nullable UUID parentId, String tokenHash, Instant idleExpiresAt, Clock clock) {
        RefreshToken token = new RefreshToken();
        token.id = Ids.next(clock);
        token.sessionId = sessionId;
        token.parentId = parentId;
        token.tokenHash = tokenHash;
        token.createdAt = clock.instant();
        token.idleExpiresAt = idleExpiresAt;
        return token;
    }

    UUID id() {
        return id;
    }

    UUID sessionId() {
        return sessionId;
    }

    Instant idleExpiresAt() {
        return idleExpiresAt;
    }

    @Nullable
    Instant usedAt() {
        return usedAt;
    }
}
