package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./bulwark dev logs [postgres|redis|idp] [--lines N]}: the end of the services' logs. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Print the last lines of the dev services' logs (all unless one is named).")
final class DevLogs implements Callable<Integer> {

    enum Service {
        postgres,
        redis,
        idp
    }

    @Parameters(
            arity = "0..1",
            paramLabel = "SERVICE",
            description = "postgres, redis or idp (Keycloak; default: each that has a log, PostgreSQL's and Redis's"
                    + " always).")
    Service service;

    @Option(
            names = {"-n", "--lines"},
            paramLabel = "N",
            defaultValue = "50",
            description = "How many lines of each log (default: ${DEFAULT-VALUE}).")
    int lines;

    private final Console console;
    private final String home;

    DevLogs(Console console, String home) {
        this.console = console;
        this.home = home;
    }

    @Override
    public Integer call() {
        if (lines < 1 || lines > 100_000) {
            throw new CliError("--lines " + lines + ": give 1 to 100000");
        }
        DevFolder folder = DevFolder.of(Project.locate(home).root());
        List<Service> services = service != null
                ? List.of(service)
                : Files.isRegularFile(folder.logs().resolve("idp.log"))
                        ? List.of(Service.values())
                        : List.of(Service.postgres, Service.redis);
        for (Service each : services) {
            Path log = folder.logs().resolve(each + ".log");
            console.line("==> " + folder.shown(log) + " <==");
            List<String> tail = LogFiles.tail(log, lines);
            if (tail.isEmpty()) {
                console.line("(no log yet: ./bulwark dev start writes it)");
            }
            tail.forEach(console::line);
        }
        return 0;
    }
}
