package dev.bulwark.cli.create;

import dev.bulwark.cli.Answers;
import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Identifiers;
import dev.bulwark.cli.Project;
import dev.bulwark.cli.ProjectCommands;
import dev.bulwark.cli.Prompt;
import dev.bulwark.cli.render.BulwarkSource;
import dev.bulwark.cli.render.Rendering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./bulwark new <dir> --group com.acme --name orders}: a renamed copy of Bulwark in a fresh Git repository. */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        description = "Create a project of your own from this Bulwark checkout: a renamed copy (package, Maven"
                + " coordinates, names) in a new Git repository. Missing options are asked for on a terminal.")
public final class NewCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<dir>", description = "Folder to create (must not exist or be empty).")
    Path directory;

    @Option(names = "--group", description = "Maven group id, e.g. com.acme.")
    String group;

    @Option(names = "--name", description = "Project name: artifact id, application and jar name, e.g. orders.")
    String name;

    @Option(names = "--package", description = "Base Java package (default: <group>.<name without '-'>).")
    String packageName;

    @Option(names = "--description", description = "One line for the README and the pom.")
    String description;

    @Option(names = "--from", description = "The Bulwark Git repository to copy (default: this checkout).")
    String from;

    private final Console console;
    private final ProjectCommands commands;
    private final Prompt prompt;
    private final String home;

    public NewCommand(Console console, ProjectCommands commands, Prompt prompt, String home) {
        this.console = console;
        this.commands = commands;
        this.prompt = prompt;
        this.home = home;
    }

    @Override
    public Integer call() {
        Answers answers = answers();
        Path target = directory.toAbsolutePath().normalize();
        requireEmpty(target);
        String location = from != null ? from : bulwarkCheckout();
        if (target.startsWith(Path.of(location).toAbsolutePath().normalize())) {
            throw new CliError(target + " is inside the Bulwark checkout: give a folder outside it (e.g. ../"
                    + directory.getFileName() + ")");
        }
        try (BulwarkSource source = BulwarkSource.open(location, Path.of(System.getProperty("java.io.tmpdir")))) {
            String commit = source.resolve("HEAD");
            if (source.hasUncommittedChanges()) {
                console.line("note: " + location + " has uncommitted changes; the project gets commit "
                        + commit.substring(0, 12) + " without them");
            }
            boolean created = !Files.exists(target);
            try {
                create(source, commit, answers, target);
            } catch (RuntimeException e) {
                cleanUp(target, created);
                throw e;
            }
        }
        console.next(
                "cd " + directory,
                "./bulwark run                       # the service on http://localhost:8080",
                "./bulwark entity add Product name:string:required:max=100 price:decimal:min=0",
                "./bulwark test                      # the whole suite");
        return 0;
    }

    private void create(BulwarkSource source, String commit, Answers answers, Path target) {
        console.step("copying Bulwark " + commit.substring(0, 12) + " as " + answers.packageName() + " into " + target);
        Rendering.renderInto(source, commit, answers, target, commands);
        Project.write(
                target, new Project.Record(answers, commit, source.location(), Project.Record.DEFAULT_TEST_COMMAND));
        console.done("written and formatted");
        console.step("regenerating the API description and module diagram for the new names (about a minute)");
        commands.docs(target);
        console.done("docs/openapi.json, docs/modules.puml");
        console.step("creating the Git repository");
        try (Git git = Git.init()
                .setDirectory(target.toFile())
                .setInitialBranch("main")
                .call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("Create " + answers.name() + " from Bulwark " + commit.substring(0, 12))
                    .setSign(false)
                    .call();
        } catch (GitAPIException e) {
            throw new CliError("cannot create the Git repository in " + target + ": " + e.getMessage(), e);
        }
        console.done("one commit on main");
    }

    private Answers answers() {
        group = prompt.value(group, "--group", "Maven group id (e.g. com.acme)", null);
        Identifiers.requirePackage("--group", group);
        name = prompt.value(name, "--name", "Project name (e.g. orders)", null);
        Identifiers.requireProjectName(name);
        packageName = prompt.value(packageName, "--package", "Base Java package", Answers.defaultPackage(group, name));
        description = prompt.value(description, "--description", "One-line description", "The " + name + " service");
        return new Answers(group, name, packageName, description);
    }

    private String bulwarkCheckout() {
        Project here = Project.locate(home);
        if (here.generated()) {
            throw new CliError(here.root() + " is a project made from Bulwark, not Bulwark itself: run new from a"
                    + " Bulwark checkout, or give one with --from (this project came from "
                    + here.record().source()
                    + ")");
        }
        return here.root().toString();
    }

    private static void requireEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new CliError(target + " exists and is not a folder");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new CliError(target + " is not empty: give a new folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All or nothing: a failed {@code new} leaves no half project behind. */
    private static void cleanUp(Path target, boolean created) {
        try (Stream<Path> walk = Files.walk(target)) {
            walk.sorted(Comparator.reverseOrder())
                    .filter(path -> created || !path.equals(target))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the error that brought us here is the one to report
        }
    }
}
