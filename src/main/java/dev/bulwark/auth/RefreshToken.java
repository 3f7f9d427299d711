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

/** One link of a session's refresh chain. Only its SHA-256 is stored; {@code usedAt} is set once, atomically. */
@Table("refresh_token")
class RefreshToken implements Persistable<UUID> {

    @Id
    private UUID id;

    private UUID sessionId;

    private @Nullable UUID parentId;

    private String tokenHash;

    private Instant createdAt;

    private Instant idleExpiresAt;

    private @Nullable Instant usedAt;

    /** Only a new one is saved: the row changes later through the repository's statements, never by a save. */
    @Transient
    private boolean unsaved;

    protected RefreshToken() {}

    static RefreshToken issue(
            UUID sessionId, @Nullable UUID parentId, String tokenHash, Instant idleExpiresAt, Clock clock) {
        RefreshToken token = new RefreshToken();
        token.id = Ids.next(clock);
        token.unsaved = true;
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

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return unsaved;
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
