package dev.bulwark.cli.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.ProjectCommands;
import dev.bulwark.cli.ScratchProjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The acceptance test, for real: {@code new} into a temporary folder, three {@code entity add} (one with an
 * enum, one with a reference), the generated project's tests green ({@code ./bulwark test --fast}: all but the slow
 * ones), {@code entity rm} of one, and the whole {@code ./bulwark test} green. Formatter, docs regeneration and test
 * runs are the project's own (Maven), so this takes a quarter of an hour; the timings and the lines generated per
 * entity are printed.
 */
@Tag("slow")
class EntityEndToEndTests {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8));
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    @Test
    void aNewProjectWithThreeEntitiesPassesItsTestsBeforeAndAfterOneIsRemoved() throws IOException {
        Path bulwark = new ScratchProjects(folder).bulwark;
        Path shop = folder.resolve("shop");
        ProjectCommands commands = new ProjectCommands(console);

        timed("new", () -> cli(bulwark, "new", shop.toString(), "--group", "com.acme", "--name", "shop"));
        timed(
                "entity add Customer",
                () -> cli(
                        shop,
                        "entity",
                        "add",
                        "Customer",
                        "name:string:required:max=80",
                        "email:string:unique:max=254",
                        "tier:enum(GOLD,SILVER,BRONZE)",
                        "born:date"));
        timed(
                "entity add Invoice",
                () -> cli(
                        shop,
                        "entity",
                        "add",
                        "Invoice",
                        "total:decimal:required:min=0",
                        "issuedAt:timestamp:required",
                        "lines:int:min=1:max=500",
                        "customer:ref(Customer):required"));
        timed(
                "entity add Note",
                () -> cli(
                        shop,
                        "entity",
                        "add",
                        "Note",
                        "--private",
                        "body:text:required:max=2000",
                        "pinned:boolean",
                        "ref:uuid"));
        for (String entity : List.of("Customer", "Invoice", "Note")) {
            System.out.println("lines generated for " + entity + ": " + linesOf(shop, entity));
        }

        // With three entities, the project's quick loop: every test but those tagged slow (the core's timing,
        // outage and shutdown tests, which no entity touches), the formatter and the architecture and docs checks.
        // The whole suite, slow tests and the jar included, runs once, after the removal. Running the whole suite
        // both times ran the core's tests twice more in this one test (371 s and 329 s of a 33-minute CI run).
        timed(
                "./bulwark test --fast (three entities)",
                () -> assertThat(commands.test(shop, "./bulwark test --fast"))
                        .as(output.toString(StandardCharsets.UTF_8))
                        .isTrue());
        timed("entity rm Note", () -> cli(shop, "entity", "rm", "Note"));
        assertThat(shop.resolve("src/main/java/com/acme/shop/note")).doesNotExist();
        timed(
                "./bulwark test (Note removed)",
                () -> assertThat(commands.test(shop, "./bulwark test"))
                        .as(output.toString(StandardCharsets.UTF_8))
                        .isTrue());

        timings.forEach((step, took) -> System.out.printf("%-40s %6.1f s%n", step, took.toMillis() / 1000.0));
    }

    private void cli(Path home, String... args) {
        CommandLine line = BulwarkCli.commandLine(home.toString(), console);
        PrintWriter writer = new PrintWriter(new PrintStream(output, true, StandardCharsets.UTF_8), true);
        line.setOut(writer);
        line.setErr(writer);
        assertThat(line.execute(args))
                .as(String.join(" ", args) + "\n" + output.toString(StandardCharsets.UTF_8))
                .isZero();
    }

    private void timed(String step, Runnable action) {
        long started = System.nanoTime();
        action.run();
        timings.put(step, Duration.ofNanos(System.nanoTime() - started));
        System.out.printf("%s: %.1f s%n", step, (System.nanoTime() - started) / 1e9);
    }

    /** Lines of every file entity add wrote for {@code entity}, its migration included. */
    private static long linesOf(Path project, String entity) throws IOException {
        Scaffold scaffold = Scaffold.all(project).get(entity);
        long lines = 0;
        for (String path : scaffold.files().keySet()) {
            lines += Files.readAllLines(project.resolve(path)).size();
        }
        for (String path : scaffold.migrations()) {
            lines += Files.readAllLines(project.resolve(path)).size();
        }
        return lines;
    }
}
