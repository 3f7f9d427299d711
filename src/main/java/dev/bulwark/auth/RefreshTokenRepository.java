package dev.bulwark.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface RefreshTokenRepository extends ListCrudRepository<RefreshToken, UUID> {

    Optional<RefreshToken> findByTokenHash(String tokenHash);

    /** The compare-and-set that makes rotation race-free: of two concurrent uses, exactly one updates a row. */
    @Modifying
    @Query("UPDATE refresh_token SET used_at = :now WHERE id = :id AND used_at IS NULL")
    int markUsed(UUID id, Instant now);

    /** From the database, not the loaded entity: a concurrent refresh may have used the token after it was read. */
    @Query("SELECT used_at FROM refresh_token WHERE id = :id")
    Optional<Instant> findUsedAt(UUID id);

    /**
     * Within the reuse grace: spends the unused child of a token presented again. 1 row: the child was the newest
     * token of its session, and it is now replaced; 0 rows: the chain moved on, so this is reuse.
     */
    @Modifying
    @Query("UPDATE refresh_token SET used_at = :now WHERE parent_id = :parentId AND used_at IS NULL")
    int spendUnusedChild(UUID parentId, Instant now);

    @Modifying
    @Query("DELETE FROM refresh_token WHERE idle_expires_at < :cutoff AND used_at IS NOT NULL")
    int deleteUsedExpiredBefore(Instant cutoff);
}
