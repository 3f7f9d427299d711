package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What points the service at the dev Keycloak ({@code bulwark.oidc.*}, provider {@value #PROVIDER}): written to
 * {@code service.properties} for {@code ./bulwark run --dev}, printed as environment variables for {@code ./bulwark
 * run} (local mode), and how to sign in.
 */
final class IdpSettings {

    static final String PROVIDER = "keycloak";
    static final String LOCAL_ROLE = "ADMIN";
    private static final String SECRET = "bulwark.oidc.providers." + PROVIDER + ".client-secret";

    private IdpSettings() {}

    /** The settings, the client secret included; {@code state} has an IdP. */
    static Map<String, String> properties(DevFolder folder, DevState state) {
        String provider = "bulwark.oidc.providers." + PROVIDER + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bulwark.oidc.base-url", appOrigin(state));
        settings.put(provider + "issuer", DevIdp.issuer(state.idp().port()));
        settings.put(provider + "client-id", IdpRealm.CLIENT_ID);
        settings.put(SECRET, folder.secrets().password(Secrets.IDP_CLIENT).value());
        settings.put(provider + "roles-claim", IdpRealm.ROLES_CLAIM);
        settings.put(provider + "role-mapping." + IdpRealm.ADMIN_ROLE, LOCAL_ROLE);
        return settings;
    }

    static String appOrigin(DevState state) {
        return "http://localhost:" + (state.appPort() != null ? state.appPort() : DevIdp.DEFAULT_APP_PORT);
    }

    /** {@code bulwark.oidc.base-url} as Spring Boot reads it from the environment: {@code BULWARK_OIDC_BASEURL}. */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The same settings as variables for {@code ./bulwark run}; the secret read from its file, never printed. */
    static String environment(DevFolder folder, DevState state) {
        StringBuilder line = new StringBuilder();
        properties(folder, state)
                .forEach((name, value) -> line.append(environmentName(name))
                        .append('=')
                        .append(
                                name.equals(SECRET)
                                        ? "\"$(cat "
                                                + folder.shown(folder.secrets().file(Secrets.IDP_CLIENT)) + ")\""
                                        : value)
                        .append(' '));
        return line.append("./bulwark run").toString();
    }

    /** How to sign in through the dev Keycloak, and as whom. */
    static void signIn(Console console, DevFolder folder, DevState state) {
        Path alice = folder.secrets().file(Secrets.IDP_ALICE);
        Path bob = folder.secrets().file(Secrets.IDP_BOB);
        console.line("");
        console.line("Sign in through the dev IdP (Keycloak, realm " + IdpRealm.NAME + ", the service on "
                + appOrigin(state) + "):");
        console.line("  open " + appOrigin(state) + "/auth/web/login?provider=" + PROVIDER + "&return_to=/auth/web/me");
        console.line("  as " + IdpRealm.ALICE + " (realm role " + IdpRealm.ADMIN_ROLE + " -> " + LOCAL_ROLE
                + "), password in " + folder.shown(alice));
        console.line("  or " + IdpRealm.BOB + " (no role), password in " + folder.shown(bob));
        console.line("  ./bulwark run --dev adds the bulwark.oidc.* settings by itself; in local mode:");
        console.line("  " + environment(folder, state));
        console.line(
                "  Keycloak's admin console: http://localhost:" + state.idp().port() + "/admin (user " + DevIdp.ADMIN
                        + ", password in " + folder.shown(folder.secrets().file(Secrets.IDP_ADMIN)) + ")");
    }
}
