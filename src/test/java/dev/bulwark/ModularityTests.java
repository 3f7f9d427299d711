package dev.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Modules depend on each other only through their public surfaces, only on the modules their package-info allows, and
 * without cycles (STYLE.md); each surface is named in the module's package-info and fits on one screen; the module
 * map in docs/architecture.md is generated from the code.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(BulwarkApplication.class);

    /** About what a reader takes in at once; a module that needs more should be split or expose less. */
    private static final int MAX_PUBLIC_TYPES = 15;

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void everyPublicTypeIsNamedInItsModuleDescriptionAndTheSurfaceFitsOnOneScreen() throws IOException {
        for (ApplicationModule module : MODULES) {
            List<String> surface = publicTypes(module);
            String description = Files.readString(packageInfo(module));
            assertThat(surface)
                    .as("public types of %s (its package-info must name each with {@link})", module.getIdentifier())
                    .allSatisfy(type -> assertThat(description).contains("{@link " + type + "}"))
                    .hasSizeLessThanOrEqualTo(MAX_PUBLIC_TYPES);
        }
    }

    @Test
    void architectureDocShowsTheModulesAsBuilt() throws IOException {
        DocBlocks.assertCurrent(Path.of("docs/architecture.md"), "modules", moduleTable());
        Path diagrams = Path.of("target/spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(diagrams.toString()))
                .writeModulesAsPlantUml(
                        Documenter.DiagramOptions.defaults().withStyle(Documenter.DiagramOptions.DiagramStyle.UML));
        Path generated = diagrams.resolve("components.puml");
        Path checkedIn = Path.of("docs/modules.puml");
        boolean sameLines = new java.util.HashSet<>(Files.readAllLines(checkedIn))
                .equals(new java.util.HashSet<>(Files.readAllLines(generated)));
        if (Boolean.getBoolean("bulwark.docs.update") && !sameLines) {
            Files.copy(generated, checkedIn, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // Compared line by line, in any order: the Documenter writes the relationships in no fixed order.
        assertThat(Files.readAllLines(checkedIn))
                .as("docs/modules.puml is Spring Modulith's diagram of the modules; rerun with"
                        + " -Dbulwark.docs.update=true")
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(generated));
    }

    /** One row per module: what it may use (allowed by its package-info) and what it uses now. */
    private static String moduleTable() {
        Map<String, String> rows = new TreeMap<>();
        for (ApplicationModule module : MODULES) {
            String uses = module.getDirectDependencies(MODULES)
                    .uniqueModules()
                    .map(ApplicationModule::getIdentifier)
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(", "));
            String surface = publicTypes(module).stream()
                    .map(type -> "`" + type.substring(type.lastIndexOf('.') + 1) + "`")
                    .collect(Collectors.joining(", "));
            rows.put(
                    module.getIdentifier().toString(),
                    "| `" + module.getIdentifier() + "` | " + (uses.isEmpty() ? "—" : uses) + " | "
                            + (surface.isEmpty() ? "none" : surface) + " |\n");
        }
        return "| module | depends on | public surface |\n|---|---|---|\n" + String.join("", rows.values());
    }

    private static List<String> publicTypes(ApplicationModule module) {
        return module.getBasePackage().stream()
                .filter(type ->
                        type.getPackageName().equals(module.getBasePackage().getName()))
                .filter(JavaClass::isTopLevelClass)
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(type -> !type.getSimpleName().equals("package-info"))
                .map(JavaClass::getName)
                .sorted()
                .toList();
    }

    private static Path packageInfo(ApplicationModule module) {
        return Path.of("src/main/java", module.getBasePackage().getName().replace('.', '/'), "package-info.java");
    }
}
