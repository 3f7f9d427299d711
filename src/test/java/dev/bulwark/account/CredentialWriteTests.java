package dev.bulwark.account;

import static dev.bulwark.AuthClient.PASSWORD;
import static dev.bulwark.AuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.bulwark.AuthClient;
import dev.bulwark.Blocker;
import dev.bulwark.IntegrationTest;
import dev.bulwark.common.HashingPool;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12: password writes that race each other or a sign-in, legacy-hash timing, emails in driver errors. */
@IntegrationTest
class CredentialWriteTests {

    private static final String NEWER_HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode("a newer passphrase");

    @Autowired
    HashingPool hashingPool;

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountRepository repository;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordHashing hashing;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void aHashUpgradeRacingAPasswordChangeKeepsTheNewerHash() throws Exception {
        String email = AuthClient.uniqueEmail();
        UUID id = legacyAccount(email);
        // The change holds the row while the sign-in checks the old bcrypt hash and tries to upgrade it.
        Blocker.Outcome login = Blocker.afterConcurrentWrite(
                dataSource,
                () -> new AuthClient(mvc).login(email, PASSWORD),
                "update account set password_hash = ?, credential_version = credential_version + 1 where id = ?",
                NEWER_HASH,
                id);
        // The old password matched, but the change committed before the session: refused, and the hash kept.
        assertThat(login.status()).isEqualTo(401);
        assertThat(repository.findById(id).orElseThrow().passwordHash()).isEqualTo(NEWER_HASH);
    }

    @Test
    void aPasswordChangeWhoseCheckWasOvertakenAnswersConflictAndWritesNothing() throws Exception {
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens tokens = new AuthClient(mvc).newUser(email);
        UUID id = repository.findByEmail(email).orElseThrow().id();
        // Another change commits after this one checked the current password, before it writes.
        Blocker.Outcome change = Blocker.afterConcurrentWrite(
                dataSource,
                () -> mvc.perform(post("/api/v1/me/password")
                        .header("Authorization", tokens.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("currentPassword", PASSWORD, "newPassword", "the losing passphrase"))),
                "update account set password_hash = ?, credential_version = credential_version + 1 where id = ?",
                NEWER_HASH,
                id);
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.body()).contains("https://bulwark.dev/problems/conflict");
        Account stored = repository.findById(id).orElseThrow();
        assertThat(stored.passwordHash()).isEqualTo(NEWER_HASH);
        assertThat(stored.credentialVersion()).isEqualTo(1);
    }

    @Test
    void aLegacyHashWithAnUncheckablePasswordCostsADummyArgon2Check() {
        String email = AuthClient.uniqueEmail();
        legacyAccount(email);
        long before = hashing.dummyChecks();
        // bcrypt refuses more than 72 bytes before hashing: without the dummy check this answered in ~0 ms
        assertThat(accounts.checkCredentials(
                        email, "x".repeat(100), hashingPool.claim().orElseThrow()))
                .isInstanceOf(CredentialCheck.Rejected.class);
        assertThat(hashing.dummyChecks()).isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void aDuplicateEmailErrorDoesNotCarryTheEmail() {
        String email = AuthClient.uniqueEmail();
        legacyAccount(email);
        DataIntegrityViolationException violation = catchThrowableOfType(
                DataIntegrityViolationException.class,
                () -> jdbc.sql("""
                                insert into account (id, email, display_name, password_hash, enabled, created_at,
                                                     updated_at, version)
                                select ?, email, display_name, password_hash, enabled, created_at, updated_at, 0
                                from account where email = ?""").params(UUID.randomUUID(), email).update());
        assertThat(violation).isNotNull();
        assertThat(violation.getMessage()).contains("account_email_key").doesNotContain(email);
        assertThat(violation.getMostSpecificCause().getMessage()).doesNotContain(email);
    }

    private UUID legacyAccount(String email) {
        String legacy = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
        return repository
                .save(Account.register(email, "Legacy", legacy, BuiltInRoles.DEFAULT, clock))
                .id();
    }
}
