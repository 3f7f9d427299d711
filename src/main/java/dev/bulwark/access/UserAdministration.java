package dev.bulwark.access;

import dev.bulwark.account.BuiltInRoles;
import dev.bulwark.account.ManagedAccount;
import dev.bulwark.account.ManagedAccounts;
import dev.bulwark.account.PreparedPassword;
import dev.bulwark.common.IntegrityViolations;
import dev.bulwark.web.ApiProblem;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may change which account, on top of what the account module does: nobody acts on an account, or assigns roles,
 * beyond the permissions they hold ({@link GrantPolicy}); roles must exist; every account keeps USER; there is always
 * at least one enabled admin (a change that would remove the last one is refused with 409 and has no effect). Every
 * change runs under {@link AdminChanges}, so these checks see no change made meanwhile.
 */
@Service
class UserAdministration {

    private final ManagedAccounts accounts;
    private final RoleRepository roles;
    private final GrantPolicy grants;
    private final AdminChanges changes;
    private final TransactionTemplate transaction;

    UserAdministration(
            ManagedAccounts accounts,
            RoleRepository roles,
            GrantPolicy grants,
            AdminChanges changes,
            TransactionTemplate transaction) {
        this.accounts = accounts;
        this.roles = roles;
        this.grants = grants;
        this.changes = changes;
        this.transaction = transaction;
    }

    /** The password is hashed first, outside the transaction: the admin-change lock is never held for a hash. */
    ManagedAccount create(String email, String password, String displayName, Set<String> assigned) {
        PreparedPassword prepared = accounts.prepare(email, password);
        return Objects.requireNonNull(transaction.execute(status -> {
            changes.lock();
            Set<String> withUser = withUser(assigned);
            return rolesMayVanish(() -> accounts.create(email, prepared, displayName, withUser))
                    .orElseThrow(() -> new AdminProblem(
                            HttpStatus.CONFLICT, "email-taken", "Email taken", "An account with this email exists."));
        }));
    }

    @Transactional
    ManagedAccount update(UUID id, ManagedAccounts.Changes requested, long version) {
        changes.lock();
        ManagedAccount current = accounts.get(id);
        grants.requireHoldsRoles(current.roles());
        ManagedAccounts.Changes checked = requested.roles() == null
                ? requested
                : new ManagedAccounts.Changes(
                        requested.displayName(), withUser(requested.roles()), requested.enabled());
        ManagedAccount changed = rolesMayVanish(() -> accounts.change(id, version, checked));
        keepOneAdmin(current, changed);
        return changed;
    }

    /**
     * Under {@link AdminChanges} no role is deleted between {@link #withUser}'s check and the write; should a writer
     * that skips the lock delete one, the foreign key refuses the assignment and the answer is the same as if the
     * role had been deleted first (before, this violation was read as a taken email).
     */
    private static <T> T rolesMayVanish(Supplier<T> write) {
        try {
            return write.get();
        } catch (DataIntegrityViolationException violation) {
            if (IntegrityViolations.isViolationOf(violation, RoleService.ASSIGNED_ROLE_FK)) {
                throw unknownRole("A role you assigned was deleted meanwhile.");
            }
            throw violation;
        }
    }

    /**
     * Hashed first, outside the transaction (a first grants check spares a hash for a caller who may not). The check
     * that counts runs again on the account's row locked for the write, in the write's transaction: a role granted to
     * the account meanwhile is seen.
     */
    void resetPassword(UUID id, String newPassword) {
        grants.requireHoldsRoles(accounts.get(id).roles());
        PreparedPassword prepared = accounts.prepareReset(id, newPassword);
        transaction.executeWithoutResult(status -> {
            changes.lock();
            grants.requireHoldsRoles(accounts.getForUpdate(id).roles());
            accounts.resetPassword(id, prepared);
        });
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
        changes.lock();
        ManagedAccount current = accounts.get(id);
        grants.requireHoldsRoles(current.roles());
        accounts.delete(id);
        keepOneAdmin(current, null);
    }

    /** Throwing rolls the whole change back, announcements included. */
    private void keepOneAdmin(ManagedAccount before, @Nullable ManagedAccount after) {
        if (isAdmin(before) && (after == null || !isAdmin(after)) && accounts.enabledAdmins() == 0) {
            throw new AdminProblem(
                    HttpStatus.CONFLICT,
                    "last-admin",
                    "Last administrator",
                    "This change would leave no enabled administrator.");
        }
    }

    private static boolean isAdmin(ManagedAccount account) {
        return account.enabled() && account.roles().contains(BuiltInRoles.ADMIN);
    }

    /** The requested roles plus USER, each existing and each within the caller's grants. */
    private Set<String> withUser(Set<String> requested) {
        Set<String> assigned = new TreeSet<>(requested);
        assigned.add(BuiltInRoles.USER);
        for (String role : assigned) {
            if (!roles.existsById(role)) {
                throw unknownRole("Role '" + role.replaceAll("[^A-Z0-9_]", "?") + "' does not exist.");
            }
        }
        grants.requireHoldsRoles(assigned);
        return assigned;
    }

    private static AdminProblem unknownRole(String detail) {
        return new AdminProblem(HttpStatus.BAD_REQUEST, "unknown-role", "Unknown role", detail);
    }

    static final class AdminProblem extends ApiProblem {
        AdminProblem(HttpStatus status, String type, String title, String detail) {
            super(status, type, title, detail);
        }
    }
}
