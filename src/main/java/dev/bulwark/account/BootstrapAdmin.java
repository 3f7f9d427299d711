package dev.bulwark.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * No account exists by default. The first admin is created at start-up, once, from {@code
 * BULWARK_BOOTSTRAP_ADMIN_EMAIL} and a password given in {@code BULWARK_BOOTSTRAP_ADMIN_PASSWORD} or in the file
 * named by {@code BULWARK_BOOTSTRAP_ADMIN_PASSWORDFILE}. Later starts leave an existing account untouched.
 */
@Component
class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final Settings settings;
    private final AccountService accounts;

    BootstrapAdmin(Settings settings, AccountService accounts) {
        this.settings = settings;
        this.accounts = accounts;
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
            @Nullable Path passwordFile) {}

    @EventListener(ApplicationReadyEvent.class)
    void createIfConfigured() {
        if (settings.email() == null || settings.email().isBlank()) {
            return;
        }
        boolean created = accounts.register(
                settings.email(), password(), "Administrator", Set.of(BuiltInRoles.USER, BuiltInRoles.ADMIN));
        log.atInfo()
                .addKeyValue("event", created ? "account.bootstrap_admin_created" : "account.bootstrap_admin_exists")
                .log(created ? "Bootstrap admin created" : "Bootstrap admin already exists; left unchanged");
    }

    private String password() {
        if (settings.passwordFile() != null) {
            try {
                return Files.readString(settings.passwordFile(), StandardCharsets.UTF_8)
                        .strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read bulwark.bootstrap.admin.password-file", e);
            }
        }
        if (settings.password() == null || settings.password().isEmpty()) {
            throw new IllegalStateException(
                    "bulwark.bootstrap.admin.email is set but neither a password nor a password file is given");
        }
        return settings.password();
    }
}
