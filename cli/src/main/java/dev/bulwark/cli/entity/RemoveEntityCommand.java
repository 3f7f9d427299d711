package dev.bulwark.cli.entity;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import dev.bulwark.cli.ProjectCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bulwark entity rm Product}: deletes exactly the files {@code add} wrote (not its migration: an applied
 * migration is never edited or removed) and adds a migration that drops the table and the permissions.
 */
@Command(
        name = "rm",
        mixinStandardHelpOptions = true,
        description = "Remove a scaffolded entity: the files entity add wrote, plus a migration dropping its table and"
                + " permissions. Refused while another entity refers to it, or when a file was edited since (unless"
                + " --force).")
public final class RemoveEntityCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<Entity>", description = "The entity to remove (e.g. Product).")
    String name;

    @Option(names = "--force", description = "Remove files edited since entity add wrote them, too.")
    boolean force;

    private final Console console;
    private final ProjectCommands commands;
    private final String home;
    private final Clock clock;
    private String packagePath;

    public RemoveEntityCommand(Console console, ProjectCommands commands, String home) {
        this(console, commands, home, Clock.systemUTC());
    }

    RemoveEntityCommand(Console console, ProjectCommands commands, String home, Clock clock) {
        this.console = console;
        this.commands = commands;
        this.home = home;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Project project = Project.locate(home);
        Path root = project.root();
        packagePath = project.answers().packagePath();
        Map<String, Scaffold> scaffolds = Scaffold.all(root);
        Scaffold scaffold = scaffolds.get(name);
        if (scaffold == null) {
            throw new CliError("no scaffolded entity " + name
                    + (scaffolds.isEmpty() ? "" : " (scaffolded: " + String.join(", ", scaffolds.keySet()) + ")"));
        }
        for (Scaffold other : scaffolds.values()) {
            for (Field field : other.fields()) {
                if (name.equals(field.ref())) {
                    throw new CliError(other.name() + "." + field.name() + " refers to " + name
                            + ": remove that field or entity first");
                }
            }
        }
        List<String> edited = new ArrayList<>();
        scaffold.files().forEach((path, hash) -> {
            Path file = root.resolve(path);
            if (Files.exists(file) && !ProjectFiles.sha256(file).equals(hash)) {
                edited.add(path);
            }
        });
        if (!edited.isEmpty() && !force) {
            throw new CliError("edited since entity add wrote them: " + String.join(", ", edited)
                    + "; keep your changes elsewhere, or remove them anyway with --force");
        }
        EntityDefinition entity = scaffold.definition();
        String migration = Migrations.path(Migrations.nextVersion(root, clock), "drop_" + entity.table());
        ProjectFiles changes = new ProjectFiles(root);
        try {
            console.step("removing " + name + ": " + scaffold.files().size() + " files; adding " + migration);
            scaffold.files().keySet().forEach(changes::delete);
            changes.write(migration, EntityFiles.dropMigration(EntityModel.of(entity, "", Map.of())));
            changes.delete(root.relativize(Scaffold.file(root, name)).toString());
            console.done("removed; " + scaffold.migrations() + " stays (applied migrations are never removed)");
            console.step("building and regenerating the API docs, module table and access matrix (about a minute)");
            commands.docs(root);
            console.done("docs/openapi.json, docs/architecture.md, docs/modules.puml, docs/security.md");
        } catch (RuntimeException e) {
            console.line("failed: putting back every file as it was");
            changes.undo();
            throw e;
        }
        forgetCompiledClasses(root, entity.module());
        console.next(
                "./bulwark test                      # the suite without " + name,
                "git add -A && git commit -m \"Remove " + name + "\"");
        return 0;
    }

    /**
     * The module's classes under target/: an incremental build does not always delete the class files of deleted
     * sources, and a stale aggregate of a dropped table would fail the tests' check of every mapping against the
     * schema (AggregateMappingTests).
     */
    private void forgetCompiledClasses(Path root, String module) {
        for (String output : List.of("target/classes/", "target/test-classes/")) {
            Path folder = root.resolve(output + packagePath + "/" + module);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
