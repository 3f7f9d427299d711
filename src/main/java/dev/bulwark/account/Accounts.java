package dev.bulwark.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
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
     * email). A match on an outdated hash replaces it with a current one. No transaction is open while hashing, so
     * slow hashes never hold database connections.
     */
    public Optional<AccountView> checkCredentials(String email, String password) {
        return hashing.exclusively(() -> verify(email, password));
    }

    private Optional<AccountView> verify(String email, String password) {
        Optional<Account> found = repository.findByEmail(Account.normalizeEmail(email));
        if (found.isEmpty()) {
            hashing.matchAgainstDummy(password);
            return Optional.empty();
        }
        Account account = found.get();
        if (!hashing.matches(password, account.passwordHash()) || !account.enabled()) {
            return Optional.empty();
        }
        if (hashing.needsRehash(account.passwordHash())) {
            String upgraded = hashing.hash(password);
            transaction.executeWithoutResult(status -> repository
                    .findById(account.id())
                    .ifPresent(current -> current.changePasswordHash(upgraded, clock)));
        }
        return Optional.of(account.view());
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> find(UUID id) {
        return repository.findById(id).map(Account::view);
    }
}
