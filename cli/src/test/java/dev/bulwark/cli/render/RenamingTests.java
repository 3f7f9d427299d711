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
