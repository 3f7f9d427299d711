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

    private final RoleRepository roles;
    private final PermissionQueries permissions;
    private final RefusalAudit audit;

    GrantPolicy(RoleRepository roles, PermissionQueries permissions, RefusalAudit audit) {
        this.roles = roles;
        this.permissions = permissions;
        this.audit = audit;
    }

    /**
     * For assigning these roles, or managing an account that has them. What the roles grant is read from the
     * database, not the 5-second snapshot: under the admin-change lock it is then current, so a role widened on
     * another instance a moment ago cannot be handed out by someone who does not hold what it now grants.
     */
    void requireHoldsRoles(Collection<String> roleNames) {
        Set<String> granted = new TreeSet<>();
        roles.findAllById(roleNames).forEach(role -> granted.addAll(role.permissions()));
        requireHolds(granted);
    }

    /**
     * For changing what the built-in USER role grants: every account holds USER, so a change reaches every
     * self-registered account, and only a caller holding every permission may make it. A partial administrator
     * with roles:write could otherwise hand {@code users:read} to every stranger who signs up.
     */
    void requireHoldsEveryPermission() {
        requireHolds(permissions.all());
    }

    /** For granting these permissions to a role. */
    void requireHolds(Set<String> permissions) {
        Set<String> missing = new TreeSet<>(permissions);
        missing.removeAll(callerPermissions());
        if (!missing.isEmpty()) {
            audit.escalationRefused(missing); // recorded when the request is over: the 403 rolls the caller back
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
