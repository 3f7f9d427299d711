package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./bulwark dev stop [--wipe]}. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stop PostgreSQL and Redis cleanly; their data stays in ./data/dev for the next start.")
final class DevStop implements Callable<Integer> {

    @Option(
            names = "--wipe",
            description =
                    "Then delete ./data/dev: databases, Redis data, logs, passwords, signing key, admin password.")
    boolean wipe;

    private final Console console;
    private final String home;

    DevStop(Console console, String home) {
        this.console = console;
        this.home = home;
    }

    @Override
    public Integer call() {
        new DevServices(Project.locate(home), console).stop(wipe);
        return 0;
    }
}
