package dev.bulwark.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Answers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RenamingTests {

    static final Answers ORDERS = new Answers("com.acme", "order-service", "com.acme.orders", "Orders & $1 <fast>");

    static BulwarkSource source;
    static SortedMap<String, SourceFile> bulwark;

    @BeforeAll
    static void readBulwark() {
        source =
                BulwarkSource.open(System.getProperty("bulwark.source"), Path.of(System.getProperty("java.io.tmpdir")));
        bulwark = source.files(source.resolve("HEAD"));
    }

    @AfterAll
    static void close() {
        source.close();
    }

    @Test
    void renderingWithBulwarksOwnAnswersChangesNothing() {
        SortedMap<String, SourceFile> same = new Renaming(Answers.BULWARK).apply(bulwark);

        assertThat(same.keySet()).isEqualTo(bulwark.keySet());
        List<String> changed = new ArrayList<>();
        bulwark.forEach((path, file) -> {
            if (!file.sameContent(same.get(path).content())) {
                changed.add(path);
            }
        });
        assertThat(changed).isEmpty();
    }

    @Test
    void everyRuleStillFindsWhatItRenamesInBulwark() {
        for (Renaming.Rule rule : Renaming.RULES) {
            int found = bulwark.entrySet().stream()
                    .filter(entry ->
                            !Renaming.keptAsIs(entry.getKey()) && rule.where().test(entry.getKey()))
                    .mapToInt(entry -> Renaming.matches(rule, text(entry.getValue())))
                    .sum();
            assertThat(found).as("places the rule '%s' renames", rule.name()).isPositive();
        }
    }

    @Test
    void aProjectHasItsOwnPackageCoordinatesAndNamesAndKeepsTheCli() {
        SortedMap<String, SourceFile> project = new Renaming(ORDERS).apply(bulwark);

        assertThat(project).containsKey("src/main/java/com/acme/orders/OrderServiceApplication.java");
        assertThat(project.keySet()).noneMatch(path -> path.startsWith("src/main/java/dev/"));
        assertThat(project.keySet()).filteredOn(path -> path.startsWith("cli/")).isNotEmpty();
        project.forEach((path, file) -> {
            if (!Renaming.keptAsIs(path) && !file.binary()) {
                assertThat(text(file)).as(path).doesNotContain("dev.bulwark", "dev/bulwark", "bulwark.dev/problems");
            }
        });
        String pom = text(project.get("pom.xml"));
        assertThat(pom)
                .contains("<groupId>com.acme</groupId>", "<artifactId>order-service</artifactId>")
                .contains(
                        "<finalName>order-service</finalName>",
                        "<description>Orders &amp; $1 &lt;fast&gt;</description>");
        assertThat(text(project.get("src/main/resources/application.yaml")))
                .contains("    name: order-service\n", "      application: order-service\n");
        assertThat(text(project.get("README.md"))).startsWith("# Order Service\n\nOrders & $1 <fast>\n");
        assertThat(text(project.get("src/main/java/com/acme/orders/web/WebProperties.java")))
                .contains("https://order-service.com.acme/problems/".replace("com.acme", "acme.com"));
        assertThat(text(project.get("src/main/java/com/acme/orders/auth/RefreshCookie.java")))
                .contains("\"order_service_refresh\"");
        assertThat(text(project.get("cli/pom.xml"))).isEqualTo(text(bulwark.get("cli/pom.xml")));
        assertThat(text(project.get("docs/generator.md"))).isEqualTo(text(bulwark.get("docs/generator.md")));
    }

    @Test
    void deploymentFilesNameTheProjectButKeepBulwarksSettings() {
        SortedMap<String, SourceFile> project = new Renaming(ORDERS).apply(bulwark);

        assertThat(project).containsKeys("compose.yaml", "deploy/dev-secrets", "deploy/compose/redis.conf");
        assertThat(project.keySet()).anyMatch(path -> path.startsWith("deploy/k8s/overlays/prod/"));
        assertThat(project.get("deploy/dev-secrets").executable()).isTrue();
        String compose = text(project.get("compose.yaml"));
        assertThat(compose)
                .contains("\n  order-service:\n", "image: ${BULWARK_IMAGE:-order-service:0.1.0-SNAPSHOT}")
                .contains("target: /run/secrets/bulwark/bulwark.auth.signing-keys")
                .contains("\"/app/order-service.jar\", \"com.acme.orders.ops.HealthCheck\"")
                .contains("./deploy/compose/keycloak/bulwark-realm.json", "BULWARK_WEB_ALLOWEDHOSTS");
        assertThat(text(project.get("deploy/k8s/base/kustomization.yaml")))
                .contains("  - name: order-service\n    newTag: ", "  - name: order-service-config\n");
        assertThat(text(project.get("deploy/k8s/base/deployment.yaml")))
                .contains("app.kubernetes.io/name: order-service", "image: order-service\n")
                .contains("mountPath: /run/secrets/bulwark\n", "secretName: order-service-secrets");
        assertThat(text(project.get("deploy/compose/keycloak/bulwark-realm.json")))
                .contains("\"clientId\": \"order-service\"", "http://order-service:8080/auth/web/backchannel-logout");
        assertThat(text(project.get("deploy/dev-secrets")))
                .contains("write bulwark.redis.url", "/run/secrets/bulwark/");
        project.forEach((path, file) -> {
            if (Renaming.deployment(path)) {
                String rest = text(file)
                        .replaceAll(
                                "/run/secrets/bulwark|bulwark\\.[a-z]|\\./bulwark|/bulwark-realm\\.json|BULWARK_", "");
                assertThat(rest).as(path).doesNotContainIgnoringCase("bulwark");
            }
        });
    }

    @Test
    void executableFilesStayExecutable() {
        SortedMap<String, SourceFile> project = new Renaming(ORDERS).apply(bulwark);

        assertThat(project.get("bulwark").executable()).isTrue();
        assertThat(project.get(".ci/run").executable()).isTrue();
        assertThat(project.get("pom.xml").executable()).isFalse();
    }

    private static String text(SourceFile file) {
        return new String(file.content(), StandardCharsets.UTF_8);
    }
}
