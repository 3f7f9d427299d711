package dev.bulwark.cli.dev;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm {@code bulwark} the dev Keycloak imports: one confidential client for the service's backend-for-frontend
 * (authorization code flow only, PKCE S256 required, back-channel logout to the service) and two users, an admin and
 * one without a role. Generated at each start from the secrets of {@code data/dev/secrets}, never committed.
 *
 * @param appPort the port the service runs on, on localhost: its callback, logout and origin URLs
 */
record IdpRealm(int appPort, String clientSecret, String alicePassword, String bobPassword) {

    static final String NAME = "bulwark";
    static final String CLIENT_ID = "bulwark";
    static final String ROLES_CLAIM = "roles";
    static final String ADMIN_ROLE = "admins";
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** {@code http://localhost:<app port>}: the service's origin as the browser sees it. */
    String appOrigin() {
        return "http://localhost:" + appPort;
    }

    String json() {
        return JSON.writeValueAsString(Map.of(
                "realm",
                NAME,
                "enabled",
                true,
                "sslRequired",
                "external", // http on loopback only
                "registrationAllowed",
                false,
                "roles",
                Map.of("realm", List.of(Map.of("name", ADMIN_ROLE))),
                "clients",
                List.of(client()),
                "users",
                List.of(
                        user("alice", ALICE, "Alice", alicePassword, List.of(ADMIN_ROLE)),
                        user("bob", BOB, "Bob", bobPassword, List.of()))));
    }

    private Map<String, Object> client() {
        return Map.ofEntries(
                Map.entry("clientId", CLIENT_ID),
                Map.entry("name", "Bulwark (dev)"),
                Map.entry("enabled", true),
                Map.entry("protocol", "openid-connect"),
                Map.entry("publicClient", false),
                Map.entry("clientAuthenticatorType", "client-secret"),
                Map.entry("secret", clientSecret),
                Map.entry("standardFlowEnabled", true),
                Map.entry("implicitFlowEnabled", false),
                Map.entry("directAccessGrantsEnabled", false), // no password grant: the login page is the only way
                Map.entry("serviceAccountsEnabled", false),
                Map.entry("frontchannelLogout", false),
                Map.entry("redirectUris", List.of(appOrigin() + "/auth/web/callback")),
                Map.entry("webOrigins", List.of(appOrigin())),
                Map.entry(
                        "attributes",
                        Map.of(
                                "pkce.code.challenge.method", "S256",
                                "post.logout.redirect.uris", appOrigin() + "/*",
                                "backchannel.logout.url", appOrigin() + "/auth/web/backchannel-logout",
                                "backchannel.logout.session.required", "true",
                                "backchannel.logout.revoke.offline.tokens", "false")),
                Map.entry("protocolMappers", List.of(rolesMapper())));
    }

    /** The user's realm roles as a list of strings in the ID token, where the service's role mapping reads them. */
    private static Map<String, Object> rolesMapper() {
        return Map.of(
                "name",
                "realm roles in " + ROLES_CLAIM,
                "protocol",
                "openid-connect",
                "protocolMapper",
                "oidc-usermodel-realm-role-mapper",
                "consentRequired",
                false,
                "config",
                Map.of(
                        "claim.name", ROLES_CLAIM,
                        "jsonType.label", "String",
                        "multivalued", "true",
                        "id.token.claim", "true",
                        "access.token.claim", "true",
                        "userinfo.token.claim", "true",
                        "introspection.token.claim", "true"));
    }

    /** A user who can sign in at once: verified email, first and last name (else Keycloak asks for them first). */
    private static Map<String, Object> user(
            String username, String email, String firstName, String password, List<String> roles) {
        return Map.of(
                "username",
                username,
                "email",
                email,
                "emailVerified",
                true,
                "enabled",
                true,
                "firstName",
                firstName,
                "lastName",
                "Example",
                "credentials",
                List.of(Map.of("type", "password", "value", password, "temporary", false)),
                "realmRoles",
                roles,
                "requiredActions",
                List.of());
    }
}
