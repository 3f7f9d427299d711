package dev.bulwark.account;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account as administrators see it (the access module's user administration answers with it). {@code version} is
 * echoed back on updates (optimistic locking).
 */
@Schema(name = "AdminUser")
public record ManagedAccount(
        UUID id,
        String email,
        String displayName,
        List<String> roles,
        boolean enabled,
        Instant createdAt,
        long version) {

    static ManagedAccount of(Account account) {
        return new ManagedAccount(
                account.id(),
                account.email(),
                account.displayName(),
                account.roles().stream().sorted().toList(),
                account.enabled(),
                account.createdAt(),
                account.version());
    }
}
