package dev.bulwark.access;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

@Table("role")
class Role {

    @Id
    private String name;

    private String description;

    private boolean builtIn;

    /** Rows of role_permission, part of the aggregate: saving the role rewrites them. */
    @MappedCollection(idColumn = "role_name")
    private Set<Grant> permissions = new HashSet<>();

    private Instant createdAt;

    /** Null until the first insert: Spring Data then inserts; after that, an update of an older version fails. */
    @Version
    private @Nullable Long version;

    protected Role() {}

    static Role custom(String name, String description, Set<String> permissions, Clock clock) {
        Role role = new Role();
        role.name = name;
        role.description = description;
        role.builtIn = false;
        role.permissions = grants(permissions);
        role.createdAt = clock.instant();
        return role;
    }

    void grantExactly(Set<String> newPermissions) {
        permissions = grants(newPermissions);
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
        return permissions.stream().map(Grant::permission).collect(Collectors.toUnmodifiableSet());
    }

    long version() {
        return version == null ? 0 : version;
    }

    private static Set<Grant> grants(Set<String> permissions) {
        return permissions.stream().map(Grant::new).collect(Collectors.toCollection(HashSet::new));
    }

    /** One permission the role grants: a row of role_permission. */
    @Table("role_permission")
    record Grant(String permission) {}
}
