package dev.bulwark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a project's own commands (its {@code ./bulwark format}, its test command) as child processes, their output
 * going to a log file under the project's {@code target/} so a long step prints one line, not thousands.
 */
public class ProjectCommands {

    private final Console console;

    public ProjectCommands(Console console) {
        this.console = console;
    }

    /** Formats the Java sources of the project at {@code folder} with its formatter. */
    public void format(Path folder) {
        run(folder, List.of("./bulwark", "format"), "format");
    }

    /**
     * Regenerates the documents the project's tests compare with its code (API description, module diagram and table)
     * with its {@code ./bulwark docs}: they are derived, so they are regenerated rather than renamed or merged.
     */
    public void docs(Path folder) {
        run(folder, List.of("./bulwark", "docs"), "docs");
    }

    /** Runs {@code command} (a shell command line, e.g. {@code ./bulwark test}); true when it exits with 0. */
    public boolean test(Path folder, String command) {
        console.step("running the tests: " + command + " (log: target/bulwark-cli/test.log; a few minutes)");
        boolean passed = exec(folder, List.of("bash", "-c", command), "test") == 0;
        console.done(passed ? "the tests passed" : "the tests FAILED: see target/bulwark-cli/test.log");
        if (!passed) {
            failures(folder.resolve("target/bulwark-cli/test.log")).forEach(console::line);
        }
        return passed;
    }

    /** Maven's summary of what failed (its "[ERROR]   Class.method:line ..." lines), at most 20 of them. */
    private static List<String> failures(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith("[ERROR]   ")).limit(20).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Runs {@code command} in {@code folder}; a failure is an error naming the log. */
    public void run(Path folder, List<String> command, String logName) {
        if (exec(folder, command, logName) != 0) {
            throw new CliError(String.join(" ", command) + " failed in " + folder + ": see "
                    + folder.resolve("target/bulwark-cli/" + logName + ".log"));
        }
    }

    protected int exec(Path folder, List<String> command, String logName) {
        try {
            Path log = folder.resolve("target/bulwark-cli/" + logName + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("BULWARK_PROJECT"); // the child's launcher finds its own project
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }
}
