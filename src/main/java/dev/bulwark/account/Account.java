package dev.bulwark.account;

import dev.bulwark.common.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A user of the service. Invariants live in its methods; nothing outside sets fields directly. */
@Table("account")
class Account {

    @Id
    private UUID id;

    private String email;

    private String displayName;

    private String passwordHash;

    private boolean enabled;

    /**
     * Bumped by every change that must end the account's sessions: a password write (not a hash upgrade), a disable,
     * a role change, deletion. A sign-in whose password was checked against an older one is refused when it starts
     * its session (under the row lock these changes hold), so it cannot slip in between the change and the
     * revocation of the sessions it could see; a refresh of a session started with an older one is refused too.
     */
    private long credentialVersion;

    /** Rows of account_role, part of the aggregate: saving the account rewrites them. */
    @MappedCollection(idColumn = "account_id")
    private Set<Grant> roles = new HashSet<>();

    private Instant createdAt;

    private Instant updatedAt;

    private @Nullable Instant deletedAt;

    /** Null until the first insert: Spring Data then inserts; after that, an update of an older version fails. */
    @Version
    private @Nullable Long version;

    protected Account() {}

    static Account register(String email, String displayName, String passwordHash, Set<String> roles, Clock clock) {
        Account account = new Account();
        account.id = Ids.next(clock);
        account.email = normalizeEmail(email);
        account.displayName = displayName.strip();
        account.passwordHash = passwordHash;
        account.enabled = true;
        account.roles = grants(roles);
        account.createdAt = clock.instant();
        account.updatedAt = account.createdAt;
        return account;
    }

    /** See {@link EmailAddress}: stored normalised so the unique index compares case-insensitively. */
    static String normalizeEmail(String email) {
        return EmailAddress.normalize(email);
    }

    void rename(String newDisplayName, Clock clock) {
        displayName = newDisplayName.strip();
        updatedAt = clock.instant();
    }

    /** A new password (own change or admin reset): every session started with the old one stops working. */
    void changePassword(String newHash, Clock clock) {
        passwordHash = newHash;
        credentialVersion++;
        updatedAt = clock.instant();
    }

    void disable(Clock clock) {
        enabled = false;
        credentialVersion++;
        updatedAt = clock.instant();
    }

    void enable(Clock clock) {
        enabled = true;
        updatedAt = clock.instant();
    }

    void assignRoles(Set<String> newRoles, Clock clock) {
        roles = grants(newRoles);
        credentialVersion++; // tokens carry roles: a sign-in checked before the change must not get the old ones
        updatedAt = clock.instant();
    }

    /**
     * Soft delete: the row stays (audit records point at it) but nothing personal remains and it can never sign in:
     * the email becomes a placeholder, the name generic, the password hash unusable, roles none.
     */
    void anonymize(Clock clock) {
        email = "deleted-" + id + "@deleted.invalid";
        displayName = "Deleted user";
        passwordHash = "{noop-deleted}";
        credentialVersion++;
        enabled = false;
        roles.clear();
        deletedAt = clock.instant();
        updatedAt = deletedAt;
    }

    boolean deleted() {
        return deletedAt != null;
    }

    boolean isAdmin() {
        return enabled && deletedAt == null && roles.contains(new Grant(BuiltInRoles.ADMIN));
    }

    Set<String> roles() {
        return roles.stream().map(Grant::role).collect(Collectors.toUnmodifiableSet());
    }

    String displayName() {
        return displayName;
    }

    Instant createdAt() {
        return createdAt;
    }

    long version() {
        return version == null ? 0 : version;
    }

    long credentialVersion() {
        return credentialVersion;
    }

    AccountView view() {
        return new AccountView(id, email, displayName, roles(), enabled, createdAt, credentialVersion);
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean enabled() {
        return enabled;
    }

    private static Set<Grant> grants(Set<String> roles) {
        return roles.stream().map(Grant::new).collect(Collectors.toCollection(HashSet::new));
    }

    /** One role the account holds: a row of account_role. */
    @Table("account_role")
    record Grant(String role) {}
}
