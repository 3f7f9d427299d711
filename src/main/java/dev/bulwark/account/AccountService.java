package dev.bulwark.account;

import dev.bulwark.audit.AuditableEvent;
import dev.bulwark.common.IntegrityViolations;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration, profile and password changes. */
@Service
class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    /** The unique index on account.email (migration V202611231900). */
    private static final String EMAIL_UNIQUE = "account_email_key";

    private final AccountRepository repository;
    private final PasswordHashing hashing;
    private final PasswordPolicy policy;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AccountViews views;

    AccountService(
            AccountRepository repository,
            PasswordHashing hashing,
            PasswordPolicy policy,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            Clock clock,
            AccountViews views) {
        this.repository = repository;
        this.hashing = hashing;
        this.policy = policy;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.views = views;
    }

    /**
     * Creates the account unless the email is taken. The caller cannot tell which happened: the password is hashed
     * either way (the dominant cost), and both outcomes return normally.
     */
    void register(String email, String password, String displayName) {
        register(email, password, displayName, BuiltInRoles.DEFAULT);
    }

    /** @return whether an account was created */
    boolean register(String email, String password, String displayName, Set<String> roles) {
        return insert(email, hashNewPassword(email, password), displayName, roles);
    }

    /**
     * The bootstrap admin's account, unless the email is taken (then false). A one-off at start-up that no client
     * waits on, so the hash waits for a slot as long as it takes: with the request path's 1 s limit a loaded machine
     * refused the start with 503 busy.
     */
    boolean registerAtStart(String email, String password, String displayName, Set<String> roles) {
        policy.check(password, Account.normalizeEmail(email));
        PreparedPassword hash = new PreparedPassword(hashing.patiently(() -> hashing.hash(password)));
        return insert(email, hash, displayName, roles);
    }

    /** Policy-checked and hashed outside any transaction, so a slow hash holds no connection and no lock. */
    PreparedPassword hashNewPassword(String email, String password) {
        policy.check(password, Account.normalizeEmail(email));
        return new PreparedPassword(hashing.exclusively(() -> hashing.hash(password)));
    }

    /**
     * Inserts the account unless the email is taken (then false). Joins the caller's transaction if there is one.
     *
     * @return whether an account was created
     */
    boolean insert(String email, PreparedPassword password, String displayName, Set<String> roles) {
        String normalized = Account.normalizeEmail(email);
        String hash = password.hash();
        try {
            Boolean created = transaction.execute(status -> {
                if (repository.existsByEmail(normalized)) {
                    // The same database work as a real sign-up, including a durable commit (a rollback skips the
                    // fsync and answered ~20% faster, measured): a taken email must not answer faster.
                    Account decoy = repository.save(Account.register(decoyEmail(), displayName, hash, roles, clock));
                    repository.delete(decoy);
                    return false;
                }
                repository.save(Account.register(normalized, displayName, hash, roles, clock));
                return true;
            });
            if (Boolean.TRUE.equals(created)) {
                log.atInfo().addKeyValue("event", "account.registered").log("Account registered");
            }
            return Boolean.TRUE.equals(created);
        } catch (DataIntegrityViolationException violation) {
            if (IntegrityViolations.isViolationOf(violation, EMAIL_UNIQUE)) {
                return false; // the same email registered a moment ago: same answer as any taken email
            }
            throw violation; // anything else is not "taken": a guess here answered email-taken for a free address
        }
    }

    private String decoyEmail() {
        return "decoy-" + UUID.randomUUID() + "@invalid";
    }

    @Transactional
    AccountView rename(UUID id, String displayName) {
        Account account = repository.findById(id).orElseThrow(AccountNotFound::new);
        account.rename(displayName, clock);
        account = repository.save(account);
        views.changed(id);
        return account.view();
    }

    /**
     * Hashing happens outside the transaction, so a slow hash never holds a database connection. The write happens
     * only while the credential version is still the one the current password was checked against: of two concurrent
     * changes one wins and the other gets 409 conflict (its current-password check was made against a hash that no
     * longer exists).
     */
    void changePassword(UUID id, String currentPassword, String newPassword, @Nullable UUID sessionToKeep) {
        Account account = repository.findById(id).orElseThrow(AccountNotFound::new);
        if (!hashing.exclusively(() -> hashing.matches(currentPassword, account.passwordHash()))) {
            throw new CurrentPasswordMismatch();
        }
        policy.check(newPassword, account.email());
        String hash = hashing.exclusively(() -> hashing.hash(newPassword));
        transaction.executeWithoutResult(status -> {
            writePassword(id, account.credentialVersion(), hash);
            events.publishEvent(new AccountPasswordChanged(id, sessionToKeep));
            events.publishEvent(AuditableEvent.of("user.password_changed", id, null));
        });
        log.atInfo()
                .addKeyValue("event", "account.password_changed")
                .addKeyValue("userId", id)
                .log("Password changed");
    }

    /** An administrator's new password, hashed beforehand; joins the caller's transaction. Every session ends. */
    void resetPassword(UUID id, PreparedPassword password) {
        writePassword(id, null, password.hash());
        events.publishEvent(new AccountPasswordChanged(id, null));
    }

    /**
     * Locks the row first (a sign-in starting a session waits here, then sees the new version and is refused), then
     * writes before the caller revokes sessions, so the revocation sees every session committed before.
     */
    private void writePassword(UUID id, @Nullable Long expectedVersion, String hash) {
        long version = repository.lockCredentialVersion(id).orElseThrow(AccountNotFound::new);
        if (expectedVersion != null && version != expectedVersion) {
            throw new AccountChangedMeanwhile();
        }
        Account current = repository.findById(id).orElseThrow(AccountNotFound::new);
        current.changePassword(hash, clock);
        repository.save(current);
    }
}
