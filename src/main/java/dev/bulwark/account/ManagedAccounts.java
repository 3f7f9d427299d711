package dev.bulwark.account;

import dev.bulwark.audit.AuditableEvent;
import dev.bulwark.web.Page;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator's module (access) may do to accounts: read, list, create, change, reset a password, delete.
 * The rules about who may do it (grants, the last admin) live with the caller; the account's own invariants live in
 * {@link Account}. Changes announce themselves: {@link AccountRolesChanged} and {@link AccountDisabled} for the auth
 * module, {@link AuditableEvent}s for the audit trail.
 */
@Service
public class ManagedAccounts {

    /** Null fields stay as they are. */
    public record Changes(
            @Nullable String displayName,
            @Nullable Set<String> roles,
            @Nullable Boolean enabled) {}

    private final AccountRepository repository;
    private final AccountService accounts;
    private final AccountQueries queries;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AccountViews views;

    ManagedAccounts(
            AccountRepository repository,
            AccountService accounts,
            AccountQueries queries,
            ApplicationEventPublisher events,
            Clock clock,
            AccountViews views) {
        this.repository = repository;
        this.accounts = accounts;
        this.queries = queries;
        this.events = events;
        this.clock = clock;
        this.views = views;
    }

    /** The live (not deleted) account; 404 problem otherwise. */
    @Transactional(readOnly = true)
    public ManagedAccount get(UUID id) {
        return ManagedAccount.of(live(id));
    }

    public Page<ManagedAccount> page(AccountFilter filter, int limit, @Nullable String after) {
        return queries.page(filter, limit, after);
    }

    /** Every live account as NDJSON, streamed from a database cursor. */
    public void export(OutputStream out) {
        queries.export(out);
    }

    /** Policy check and hash, before any transaction: a slow hash must not hold the caller's lock. */
    public PreparedPassword prepare(String email, String password) {
        return accounts.hashNewPassword(email, password);
    }

    /** The new account, or empty when the email is taken. Joins the caller's transaction. */
    public Optional<ManagedAccount> create(
            String email, PreparedPassword password, String displayName, Set<String> roles) {
        if (!accounts.insert(email, password, displayName, roles)) {
            return Optional.empty();
        }
        Account created = repository.findByEmail(Account.normalizeEmail(email)).orElseThrow();
        events.publishEvent(
                AuditableEvent.of("user.created", created.id(), "roles=" + String.join(",", created.roles())));
        return Optional.of(ManagedAccount.of(created));
    }

    /** Applies the whole change, or none of it: 409 conflict when {@code version} is not the current one. */
    @Transactional
    public ManagedAccount change(UUID id, long version, Changes changes) {
        Account account = live(id);
        if (account.version() != version) {
            throw new AccountChangedMeanwhile();
        }
        List<Object> announcements = new ArrayList<>();
        if (changes.displayName() != null) {
            account.rename(changes.displayName(), clock);
            announcements.add(AuditableEvent.of("user.renamed", id, null));
        }
        if (changes.roles() != null && !changes.roles().equals(account.roles())) {
            account.assignRoles(changes.roles(), clock);
            announcements.add(new AccountRolesChanged(id));
            announcements.add(
                    AuditableEvent.of("user.roles_changed", id, "roles=" + String.join(",", changes.roles())));
        }
        if (changes.enabled() != null && changes.enabled() != account.enabled()) {
            announcements.addAll(changes.enabled() ? enable(account) : disable(account));
        }
        if (announcements.isEmpty()) {
            return ManagedAccount.of(account); // nothing changed: the version stays, as a repeated request expects
        }
        account = repository.save(account);
        views.changed(id);
        announcements.forEach(events::publishEvent);
        return ManagedAccount.of(account);
    }

    private List<Object> enable(Account account) {
        account.enable(clock);
        return List.of(AuditableEvent.of("user.enabled", account.id(), null));
    }

    private List<Object> disable(Account account) {
        account.disable(clock);
        return List.of(new AccountDisabled(account.id()), AuditableEvent.of("user.disabled", account.id(), null));
    }

    /** Policy check and hash of an administrator's new password for this account, before any transaction. */
    public PreparedPassword prepareReset(UUID id, String newPassword) {
        return accounts.hashNewPassword(get(id).email(), newPassword);
    }

    /** The live account read after locking its row until the caller's transaction ends: checks on it hold. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ManagedAccount getForUpdate(UUID id) {
        repository.lockCredentialVersion(id).orElseThrow(AccountNotFound::new);
        return ManagedAccount.of(live(id));
    }

    /** Sets a password from {@link #prepareReset} in the caller's transaction; every session of the account ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void resetPassword(UUID id, PreparedPassword password) {
        accounts.resetPassword(live(id).id(), password);
        events.publishEvent(AuditableEvent.of("user.password_reset", id, null));
    }

    /** Soft delete: personal data is overwritten and every session ends. */
    @Transactional
    public void delete(UUID id) {
        Account account = live(id);
        account.anonymize(clock);
        repository.save(account);
        views.changed(id);
        events.publishEvent(new AccountDisabled(id));
        events.publishEvent(AuditableEvent.of("user.deleted", id, null));
    }

    /** Enabled, live accounts holding ADMIN, as the current transaction sees them. */
    public long enabledAdmins() {
        return repository.countEnabledAdmins();
    }

    private Account live(UUID id) {
        return repository.findById(id).filter(a -> !a.deleted()).orElseThrow(AccountNotFound::new);
    }
}
