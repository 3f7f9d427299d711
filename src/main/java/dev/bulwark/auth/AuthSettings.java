package dev.bulwark.auth;

import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What the production guard (ops) may ask about the auth module's settings before any bean exists. Asked through a
 * method, not a copied property name, so the dependency is visible to Spring Modulith and the name lives here only.
 */
public final class AuthSettings {

    private static final String SIGNING_KEYS = "bulwark.auth.signing-keys";
    private static final String REVOCATION_FAIL_OPEN = "bulwark.auth.revocation-fail-open";

    private AuthSettings() {}

    /** Whether at least one access-token signing key is configured. */
    public static boolean hasSigningKey(Environment environment) {
        return !Binder.get(environment)
                .bind(SIGNING_KEYS, Bindable.listOf(String.class))
                .orElse(List.of())
                .isEmpty();
    }

    /** The problem and its fix, for the production guard's report. */
    public static String missingSigningKey() {
        return SIGNING_KEYS + " (BULWARK_AUTH_SIGNINGKEYS) is empty: production needs at least one RSA private key"
                + " (PKCS#8 PEM, or a file: location) to sign access tokens.";
    }

    /** Whether revocation checks are set to let tokens through while Redis is down. */
    public static boolean revocationFailsOpen(Environment environment) {
        return environment.getProperty(REVOCATION_FAIL_OPEN, Boolean.class, false);
    }

    public static String revocationFailOpenProblem() {
        return REVOCATION_FAIL_OPEN + " is true: remove it; while Redis is down signed-out tokens would work again.";
    }
}
