package dev.bulwark.access;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one idiom routes use to declare what they need, in {@code @PreAuthorize}:
 *
 * <pre>
 * &#64;PreAuthorize("@access.all('users:read', 'users:write')")   // every permission listed
 * &#64;PreAuthorize("@access.any('users:read', 'audit:read')")    // at least one
 * &#64;PreAuthorize("@access.role('ADMIN')")                      // a role (prefer permissions)
 * </pre>
 */
@Component("access")
class AccessRules {

    public boolean all(String... permissions) {
        Set<String> granted = granted();
        return permissions.length > 0 && granted.containsAll(Arrays.asList(permissions));
    }

    public boolean any(String... permissions) {
        Set<String> granted = granted();
        return Arrays.stream(permissions).anyMatch(granted::contains);
    }

    public boolean role(String role) {
        return granted().contains("ROLE_" + role);
    }

    private static Set<String> granted() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Set.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
    }
}
