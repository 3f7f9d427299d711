package dev.bulwark.account;

import dev.bulwark.common.HashingPool;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What the auth module may ask of accounts: check credentials, look an account up. */
@Service
public class Accounts {

    private final AccountRepository repository;
    private final PasswordHashing hashing;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Clock clock;

    Accounts(
            AccountRepository repository,
            PasswordHashing hashing,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            Clock clock) {
        this.repository = repository;
        this.hashing = hashing;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Checks an email and password, hashing in the place the caller claimed ({@link HashingPool#claim}). Each outcome
     * costs one password hash check, so none can be told apart by timing (a dummy hash stands in for an unknown
     * email). A match on an outdated hash replaces it with a current one. The account is read before the work goes
     * to the pool and written after it comes back: a hashing thread is held for hashing only (while the database was
     * down, a thread held for the 2 s connection timeout made other sign-ins wait or answer 503 busy; found by {@code
     * ./bulwark bench faults}). The caller's place is held across the read, so with the database down at most the
     * pool's places wait for it and further sign-ins are refused busy at once. No transaction is open while hashing.
     */
    public CredentialCheck checkCredentials(String email, String password, HashingPool.Place place) {
        Optional<Account> found = repository.findByEmail(Account.normalizeEmail(email));
        Optional<Check> checked = hashing.in(place, () -> check(found, password));
        if (checked.isEmpty()) {
            return new CredentialCheck.NotChecked();
        }
        Check check = checked.get();
        if (!check.accepted()) {
            return new CredentialCheck.Rejected();
        }
        Account account = found.orElseThrow();
        if (check.upgradedHash() != null) {
            String upgraded = check.upgradedHash();
            // compare-and-set: a password changed meanwhile keeps its new hash (0 rows written)
            transaction.executeWithoutResult(
                    status -> repository.upgradeHash(account.id(), account.passwordHash(), upgraded, clock.instant()));
        }
        return new CredentialCheck.Accepted(account.view());
    }

    /**
     * Locks the account row for the caller's transaction and answers its credential version (empty: no such account).
     * A session is started under this lock only when the version is still the one its password was checked against.
     */
    public OptionalLong lockCredentialVersion(UUID id) {
        return repository.lockCredentialVersion(id).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** The account's credential version, read without a lock (empty: no such account). */
    public OptionalLong credentialVersion(UUID id) {
        return jdbc.sql("SELECT credential_version FROM account WHERE id = ?")
                .param(id)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty);
    }

    private record Check(boolean accepted, @Nullable String upgradedHash) {}

    private Check check(Optional<Account> found, String password) {
        if (found.isEmpty()) {
            hashing.matchAgainstDummy(password);
            return new Check(false, null);
        }
        Account account = found.get();
        if (!hashing.matchesTakingCurrentTime(password, account.passwordHash()) || !account.enabled()) {
            return new Check(false, null);
        }
        return new Check(true, hashing.needsRehash(account.passwordHash()) ? hashing.hash(password) : null);
    }

    /**
     * The account by one query and no transaction of its own: this is the hot path of every {@code GET /api/v1/me},
     * which through the repository cost a BEGIN, a SELECT, a COMMIT and an aggregate load. Called inside a
     * transaction, it reads through that transaction's connection.
     */
    public Optional<AccountView> find(UUID id) {
        List<Row> rows = jdbc.sql("""
                        SELECT a.email, a.display_name, a.enabled, a.created_at, a.credential_version, r.role
                        FROM account a LEFT JOIN account_role r ON r.account_id = a.id
                        WHERE a.id = ?""")
                .param(id)
                .query((row, number) -> new Row(
                        row.getString(1),
                        row.getString(2),
                        row.getBoolean(3),
                        row.getObject(4, OffsetDateTime.class).toInstant(),
                        row.getLong(5),
                        row.getString(6)))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row account = rows.getFirst();
        Set<String> roles =
                rows.stream().map(Row::role).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new AccountView(
                id,
                account.email(),
                account.displayName(),
                roles,
                account.enabled(),
                account.createdAt(),
                account.credentialVersion()));
    }

    /** One row of {@link #find}: the account's columns, repeated for each of its roles. */
    private record Row(
            String email,
            String displayName,
            boolean enabled,
            Instant createdAt,
            long credentialVersion,
            @Nullable String role) {}
}
