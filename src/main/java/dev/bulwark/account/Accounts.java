package dev.bulwark.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** What the auth module may ask of accounts: check credentials, look an account up. */
@Service
public class Accounts {

    private final AccountRepository repository;
    private final PasswordHashing hashing;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Accounts(AccountRepository repository, PasswordHashing hashing, TransactionTemplate transaction, Clock clock) {
        this.repository = repository;
        this.hashing = hashing;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * The account, when the email exists, the password matches and the account is enabled; empty otherwise. Each
     * case costs one password hash check, so none can be told apart by timing (a dummy hash stands in for an unknown
     * email). A match on an outdated hash replaces it with a current one. The account is read before a hashing slot
     * is taken and written after it is given back: a slot is held for hashing only (while the database was down, a
     * slot held for the 2 s connection timeout made other sign-ins wait or answer 503 busy; found by
     * {@code ./bulwark bench faults}). No transaction is open while hashing.
     */
    public Optional<AccountView> checkCredentials(String email, String password) {
        Optional<Account> found = repository.findByEmail(Account.normalizeEmail(email));
        Check check = hashing.exclusively(() -> check(found, password));
        if (!check.accepted()) {
            return Optional.empty();
        }
        Account account = found.orElseThrow();
        if (check.upgradedHash() != null) {
            String upgraded = check.upgradedHash();
            transaction.executeWithoutResult(status -> repository
                    .findById(account.id())
                    .ifPresent(current -> current.changePasswordHash(upgraded, clock)));
        }
        return Optional.of(account.view());
    }

    private record Check(boolean accepted, @Nullable String upgradedHash) {}

    private Check check(Optional<Account> found, String password) {
        if (found.isEmpty()) {
            hashing.matchAgainstDummy(password);
            return new Check(false, null);
        }
        Account account = found.get();
        if (!hashing.matches(password, account.passwordHash()) || !account.enabled()) {
            return new Check(false, null);
        }
        return new Check(true, hashing.needsRehash(account.passwordHash()) ? hashing.hash(password) : null);
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> find(UUID id) {
        return repository.findById(id).map(Account::view);
    }
}
