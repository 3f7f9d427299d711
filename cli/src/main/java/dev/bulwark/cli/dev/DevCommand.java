package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./bulwark dev start|status|logs|stop|settings}: PostgreSQL and Redis for a production-like run on this
 * machine, kept running in the background, their data under {@code ./data/dev}. Uses the machine's own PostgreSQL
 * and Redis programs when installed, the embedded ones otherwise; never needs Docker and never touches a server it
 * did not start (the machine's own PostgreSQL and Redis on 5432 and 6379 included).
 */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "PostgreSQL and Redis for a production-like local run, in the background, data under ./data/dev"
                    + " (the machine's own programs when installed, embedded ones otherwise; no Docker).",
            "Default ports 55432 and 56379 on 127.0.0.1, apart from the usual 5432 and 6379."
        })
public final class DevCommand implements Callable<Integer> {

    /** The {@code dev} command line with its subcommands, for the project at {@code home}. */
    public static CommandLine commandLine(Console console, String home) {
        return new CommandLine(new DevCommand())
                .addSubcommand(new DevStart(console, home))
                .addSubcommand(new DevStatus(console, home))
                .addSubcommand(new DevLogs(console, home))
                .addSubcommand(new DevStop(console, home))
                .addSubcommand(new DevSettings(console, home));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Starts the dev services when they are not running and writes the production settings for them (what {@code
     * ./bulwark run --dev} uses); returns the settings file. {@code ./bulwark image} trains its AOT cache with them.
     */
    public static Path serviceSettings(Console console, String home) {
        Project project = Project.locate(home);
        DevServices services = new DevServices(project, console);
        DevServices.Status status = services.start(null, null, false);
        return RunSettings.write(services.folder(), status.state(), keyPrefix(project), Map.of())
                .file();
    }

    /** The Redis key prefix of the dev services: the project's own, marked as dev. */
    static String keyPrefix(Project project) {
        return project.answers().name() + "-dev:";
    }
}
