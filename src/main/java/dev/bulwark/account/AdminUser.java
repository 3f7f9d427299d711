package dev.bulwark.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as administrators see it. {@code version} is echoed back on updates (optimistic locking). */
record AdminUser(
        UUID id,
        String email,
        String displayName,
        List<String> roles,
        boolean enabled,
        Instant createdAt,
        long version) {

    static AdminUser of(Account account) {
        return new AdminUser(
                account.id(),
                account.email(),
                account.displayName(),
                account.roles().stream().sorted().toList(),
                account.enabled(),
                account.createdAt(),
                account.version());
    }
}
