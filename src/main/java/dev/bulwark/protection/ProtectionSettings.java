package dev.bulwark.protection;

import org.springframework.core.env.Environment;

/**
 * What the production guard (ops) may ask about this module's settings before any bean exists. Asked through a
 * method, not a copied property name, so the dependency is visible to Spring Modulith and the name lives here only.
 */
public final class ProtectionSettings {

    private static final String RATE_LIMITS_ENABLED = "bulwark.protection.rate-limits-enabled";

    private ProtectionSettings() {}

    /** Whether every rate limit is switched off (benchmarks only). */
    public static boolean rateLimitsDisabled(Environment environment) {
        return !environment.getProperty(RATE_LIMITS_ENABLED, Boolean.class, true);
    }

    public static String rateLimitsDisabledWarning() {
        return RATE_LIMITS_ENABLED + " is false: no rate limit protects sign-in, registration or password changes;"
                + " remove it outside a benchmark.";
    }
}
