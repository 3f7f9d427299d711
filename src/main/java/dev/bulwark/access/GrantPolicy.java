package dev.bulwark.access;

import dev.bulwark.web.ApiProblem;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * No one gives away more than they hold: an administrator may only assign roles, grant permissions, or act on
 * accounts, whose permissions they hold themselves. Without this, {@code users:write} alone could create an ADMIN,
 * and {@code roles:write} alone could grant itself everything.
 */
@Service
class GrantPolicy {

    private final RolePermissions roles;

    GrantPolicy(RolePermissions roles) {
        this.roles = roles;
    }

    /** For assigning these roles, or managing an account that has them. */
    void requireHoldsRoles(Collection<String> roleNames) {
        requireHolds(roles.permissionsOf(roleNames));
    }

    /** For granting these permissions to a role. */
    void requireHolds(Set<String> permissions) {
        Set<String> missing = new TreeSet<>(permissions);
        missing.removeAll(callerPermissions());
        if (!missing.isEmpty()) {
            throw new Escalation();
        }
    }

    private static Set<String> callerPermissions() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) {
            return Set.of();
        }
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }

    static final class Escalation extends ApiProblem {
        Escalation() {
            super(
                    HttpStatus.FORBIDDEN,
                    "privilege-escalation",
                    "Not allowed to grant this",
                    "You can only assign roles, grant permissions and manage accounts within the permissions you hold.");
        }
    }
}
