package dev.bulwark.access;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Version;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

@Entity
class Role {

    @Id
    private String name;

    private String description;

    private boolean builtIn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "role_permission", joinColumns = @JoinColumn(name = "role_name"))
    @Column(name = "permission")
    private Set<String> permissions = new HashSet<>();

    private Instant createdAt;

    /** Null until the first insert: Spring Data then persists (INSERT) instead of merging over an existing row. */
    @Version
    private @Nullable Long version;

    protected Role() {}

    static Role custom(String name, String description, Set<String> permissions, Clock clock) {
        Role role = new Role();
        role.name = name;
        role.description = description;
        role.builtIn = false;
        role.permissions = new HashSet<>(permissions);
        role.createdAt = clock.instant();
        return role;
    }

    void grantExactly(Set<String> newPermissions) {
        permissions = new HashSet<>(newPermissions);
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    boolean builtIn() {
        return builtIn;
    }

    Set<String> permissions() {
        return Set.copyOf(permissions);
    }

    long version() {
        return version == null ? 0 : version;
    }
}
