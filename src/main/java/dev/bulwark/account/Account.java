package dev.bulwark.account;

import dev.bulwark.common.Ids;
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
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user of the service. Invariants live in its methods; nothing outside sets fields directly. */
@Entity
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

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role")
    private Set<String> roles = new HashSet<>();

    private Instant createdAt;

    private Instant updatedAt;

    private @Nullable Instant deletedAt;

    /** Null until the first insert: Spring Data then persists (INSERT) instead of merging over an existing row. */
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
        account.roles = new HashSet<>(roles);
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
        roles.clear();
        roles.addAll(newRoles);
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
        return enabled && deletedAt == null && roles.contains(BuiltInRoles.ADMIN);
    }

    Set<String> roles() {
        return Set.copyOf(roles);
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
        return new AccountView(id, email, displayName, Set.copyOf(roles), enabled, createdAt, credentialVersion);
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
}
