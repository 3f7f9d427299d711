package dev.bulwark.account;

import dev.bulwark.access.GrantPolicy;
import dev.bulwark.access.RolePermissions;
import dev.bulwark.common.AuditableEvent;
import dev.bulwark.web.ApiProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes administrators make to accounts. There is always at least one enabled admin: a change that would remove
 * the last one is refused with 409.
 */
@Service
class AccountAdministration {

    record Changes(
            @Nullable String displayName,
            @Nullable Set<String> roles,
            @Nullable Boolean enabled,
            long version) {}

    private final AccountRepository repository;
    private final AccountService accounts;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final RolePermissions roles;
    private final GrantPolicy grants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountAdministration(
            AccountRepository repository,
            AccountService accounts,
            PasswordPolicy policy,
            PasswordHashing hashing,
            RolePermissions roles,
            GrantPolicy grants,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.policy = policy;
        this.hashing = hashing;
        this.roles = roles;
        this.grants = grants;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AdminUser get(UUID id) {
        return AdminUser.of(live(id));
    }

    AdminUser create(String email, String password, String displayName, Set<String> assigned) {
        Set<String> withUser = new TreeSet<>(knownRoles(assigned));
        withUser.add(Roles.USER);
        grants.requireHoldsRoles(withUser);
        if (!accounts.register(email, password, displayName, withUser)) {
            throw new AdminProblem(
                    HttpStatus.CONFLICT, "email-taken", "Email taken", "An account with this email exists.");
        }
        Account created = repository.findByEmail(Account.normalizeEmail(email)).orElseThrow();
        events.publishEvent(AuditableEvent.of("user.created", created.id(), "roles=" + String.join(",", withUser)));
        return AdminUser.of(created);
    }

    /** The whole change is applied and checked before anything is announced, so a refused change has no effect. */
    @Transactional
    AdminUser update(UUID id, Changes changes) {
        Account account = live(id);
        if (account.version() != changes.version()) {
            throw stale();
        }
        grants.requireHoldsRoles(account.roles());
        boolean wasAdmin = account.isAdmin();
        List<Object> announcements = new ArrayList<>();
        if (changes.displayName() != null) {
            account.rename(changes.displayName(), clock);
            announcements.add(AuditableEvent.of("user.renamed", id, null));
        }
        if (changes.roles() != null) {
            Set<String> assigned = new TreeSet<>(knownRoles(changes.roles()));
            assigned.add(Roles.USER);
            grants.requireHoldsRoles(assigned);
            if (!assigned.equals(account.roles())) {
                account.assignRoles(assigned, clock);
                announcements.add(new AccountRolesChanged(id));
                announcements.add(AuditableEvent.of("user.roles_changed", id, "roles=" + String.join(",", assigned)));
            }
        }
        if (changes.enabled() != null && changes.enabled() != account.enabled()) {
            if (changes.enabled()) {
                account.enable(clock);
                announcements.add(AuditableEvent.of("user.enabled", id, null));
            } else {
                account.disable(clock);
                announcements.add(new AccountDisabled(id));
                announcements.add(AuditableEvent.of("user.disabled", id, null));
            }
        }
        keepOneAdmin(wasAdmin, account);
        repository.saveAndFlush(account);
        announcements.forEach(events::publishEvent);
        return AdminUser.of(account);
    }

    void resetPassword(UUID id, String newPassword) {
        Account account = repository.findById(id).filter(a -> !a.deleted()).orElseThrow(AccountNotFound::new);
        grants.requireHoldsRoles(account.roles());
        policy.check(newPassword, account.email());
        accounts.replacePasswordHash(id, hashing.exclusively(() -> hashing.hash(newPassword)));
        events.publishEvent(AuditableEvent.of("user.password_reset", id, null));
    }

    @Transactional
    void delete(UUID callerId, UUID id) {
        if (callerId.equals(id)) {
            throw new AdminProblem(
                    HttpStatus.CONFLICT,
                    "cannot-delete-self",
                    "Cannot delete yourself",
                    "You cannot delete your own account here; another administrator can.");
        }
        Account account = live(id);
        grants.requireHoldsRoles(account.roles());
        boolean wasAdmin = account.isAdmin();
        account.anonymize(clock);
        keepOneAdmin(wasAdmin, account);
        repository.saveAndFlush(account);
        events.publishEvent(new AccountDisabled(id));
        events.publishEvent(AuditableEvent.of("user.deleted", id, null));
    }

    private void keepOneAdmin(boolean wasAdmin, Account account) {
        if (wasAdmin && !account.isAdmin()) {
            repository.lockEnabledAdmins();
            repository.flush();
            if (repository.countEnabledAdmins() == 0) {
                throw new AdminProblem(
                        HttpStatus.CONFLICT,
                        "last-admin",
                        "Last administrator",
                        "This change would leave no enabled administrator.");
            }
        }
    }

    private Account live(UUID id) {
        return repository.findById(id).filter(a -> !a.deleted()).orElseThrow(AccountNotFound::new);
    }

    private Set<String> knownRoles(Set<String> requested) {
        for (String role : requested) {
            if (!roles.exists(role)) {
                throw new AdminProblem(
                        HttpStatus.BAD_REQUEST,
                        "unknown-role",
                        "Unknown role",
                        "Role '" + role.replaceAll("[^A-Z0-9_]", "?") + "' does not exist.");
            }
        }
        return requested;
    }

    private static AdminProblem stale() {
        return new AdminProblem(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "The account was changed meanwhile; reload it and apply your change again.");
    }

    static final class AdminProblem extends ApiProblem {
        AdminProblem(HttpStatus status, String type, String title, String detail) {
            super(status, type, title, detail);
        }
    }
}
