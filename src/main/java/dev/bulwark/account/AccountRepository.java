package dev.bulwark.account;

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
}
