package dev.bulwark.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** compose.yaml against the Compose schema (no Docker engine here), and the settings that matter in it. */
class ComposeFileTests {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** The service is named after the project (the generator renames it). */
    private static final String SERVICE = Project.fromPom().artifactId();

    static JsonNode compose;
    static JsonSchema schema;

    @BeforeAll
    static void read() throws IOException {
        compose = YAML.readTree(Path.of("compose.yaml").toFile());
        try (InputStream in = ComposeFileTests.class.getResourceAsStream("/deploy/compose-spec.json")) {
            // Compose durations ("10s") are not the ISO 8601 durations the "duration" format means: formats are
            // annotations here, as Docker Compose itself treats them.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(false)
                    .build();
            // The schema still names its parts with draft 4's "id" beside its 2019-09 "$schema"; Docker Compose reads
            // them as names, and so do we: they are removed before the validator sees them.
            JsonNode tree = YAML.readTree(in);
            withoutIds(tree);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
                    .getSchema(tree, config);
        }
    }

    @Test
    void composeFollowsTheComposeSchema() {
        assertThat(schema.validate(compose)).isEmpty();
    }

    @Test
    void aMisspeltKeyBreaksTheSchema() {
        ObjectNode typo = compose.deepCopy();
        ((ObjectNode) typo.path("services").path(SERVICE)).put("read_onyl", true);

        Set<ValidationMessage> errors = schema.validate(typo);
        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("read_onyl"));
    }

    @Test
    void theServiceRunsReadOnlyAsTheImagesUserWithTheImageBulwarkImageBuilds() {
        JsonNode service = compose.path("services").path(SERVICE);

        assertThat(service.path("image").asText())
                .endsWith(":-" + Project.fromPom().image() + "}");
        assertThat(service.path("user").asText()).isEqualTo("65532:65532");
        assertThat(service.path("read_only").asBoolean()).isTrue();
        assertThat(texts(service.path("tmpfs"))).anyMatch(tmpfs -> tmpfs.startsWith("/tmp:"));
        assertThat(texts(service.path("cap_drop"))).containsExactly("ALL");
        assertThat(texts(service.path("security_opt"))).contains("no-new-privileges:true");
        assertThat(service.path("ports").toString())
                .contains("127.0.0.1:8081:8081")
                .doesNotContain("\"8081:");
    }

    @Test
    void everyProductionSettingIsGivenAndSecretsAreFilesInTheConfigTree() {
        JsonNode service = compose.path("services").path(SERVICE);
        List<String> targets = new ArrayList<>();
        service.path("secrets").forEach(secret -> {
            targets.add(secret.path("target").asText());
            String file = compose.path("secrets")
                    .path(secret.path("source").asText())
                    .path("file")
                    .asText();
            assertThat(file).startsWith("./deploy/secrets/");
        });

        assertThat(targets)
                .containsExactlyInAnyOrderElementsOf(KubernetesManifestsTests.SECRET_FILES.stream()
                        .map(name -> "/run/secrets/bulwark/" + name)
                        .toList());
        Map<String, JsonNode> env = fields(service.path("environment"));
        assertThat(env).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "BULWARK_WEB_ALLOWEDHOSTS");
        assertThat(env.get("SPRING_DATASOURCE_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/app");
        assertThat(env.keySet()).noneMatch(name -> name.contains("PASSWORD") || name.contains("SIGNINGKEYS"));
        JsonNode postgres = compose.path("services").path("postgres");
        assertThat(postgres.path("secrets").get(0).path("source").asText()).isEqualTo("datasource-password");
    }

    @Test
    void everyServiceHasAHealthCheckAndTheServiceWaitsForItsDependencies() {
        fields(compose.path("services"))
                .forEach((name, service) -> assertThat(
                                texts(service.path("healthcheck").path("test")))
                        .as(name)
                        .isNotEmpty());
        assertThat(texts(compose.path("services")
                        .path(SERVICE)
                        .path("healthcheck")
                        .path("test")))
                .containsExactly("CMD", "java", "-cp", "/app/bulwark.jar", "dev.bulwark.ops.HealthCheck");
        JsonNode dependsOn = compose.path("services").path(SERVICE).path("depends_on");
        assertThat(dependsOn.path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("redis").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(texts(compose.path("services").path("keycloak").path("profiles")))
                .containsExactly("idp");
    }

    @Test
    void redisNeverEvictsAndPersistsWithAppendOnlyNotSnapshotsAlone() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("deploy/compose/redis.conf")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        assertThat(lines).contains("maxmemory-policy noeviction", "appendonly yes", "save \"\"");
        assertThat(lines).noneMatch(line -> line.startsWith("save ") && !line.equals("save \"\""));
        assertThat(compose.path("services").path("redis").toString())
                .contains("./deploy/compose/redis.conf:/usr/local/etc/redis/redis.conf:ro");
    }

    @Test
    void theStopGracePeriodCoversTheShutdownDelayAndTheDrainTimeout() {
        JsonNode service = compose.path("services").path(SERVICE);
        Map<String, JsonNode> env = fields(service.path("environment"));

        long delay = seconds(env.get("BULWARK_SHUTDOWN_DELAY").asText());
        long drain = seconds(env.get("BULWARK_DRAIN_TIMEOUT").asText());
        assertThat(seconds(service.path("stop_grace_period").asText())).isEqualTo(delay + drain + 5);
    }

    private static void withoutIds(JsonNode node) {
        if (node instanceof ObjectNode object
                && object.path("id").isTextual()
                && object.path("id").asText().matches("#.*|compose_spec\\.json")) {
            object.remove("id");
        }
        node.forEach(ComposeFileTests::withoutIds);
    }

    private static long seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        node.properties().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        return fields;
    }
}
