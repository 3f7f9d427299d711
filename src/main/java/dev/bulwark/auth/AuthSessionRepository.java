package dev.bulwark.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface AuthSessionRepository extends ListCrudRepository<AuthSession, UUID> {

    @Query("SELECT * FROM auth_session WHERE account_id = :accountId AND revoked_at IS NULL"
            + " AND absolute_expires_at > :now ORDER BY last_used_at DESC")
    List<AuthSession> findActive(UUID accountId, Instant now);

    @Query("SELECT id FROM auth_session WHERE account_id = :accountId AND revoked_at IS NULL"
            + " AND absolute_expires_at > :now")
    List<UUID> findActiveIds(UUID accountId, Instant now);

    @Query("SELECT id FROM auth_session WHERE account_id = :accountId AND revoked_at IS NULL"
            + " AND absolute_expires_at > :now ORDER BY created_at, id")
    List<UUID> findActiveIdsOldestFirst(UUID accountId, Instant now);

    @Query("SELECT * FROM auth_session WHERE revoked_at > :since")
    List<AuthSession> findRevokedSince(Instant since);

    @Modifying
    @Query("UPDATE auth_session SET revoked_at = :now, revoked_reason = :reason WHERE id = :id AND revoked_at IS NULL")
    int revoke(UUID id, Instant now, String reason);

    /** Records a use only while the session is live: 0 rows means it was revoked meanwhile. */
    @Modifying
    @Query("UPDATE auth_session SET last_used_at = :now WHERE id = :id AND revoked_at IS NULL")
    int touch(UUID id, Instant now);

    /** The session that changed the password stays: it carries the new credential version from now on. */
    @Modifying
    @Query("UPDATE auth_session SET credential_version = :credentialVersion WHERE id = :id")
    int adoptCredentialVersion(UUID id, long credentialVersion);

    @Modifying
    @Query("DELETE FROM auth_session WHERE absolute_expires_at < :cutoff OR revoked_at < :cutoff")
    int deleteEndedBefore(Instant cutoff);
}
