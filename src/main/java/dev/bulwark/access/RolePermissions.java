package dev.bulwark.access;

import dev.bulwark.common.AfterCommit;
import dev.bulwark.web.DependencyUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What each role grants, without a database query per request: a snapshot of all roles, reloaded when older than
 * five seconds (so a permission change made on any instance applies everywhere within seconds) and at once on the
 * instance that made it. A stale snapshot is served while one background thread reloads it.
 */
@Service
public class RolePermissions {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Snapshot(Map<String, Set<String>> byRole, Instant loadedAt) {}

    private static final Logger log = LoggerFactory.getLogger(RolePermissions.class);

    private final RoleRepository roles;
    private final Clock clock;
    private final ReentrantLock firstLoad = new ReentrantLock();
    private final AtomicBoolean reloadRunning = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    RolePermissions(RoleRepository roles, Clock clock) {
        this.roles = roles;
        this.clock = clock;
    }

    /** The union of the permissions the roles grant; unknown roles grant nothing. */
    public Set<String> permissionsOf(Collection<String> roleNames) {
        Map<String, Set<String>> byRole = current().byRole();
        Set<String> granted = new HashSet<>();
        for (String role : roleNames) {
            granted.addAll(byRole.getOrDefault(role, Set.of()));
        }
        return granted;
    }

    public boolean exists(String roleName) {
        return current().byRole().containsKey(roleName);
    }

    /** After the change commits: invalidating earlier could reload the old rows and keep them for 5 s. */
    void invalidateAfterCommit() {
        AfterCommit.run(() -> {
            generation.incrementAndGet();
            snapshot = null;
        });
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        if (seen == null) {
            return loadNow();
        }
        if (!seen.loadedAt().plus(MAX_AGE).isAfter(clock.instant()) && reloadRunning.compareAndSet(false, true)) {
            // Off the request's thread: during a database outage the request would otherwise wait for a
            // connection twice (here, then for its own query), 4 s instead of 2 (found by ./bulwark bench faults).
            Thread.ofVirtual().name("role-snapshot-reload").start(() -> {
                try {
                    reload(seen);
                } finally {
                    reloadRunning.set(false);
                }
            });
        }
        return seen;
    }

    private Snapshot loadNow() {
        firstLoad.lock();
        try {
            Snapshot loadedMeanwhile = snapshot;
            if (loadedMeanwhile != null) {
                return loadedMeanwhile;
            }
            try {
                return load();
            } catch (RuntimeException databaseDown) {
                throw new DependencyUnavailable("The role table", databaseDown);
            }
        } finally {
            firstLoad.unlock();
        }
    }

    private void reload(Snapshot seen) {
        try {
            load();
        } catch (RuntimeException databaseDown) {
            // Keep serving what we know (a permission change waits for the database anyway); retry in 5 s.
            log.atWarn()
                    .addKeyValue("event", "roles.reload_failed")
                    .log("Role permissions could not be reloaded; keeping the last snapshot");
            if (snapshot == seen) {
                snapshot = new Snapshot(seen.byRole(), clock.instant());
            }
        }
    }

    /** Loads all roles; keeps them unless a change committed meanwhile (its invalidation must win). */
    private Snapshot load() {
        long startedAt = generation.get();
        Snapshot fresh = new Snapshot(
                roles.findAll().stream().collect(Collectors.toUnmodifiableMap(Role::name, Role::permissions)),
                clock.instant());
        if (generation.get() == startedAt) {
            snapshot = fresh;
        }
        return fresh;
    }
}
