package dev.bulwark.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

    Optional<RefreshToken> findByTokenHash(String tokenHash);

    /** The compare-and-set that makes rotation race-free: of two concurrent uses, exactly one updates a row. */
    @Modifying
    @Query("update RefreshToken t set t.usedAt = ?2 where t.id = ?1 and t.usedAt is null")
    int markUsed(UUID id, Instant now);

    /** From the database, not the loaded entity: a concurrent refresh may have used the token after it was read. */
    @Query("select t.usedAt from RefreshToken t where t.id = ?1")
    Optional<Instant> findUsedAt(UUID id);

    /**
     * Within the reuse grace: spends the unused child of a token presented again. 1 row: the child was the newest
     * token of its session, and it is now replaced; 0 rows: the chain moved on, so this is reuse.
     */
    @Modifying
    @Query("update RefreshToken t set t.usedAt = ?2 where t.parentId = ?1 and t.usedAt is null")
    int spendUnusedChild(UUID parentId, Instant now);

    @Modifying
    @Query("delete from RefreshToken t where t.idleExpiresAt < ?1 and t.usedAt is not null")
    int deleteUsedExpiredBefore(Instant cutoff);
}
