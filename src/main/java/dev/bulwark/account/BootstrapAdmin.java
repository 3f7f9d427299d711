package dev.bulwark.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * No account exists by default. The first admin is created at start-up, once, from {@code
 * BULWARK_BOOTSTRAP_ADMIN_EMAIL} and a password given in {@code BULWARK_BOOTSTRAP_ADMIN_PASSWORD} or in the file
 * named by {@code BULWARK_BOOTSTRAP_ADMIN_PASSWORDFILE}. Later starts leave an existing account untouched.
 *
 * <p>It is created once every bean exists and before the web server opens its port (Spring starts lifecycle beans,
 * the web server among them, only after this callback), so the first sign-in a client can make already finds it.
 * The settings were checked before any bean was created ({@link BootstrapAdminSettings}).
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final Settings settings;
    private final AccountService accounts;
    private final AccountRepository repository;

    BootstrapAdmin(Settings settings, AccountService accounts, AccountRepository repository) {
        this.settings = settings;
        this.accounts = accounts;
        this.repository = repository;
    }

    /**
     * @param email the admin's email; nothing happens when unset
     * @param password the admin's password (prefer {@code passwordFile})
     * @param passwordFile a file holding the password, such as a mounted secret
     */
    @ConfigurationProperties("bulwark.bootstrap.admin")
    record Settings(
            @Nullable String email,
            @Nullable String password,
            @Nullable Path passwordFile) {

        boolean configured() {
            return email != null && !email.isBlank();
        }

        /** The password, from the file when one is named; the exception's message says what to fix. */
        String secret() {
            if (passwordFile != null) {
                try {
                    return Files.readString(passwordFile, StandardCharsets.UTF_8)
                            .strip();
                } catch (IOException e) {
                    throw new IllegalStateException(
                            "bulwark.bootstrap.admin.password-file (BULWARK_BOOTSTRAP_ADMIN_PASSWORDFILE) cannot be"
                                    + " read: name a readable file that holds the admin's password.");
                }
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("bulwark.bootstrap.admin.email is set without a password: set"
                        + " BULWARK_BOOTSTRAP_ADMIN_PASSWORDFILE (preferred) or BULWARK_BOOTSTRAP_ADMIN_PASSWORD.");
            }
            return password;
        }
    }

    /**
     * Looks the account up before hashing anything: an existing admin (every start but the first) costs one query, no
     * hash. Two instances starting at once may both find no account; the second insert then finds the first's admin.
     *
     * @throws BootstrapAdminTaken when the email belongs to an account without ADMIN: the start is refused
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (!settings.configured()) {
            return;
        }
        String email = String.valueOf(settings.email());
        Optional<Boolean> admin = holdsAdmin(email);
        boolean created = admin.isEmpty()
                && accounts.registerAtStart(
                        email, settings.secret(), "Administrator", Set.of(BuiltInRoles.USER, BuiltInRoles.ADMIN));
        if (!created && !admin.or(() -> holdsAdmin(email)).orElse(false)) {
            throw new BootstrapAdminTaken();
        }
        log.atInfo()
                .addKeyValue("event", created ? "account.bootstrap_admin_created" : "account.bootstrap_admin_exists")
                .log(created ? "Bootstrap admin created" : "Bootstrap admin already exists; left unchanged");
    }

    /** Whether the account holds ADMIN; empty when no account has the email. */
    private Optional<Boolean> holdsAdmin(String email) {
        return repository
                .findByEmail(Account.normalizeEmail(email))
                .map(account -> account.roles().contains(BuiltInRoles.ADMIN));
    }
}
