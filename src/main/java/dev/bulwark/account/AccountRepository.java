package dev.bulwark.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<Account, UUID> {

    Optional<Account> findByEmail(String normalizedEmail);

    boolean existsByEmail(String normalizedEmail);

    @Query(
            "select count(a) from Account a join a.roles r where r = 'ADMIN' and a.enabled = true and a.deletedAt is null")
    long countEnabledAdmins();

    /** Locks the enabled admins, so two concurrent demotions cannot each count the other as the remaining admin. */
    @Query(
            value = "select a.id from account a join account_role r on r.account_id = a.id"
                    + " where r.role = 'ADMIN' and a.enabled = true and a.deleted_at is null for update",
            nativeQuery = true)
    List<UUID> lockEnabledAdmins();
}
