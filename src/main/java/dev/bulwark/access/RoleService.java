package dev.bulwark.access;

import dev.bulwark.account.BuiltInRoles;
import dev.bulwark.audit.AuditableEvent;
import dev.bulwark.common.IntegrityViolations;
import dev.bulwark.web.ApiProblem;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class RoleService {

    /** Constraints of migration V202611231950 that this service answers for. */
    private static final String ROLE_PK = "role_pkey";

    static final String ASSIGNED_ROLE_FK = "account_role_role_fk";

    record RoleView(String name, String description, boolean builtIn, List<String> permissions, long version) {
        static RoleView of(Role role) {
            return new RoleView(
                    role.name(),
                    role.description(),
                    role.builtIn(),
                    List.copyOf(new TreeSet<>(role.permissions())),
                    role.version());
        }
    }

    private final RoleRepository roles;
    private final PermissionQueries catalogue;
    private final RolePermissions cache;
    private final GrantPolicy grants;
    private final AdminChanges changes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoleService(
            RoleRepository roles,
            PermissionQueries catalogue,
            RolePermissions cache,
            GrantPolicy grants,
            AdminChanges changes,
            ApplicationEventPublisher events,
            Clock clock) {
        this.roles = roles;
        this.catalogue = catalogue;
        this.cache = cache;
        this.grants = grants;
        this.changes = changes;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<RoleView> list() {
        return roles.findAll().stream()
                .map(RoleView::of)
                .sorted(Comparator.comparing(RoleView::name))
                .toList();
    }

    @Transactional
    RoleView create(String name, String description, Set<String> permissions) {
        changes.lock();
        if (roles.existsById(name)) {
            throw RoleProblem.exists();
        }
        grants.requireHolds(known(permissions));
        Role role = insert(Role.custom(name, description, permissions, clock));
        cache.invalidateAfterCommit();
        events.publishEvent(
                AuditableEvent.of("role.created", name, "permissions=" + String.join(",", new TreeSet<>(permissions))));
        return RoleView.of(role);
    }

    @Transactional
    RoleView grantExactly(String name, Set<String> permissions, long version) {
        changes.lock();
        Role role = roles.findById(name).orElseThrow(RoleProblem::notFound);
        if (role.version() != version) {
            throw RoleProblem.stale();
        }
        if (BuiltInRoles.ADMIN.equals(name)) {
            throw new RoleProblem(
                    HttpStatus.CONFLICT,
                    "role-protected",
                    "Role is protected",
                    "The ADMIN role always grants every permission.");
        }
        if (BuiltInRoles.USER.equals(name)) {
            grants.requireHoldsEveryPermission(); // USER reaches every account: full admins only
        }
        grants.requireHolds(known(permissions));
        grants.requireHolds(role.permissions()); // and it may not take away what it could not give
        role.grantExactly(permissions);
        role = roles.save(role);
        cache.invalidateAfterCommit();
        events.publishEvent(AuditableEvent.of(
                "role.permissions_changed", name, "permissions=" + String.join(",", new TreeSet<>(permissions))));
        return RoleView.of(role);
    }

    @Transactional
    void delete(String name) {
        changes.lock();
        Role role = roles.findById(name).orElseThrow(RoleProblem::notFound);
        if (role.builtIn()) {
            throw new RoleProblem(
                    HttpStatus.CONFLICT, "role-protected", "Role is protected", "Built-in roles cannot be deleted.");
        }
        grants.requireHolds(role.permissions());
        try {
            roles.delete(role);
        } catch (DataIntegrityViolationException violation) {
            if (IntegrityViolations.isViolationOf(violation, ASSIGNED_ROLE_FK)) {
                throw new RoleProblem(
                        HttpStatus.CONFLICT,
                        "role-in-use",
                        "Role is in use",
                        "The role is assigned to at least one account; remove it from them first.");
            }
            throw violation;
        }
        cache.invalidateAfterCommit();
        events.publishEvent(AuditableEvent.of("role.deleted", name, null));
    }

    /**
     * A new row, never an update of one committed meanwhile (the version is null, so Spring Data inserts). Under
     * {@link AdminChanges} the check above already sees every committed role; the primary key is the last word.
     */
    private Role insert(Role role) {
        try {
            return roles.save(role);
        } catch (DataIntegrityViolationException violation) {
            if (IntegrityViolations.isViolationOf(violation, ROLE_PK)) {
                throw RoleProblem.exists();
            }
            throw violation;
        }
    }

    private Set<String> known(Set<String> permissions) {
        Set<String> unknown = catalogue.unknown(permissions);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new RoleProblem(
                    HttpStatus.BAD_REQUEST,
                    "unknown-permission",
                    "Unknown permission",
                    "Unknown permission '" + first.replaceAll("[^a-z:]", "?") + "'.");
        }
        return permissions;
    }

    static final class RoleProblem extends ApiProblem {
        RoleProblem(HttpStatus status, String type, String title, String detail) {
            super(status, type, title, detail);
        }

        static RoleProblem exists() {
            return new RoleProblem(HttpStatus.CONFLICT, "role-exists", "Role exists", "A role with this name exists.");
        }

        static RoleProblem notFound() {
            return new RoleProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such role.");
        }

        static RoleProblem stale() {
            return new RoleProblem(
                    HttpStatus.CONFLICT,
                    "conflict",
                    "Conflict",
                    "The role was changed meanwhile; reload it and apply your change again.");
        }
    }
}
