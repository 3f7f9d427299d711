package dev.bulwark.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import picocli.CommandLine;

/**
 * A Bulwark clone and projects made from it in a temporary folder, driven through the CLI's own command line. The
 * formatter and the docs regeneration are left out (Maven runs of a quarter and a whole minute; the end-to-end test
 * runs them), so renders take a second.
 */
public final class ScratchProjects {

    public final Path folder;
    public final Path bulwark;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8));

    public ScratchProjects(Path folder) {
        this.folder = folder;
        this.bulwark = folder.resolve("bulwark");
        try (Git ignored = Git.cloneRepository()
                .setURI(Path.of(System.getProperty("bulwark.source"))
                        .toAbsolutePath()
                        .toString())
                .setDirectory(bulwark.toFile())
                .call()) {
            // a clone of Bulwark's committed HEAD that the test may commit to
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code ./bulwark args} in {@code home}; returns the exit status. */
    public int run(Path home, String... args) {
        ProjectCommands commands = new ProjectCommands(console) {
            @Override
            public void format(Path project) {}

            @Override
            public void docs(Path project) {}
        };
        CommandLine line = BulwarkCli.commandLine(home.toString(), console, commands);
        line.setOut(new java.io.PrintWriter(new PrintStream(output, true, StandardCharsets.UTF_8), true));
        line.setErr(new java.io.PrintWriter(new PrintStream(output, true, StandardCharsets.UTF_8), true));
        return line.execute(args);
    }

    /** A project {@code name} made from the clone, its test command replaced by {@code testCommand}, committed. */
    public Path project(String name, String testCommand) {
        Path project = folder.resolve(name);
        int status = run(bulwark, "new", project.toString(), "--group", "com.acme", "--name", name);
        if (status != 0) {
            throw new IllegalStateException("new failed: " + output());
        }
        Project made = Project.locate(project.toString());
        Project.write(
                project,
                new Project.Record(
                        made.answers(),
                        made.record().bulwarkCommit(),
                        made.record().source(),
                        testCommand));
        commit(project, "Use a quick test command");
        return project;
    }

    public String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything in the repository at {@code repository}; returns the commit id. */
    public static String commit(Path repository, String message) {
        try (Git git = Git.open(repository.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setSign(false).call().getName();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> lines(Path file) {
        return read(file).lines().toList();
    }
}
