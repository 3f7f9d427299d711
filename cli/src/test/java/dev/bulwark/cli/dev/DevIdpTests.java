package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./bulwark dev start --idp} with a real Keycloak: about a minute the first time (Quarkus's build step). */
@Tag("slow")
class DevIdpTests {

    @TempDir
    Path folder;

    DevProject project;
    int idpPort;
    int appPort;

    @BeforeEach
    void project() {
        project = new DevProject(folder);
        int[] ports = DevProject.freePorts(2);
        idpPort = ports[0];
        appPort = ports[1];
    }

    @AfterEach
    void stop() {
        project.stopQuietly();
    }

    @Test
    void startRunsKeycloakWithTheRealmUntilStopAndWipeDeletesIt() throws Exception {
        DevProject.Run started =
                project.start("--idp", "--idp-port", String.valueOf(idpPort), "--app-port", String.valueOf(appPort));

        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out())
                .contains(
                        "open http://localhost:" + appPort + "/auth/web/login?provider=keycloak&return_to=/auth/web/me")
                .contains("alice@example.com", "bob@example.com", "data/dev/secrets/idp-alice.password")
                .contains("BULWARK_OIDC_PROVIDERS_KEYCLOAK_ISSUER=http://localhost:" + idpPort + "/realms/bulwark")
                .contains(project.secret(Secrets.IDP_ALICE)) // shown once, when made
                .doesNotContain(project.secret(Secrets.IDP_CLIENT))
                .doesNotContain(project.secret(Secrets.IDP_ADMIN));
        JsonNode discovery = discovery();
        assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:" + idpPort + "/realms/bulwark");
        assertThat(discovery.get("end_session_endpoint").asString()).isNotBlank();
        DevState state = DevState.load(project.dev().resolve("state.json"));
        Set<Long> children =
                ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertThat(children)
                .as("detached: not a child of this process")
                .doesNotContain(state.idp().pid());
        assertThat(project.run("dev", "status").out()).containsPattern("Keycloak +running +pid \\d+ +port " + idpPort);
        DevProject.Run settings = project.run("dev", "settings");
        String properties = Files.readString(project.dev().resolve("service.properties"));
        assertThat(settings.exitCode()).as(settings.err()).isZero();
        assertThat(properties)
                .contains("bulwark.oidc.base-url=http://localhost:" + appPort + "\n")
                .contains("bulwark.oidc.providers.keycloak.issuer=http://localhost:" + idpPort + "/realms/bulwark\n")
                .contains("bulwark.oidc.providers.keycloak.client-secret=" + project.secret(Secrets.IDP_CLIENT))
                .contains("bulwark.oidc.providers.keycloak.role-mapping.admins=ADMIN\n");
        DevProject.Run again = project.start("--idp");
        assertThat(again.out())
                .contains("Keycloak is already running")
                .doesNotContain(project.secret(Secrets.IDP_ALICE));

        DevProject.Run stopped = project.run("dev", "stop", "--wipe");

        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("stopping Keycloak");
        assertThat(ProcessHandle.of(state.idp().pid()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(Ports.answers(idpPort)).isFalse();
        assertThat(project.dev()).doesNotExist();
    }

    private JsonNode discovery() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://localhost:" + idpPort + "/realms/bulwark/.well-known/openid-configuration"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JsonMapper.builder().build().readTree(response.body());
        }
    }
}
