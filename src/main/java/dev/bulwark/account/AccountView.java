package dev.bulwark.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What other modules may know about an account. Never carries the password hash. {@code credentialVersion} moves
 * with every password, role or enabled change: a session started or refreshed against an older one is refused.
 */
public record AccountView(
        UUID id,
        String email,
        String displayName,
        Set<String> roles,
        boolean enabled,
        Instant createdAt,
        long credentialVersion) {}
