package dev.bulwark.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AuthSessionRepository extends JpaRepository<AuthSession, UUID> {

    @Query("select s from AuthSession s where s.accountId = ?1 and s.revokedAt is null and s.absoluteExpiresAt > ?2"
            + " order by s.lastUsedAt desc")
    List<AuthSession> findActive(UUID accountId, Instant now);

    @Query("select s.id from AuthSession s where s.accountId = ?1 and s.revokedAt is null and s.absoluteExpiresAt > ?2")
    List<UUID> findActiveIds(UUID accountId, Instant now);

    @Query("select s.id from AuthSession s where s.accountId = ?1 and s.revokedAt is null and s.absoluteExpiresAt > ?2"
            + " order by s.createdAt, s.id")
    List<UUID> findActiveIdsOldestFirst(UUID accountId, Instant now);

    @Query("select s from AuthSession s where s.revokedAt > ?1")
    List<AuthSession> findRevokedSince(Instant since);

    @Modifying
    @Query("update AuthSession s set s.revokedAt = ?2, s.revokedReason = ?3 where s.id = ?1 and s.revokedAt is null")
    int revoke(UUID id, Instant now, String reason);

    /** Records a use only while the session is live: 0 rows means it was revoked meanwhile. */
    @Modifying
    @Query("update AuthSession s set s.lastUsedAt = ?2 where s.id = ?1 and s.revokedAt is null")
    int touch(UUID id, Instant now);

    /** The session that changed the password stays: it carries the new credential version from now on. */
    @Modifying
    @Query("update AuthSession s set s.credentialVersion = ?2 where s.id = ?1")
    int adoptCredentialVersion(UUID id, long credentialVersion);

    @Modifying
    @Query("delete from AuthSession s where s.absoluteExpiresAt < ?1 or s.revokedAt < ?1")
    int deleteEndedBefore(Instant cutoff);
}
