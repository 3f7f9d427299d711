package dev.bulwark.access;

import java.util.Arrays;
import java.util.Optional;

/** Every permission a role can grant. Routes name them in {@code @PreAuthorize}; roles combine them. */
enum Permission {
    USERS_READ("users:read"),
    USERS_WRITE("users:write"),
    ROLES_READ("roles:read"),
    ROLES_WRITE("roles:write"),
    AUDIT_READ("audit:read");

    final String authority;

    Permission(String authority) {
        this.authority = authority;
    }

    static Optional<Permission> of(String authority) {
        return Arrays.stream(values())
                .filter(p -> p.authority.equals(authority))
                .findFirst();
    }
}
