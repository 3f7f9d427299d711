package dev.bulwark.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface AccountRepository extends ListCrudRepository<Account, UUID> {

    Optional<Account> findByEmail(String normalizedEmail);

    boolean existsByEmail(String normalizedEmail);

    @Query("SELECT count(*) FROM account a JOIN account_role r ON r.account_id = a.id"
            + " WHERE r.role = 'ADMIN' AND a.enabled AND a.deleted_at IS NULL")
    long countEnabledAdmins();

    /**
     * Locks the account row until the transaction ends and answers its credential version. Every password write and
     * every session start takes this lock first, so of a sign-in and a password change one sees the other's commit.
     */
    @Query("SELECT credential_version FROM account WHERE id = :id FOR UPDATE")
    Optional<Long> lockCredentialVersion(UUID id);

    /**
     * The hash upgrade at sign-in, a compare-and-set: it writes only while the stored hash is still the one checked,
     * so it never puts the old password back over a change made meanwhile. 0 rows: the hash changed, nothing written.
     */
    @Modifying
    @Query("UPDATE account SET password_hash = :upgradedHash, updated_at = :now, version = version + 1"
            + " WHERE id = :id AND password_hash = :checkedHash")
    int upgradeHash(UUID id, String checkedHash, String upgradedHash, Instant now);
}
