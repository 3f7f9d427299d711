package dev.bulwark.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<Account, UUID> {

    Optional<Account> findByEmail(String normalizedEmail);

    boolean existsByEmail(String normalizedEmail);

    @Query(
            "select count(a) from Account a join a.roles r where r = 'ADMIN' and a.enabled = true and a.deletedAt is null")
    long countEnabledAdmins();

    /**
     * Locks the account row until the transaction ends and answers its credential version. Every password write and
     * every session start takes this lock first, so of a sign-in and a password change one sees the other's commit.
     */
    @Query(value = "SELECT credential_version FROM account WHERE id = ?1 FOR UPDATE", nativeQuery = true)
    Optional<Long> lockCredentialVersion(UUID id);

    /**
     * The hash upgrade at sign-in, a compare-and-set: it writes only while the stored hash is still the one checked,
     * so it never puts the old password back over a change made meanwhile. 0 rows: the hash changed, nothing written.
     */
    @Modifying
    @Query("update Account a set a.passwordHash = ?3, a.updatedAt = ?4, a.version = a.version + 1"
            + " where a.id = ?1 and a.passwordHash = ?2")
    int upgradeHash(UUID id, String checkedHash, String upgradedHash, Instant now);
}
