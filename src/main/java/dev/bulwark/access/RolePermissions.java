package dev.bulwark.access;

import dev.bulwark.common.AfterCommit;
import dev.bulwark.common.RefreshExecutor;
import dev.bulwark.common.Refreshing;
import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What each role grants, without a database query per request: a snapshot of all roles, reloaded when older than
 * five seconds (so a permission change made on any instance applies everywhere within seconds) and at once on the
 * instance that made it. A stale snapshot is served while one background refresh reloads it.
 */
@Service
public class RolePermissions {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final RoleRepository roles;
    private final Refreshing<Map<String, Set<String>>> snapshot;

    RolePermissions(RoleRepository roles, Clock clock, RefreshExecutor refresher) {
        this.roles = roles;
        // Reloaded off the request's thread: during a database outage the request would otherwise wait for a
        // connection twice (here, then for its own query), 4 s instead of 2 (found by ./bulwark bench faults).
        // A failed reload keeps the last snapshot (a permission change waits for the database anyway).
        this.snapshot = Refreshing.snapshot("roles", this::load, MAX_AGE, refresher::execute, clock);
    }

    /** The union of the permissions the roles grant; unknown roles grant nothing. */
    public Set<String> permissionsOf(Collection<String> roleNames) {
        Map<String, Set<String>> byRole = current();
        Set<String> granted = new HashSet<>();
        for (String role : roleNames) {
            granted.addAll(byRole.getOrDefault(role, Set.of()));
        }
        return granted;
    }

    /** After the change commits: invalidating earlier could reload the old rows and keep them for 5 s. */
    void invalidateAfterCommit() {
        AfterCommit.run(snapshot::invalidate);
    }

    private Map<String, Set<String>> current() {
        try {
            return snapshot.get();
        } catch (RuntimeException databaseDown) { // only when there is no snapshot to serve
            throw new DependencyUnavailable("The role table", databaseDown);
        }
    }

    private Map<String, Set<String>> load() {
        return roles.findAll().stream().collect(Collectors.toUnmodifiableMap(Role::name, Role::permissions));
    }
}
