package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The realm the dev Keycloak imports, and the settings that point the service at it. */
class IdpRealmTests {

    @TempDir
    Path folder;

    final JsonNode realm = JsonMapper.builder()
            .build()
            .readTree(new IdpRealm(48081, "client-secret-1", "alice-password-1", "bob-password-1").json());

    @Test
    void theClientIsConfidentialWithTheCodeFlowOnlyAndPkceS256() {
        JsonNode client = realm.get("clients").get(0);

        assertThat(realm.get("realm").asString()).isEqualTo("bulwark");
        assertThat(client.get("clientId").asString()).isEqualTo("bulwark");
        assertThat(client.get("publicClient").asBoolean()).isFalse();
        assertThat(client.get("secret").asString()).isEqualTo("client-secret-1");
        assertThat(client.get("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.get("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.get("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.get("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(client.get("attributes").get("pkce.code.challenge.method").asString())
                .isEqualTo("S256");
    }

    @Test
    void theClientsUrlsNameTheServiceOnItsPort() {
        JsonNode client = realm.get("clients").get(0);
        JsonNode attributes = client.get("attributes");

        assertThat(strings(client.get("redirectUris"))).containsExactly("http://localhost:48081/auth/web/callback");
        assertThat(strings(client.get("webOrigins"))).containsExactly("http://localhost:48081");
        assertThat(attributes.get("post.logout.redirect.uris").asString()).isEqualTo("http://localhost:48081/*");
        assertThat(attributes.get("backchannel.logout.url").asString())
                .isEqualTo("http://localhost:48081/auth/web/backchannel-logout");
        assertThat(attributes.get("backchannel.logout.session.required").asString())
                .isEqualTo("true");
    }

    @Test
    void realmRolesGoIntoTheIdTokenAsAListNamedRoles() {
        JsonNode mapper = realm.get("clients").get(0).get("protocolMappers").get(0);
        JsonNode config = mapper.get("config");

        assertThat(mapper.get("protocolMapper").asString()).isEqualTo("oidc-usermodel-realm-role-mapper");
        assertThat(config.get("claim.name").asString()).isEqualTo("roles");
        assertThat(config.get("multivalued").asString()).isEqualTo("true");
        assertThat(config.get("id.token.claim").asString()).isEqualTo("true");
        assertThat(realm.get("roles").get("realm").get(0).get("name").asString())
                .isEqualTo("admins");
    }

    @Test
    void aliceIsAnAdminAndBobHasNoRoleBothVerifiedWithTheirPasswords() {
        JsonNode alice = user("alice@example.com");
        JsonNode bob = user("bob@example.com");

        assertThat(strings(alice.get("realmRoles"))).containsExactly("admins");
        assertThat(strings(bob.get("realmRoles"))).isEmpty();
        for (JsonNode user : List.of(alice, bob)) {
            assertThat(user.get("emailVerified").asBoolean()).isTrue();
            assertThat(user.get("enabled").asBoolean()).isTrue();
            assertThat(user.get("firstName").asString())
                    .as("else Keycloak asks for it first")
                    .isNotBlank();
            assertThat(user.get("lastName").asString()).isNotBlank();
            assertThat(user.get("requiredActions")).isEmpty();
            assertThat(user.get("credentials").get(0).get("temporary").asBoolean())
                    .isFalse();
        }
        assertThat(alice.get("credentials").get(0).get("value").asString()).isEqualTo("alice-password-1");
        assertThat(bob.get("credentials").get(0).get("value").asString()).isEqualTo("bob-password-1");
    }

    @Test
    void theSettingsNameTheIssuerClientAndRoleMappingAndTheEnvironmentFormHidesTheSecret() {
        DevFolder dev = DevFolder.of(folder);
        String secret = dev.secrets().password(Secrets.IDP_CLIENT).value();
        DevState.Service keycloak =
                new DevState.Service("maven", "", "26.7.3", 48080, 1, DevIdp.issuer(48080), "admin", "");
        DevState state = DevState.NONE.withIdp(keycloak, 48081);

        Map<String, String> settings = IdpSettings.properties(dev, state);
        String environment = IdpSettings.environment(dev, state);

        assertThat(settings)
                .containsEntry("bulwark.oidc.base-url", "http://localhost:48081")
                .containsEntry("bulwark.oidc.providers.keycloak.issuer", "http://localhost:48080/realms/bulwark")
                .containsEntry("bulwark.oidc.providers.keycloak.client-id", "bulwark")
                .containsEntry("bulwark.oidc.providers.keycloak.client-secret", secret)
                .containsEntry("bulwark.oidc.providers.keycloak.roles-claim", "roles")
                .containsEntry("bulwark.oidc.providers.keycloak.role-mapping.admins", "ADMIN");
        assertThat(environment)
                .contains("BULWARK_OIDC_BASEURL=http://localhost:48081 ")
                .contains("BULWARK_OIDC_PROVIDERS_KEYCLOAK_ISSUER=http://localhost:48080/realms/bulwark ")
                .contains("BULWARK_OIDC_PROVIDERS_KEYCLOAK_CLIENTID=bulwark ")
                .contains("BULWARK_OIDC_PROVIDERS_KEYCLOAK_CLIENTSECRET=\"$(cat data/dev/secrets/idp-client.secret)\"")
                .contains("BULWARK_OIDC_PROVIDERS_KEYCLOAK_ROLESCLAIM=roles ")
                .contains("BULWARK_OIDC_PROVIDERS_KEYCLOAK_ROLEMAPPING_ADMINS=ADMIN ")
                .endsWith("./bulwark run")
                .doesNotContain(secret);
    }

    @Test
    void aStateFileWrittenBeforeTheIdpLoadsWithoutOne() throws Exception {
        Path file = folder.resolve("state.json");
        java.nio.file.Files.writeString(file, "{\"postgres\": null, \"redis\": null}");

        DevState state = DevState.load(file);

        assertThat(state.idp()).isNull();
        assertThat(state.appPort()).isNull();
    }

    private JsonNode user(String email) {
        for (JsonNode user : realm.get("users")) {
            if (user.get("email").asString().equals(email)) {
                return user;
            }
        }
        throw new AssertionError("no user " + email + " in " + realm);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
