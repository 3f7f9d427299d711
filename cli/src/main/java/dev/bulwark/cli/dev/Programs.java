package dev.bulwark.cli.dev;

import com.sun.security.auth.module.UnixSystem;
import dev.bulwark.cli.CliError;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The programs {@code dev} runs (initdb, pg_ctl, redis-server): found on the PATH, run with a time limit, their
 * output appended to a log file rather than a pipe, so a server they leave running in the background holds nothing
 * of this process.
 */
public final class Programs {

    private Programs() {}

    /** What a program printed and how it ended. */
    public record Result(int exitCode, String output) {

        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command}, appending its output to {@code log}; {@code input} (may be empty) goes to its standard
     * input. A program still running after {@code timeout} is killed and reported.
     */
    static Result run(List<String> command, Path log, Duration timeout, String input) {
        return run(command, null, log, timeout, input);
    }

    /** The same, run in {@code directory} (the current one when null). */
    public static Result run(List<String> command, Path directory, Path log, Duration timeout, String input) {
        try {
            Files.createDirectories(log.getParent());
            long before = Files.exists(log) ? Files.size(log) : 0;
            Path stdin = Files.createTempFile("bulwark-dev", ".in");
            try {
                Files.writeString(stdin, input);
                Process process = new ProcessBuilder(command)
                        .directory(directory == null ? null : directory.toFile())
                        .redirectInput(stdin.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(Redirect.appendTo(log.toFile()))
                        .start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new CliError(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                            + " s; its output is in " + log);
                }
                return new Result(process.exitValue(), LogFiles.from(log, before));
            } finally {
                Files.deleteIfExists(stdin);
            }
        } catch (IOException e) {
            throw new CliError("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }

    /** The first line a short-lived program (a {@code --version}) prints, or empty when it cannot run. */
    static Optional<String> firstLine(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return output.lines().findFirst().map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }

    /** The executable {@code name} in a folder of the PATH. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * PostgreSQL's programs refuse to run as root. As root, they run in a user namespace of their own ({@code unshare
     * -U}, as zonky's embedded PostgreSQL does): there they are an unprivileged user, while the files they write
     * still belong to the caller, so the data folder stays the project owner's and can be deleted like any other.
     */
    static List<String> unprivileged(List<String> command) {
        if (new UnixSystem().getUid() != 0) {
            return command;
        }
        if (!UnshareCheck.AVAILABLE) {
            throw new CliError("PostgreSQL refuses to run as root, and 'unshare -U' (util-linux) is not available to"
                    + " run it as an unprivileged user: run ./bulwark dev as a normal user, or install util-linux");
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether this machine lets root enter a user namespace; asked once. */
    private static final class UnshareCheck {
        static final boolean AVAILABLE = onPath("unshare").isPresent()
                && firstLine(List.of("unshare", "-U", "id", "-u"))
                        .filter(uid -> !uid.equals("0"))
                        .isPresent();
    }
}
