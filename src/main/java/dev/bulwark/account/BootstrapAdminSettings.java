package dev.bulwark.account;

import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Checks the bootstrap admin's settings from the configuration alone, before any bean exists, so that the ops
 * module's start-up guard can refuse a start that could not create the admin together with every other problem,
 * in one report, rather than failing later with a stack trace.
 */
public final class BootstrapAdminSettings {

    private BootstrapAdminSettings() {}

    /** @return each problem as a sentence that ends with its fix; empty when the settings are usable or unset */
    public static List<String> problemsIn(Environment environment) {
        BootstrapAdmin.Settings settings =
                Binder.get(environment).bindOrCreate("bulwark.bootstrap.admin", BootstrapAdmin.Settings.class);
        if (!settings.configured()) {
            return List.of();
        }
        try {
            new PasswordPolicy().check(settings.secret(), Account.normalizeEmail(String.valueOf(settings.email())));
            return List.of();
        } catch (IllegalStateException unusable) {
            return List.of(String.valueOf(unusable.getMessage()));
        } catch (WeakPassword weak) {
            String source = settings.passwordFile() != null
                    ? "bulwark.bootstrap.admin.password-file (BULWARK_BOOTSTRAP_ADMIN_PASSWORDFILE)"
                    : "bulwark.bootstrap.admin.password (BULWARK_BOOTSTRAP_ADMIN_PASSWORD)";
            return List.of(source + " is refused by the password policy (" + weak.getMessage()
                    + "): choose a passphrase of " + PasswordPolicy.MIN_LENGTH + " to " + PasswordPolicy.MAX_LENGTH
                    + " characters that is not a common password and does not contain the email's name part.");
        }
    }
}
