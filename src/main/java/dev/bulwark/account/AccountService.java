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

    AccountService(
            AccountRepository repository,
            PasswordHashing hashing,
            PasswordPolicy policy,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            Clock clock) {
        this.repository = repository;
        this.hashing = hashing;
        this.policy = policy;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
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
                    Account decoy =
                            repository.saveAndFlush(Account.register(decoyEmail(), displayName, hash, roles, clock));
                    repository.delete(decoy);
                    repository.flush();
                    return false;
                }
                repository.saveAndFlush(Account.register(normalized, displayName, hash, roles, clock));
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
        return account.view();
    }

    /** Hashing happens outside the transaction, so a slow hash never holds a database connection. */
    void changePassword(UUID id, String currentPassword, String newPassword, @Nullable UUID sessionToKeep) {
        Account account = repository.findById(id).orElseThrow(AccountNotFound::new);
        if (!hashing.exclusively(() -> hashing.matches(currentPassword, account.passwordHash()))) {
            throw new CurrentPasswordMismatch();
        }
        policy.check(newPassword, account.email());
        String hash = hashing.exclusively(() -> hashing.hash(newPassword));
        transaction.executeWithoutResult(status -> {
            Account current = repository.findById(id).orElseThrow(AccountNotFound::new);
            current.changePasswordHash(hash, clock);
            events.publishEvent(new AccountPasswordChanged(id, sessionToKeep));
            events.publishEvent(AuditableEvent.of("user.password_changed", id, null));
        });
        log.atInfo()
                .addKeyValue("event", "account.password_changed")
                .addKeyValue("userId", id)
                .log("Password changed");
    }

    /** An administrator set a new password: policy-checked, hashed outside any transaction; every session ends. */
    void resetPassword(Account account, String newPassword) {
        policy.check(newPassword, account.email());
        String hash = hashing.exclusively(() -> hashing.hash(newPassword));
        transaction.executeWithoutResult(status -> {
            Account current = repository.findById(account.id()).orElseThrow(AccountNotFound::new);
            current.changePasswordHash(hash, clock);
            events.publishEvent(new AccountPasswordChanged(account.id(), null));
            events.publishEvent(AuditableEvent.of("user.password_reset", account.id(), null));
        });
    }
}
