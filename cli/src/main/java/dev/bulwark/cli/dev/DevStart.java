package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./bulwark dev start}: starts whichever of the two services is not running; says so for the others. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start PostgreSQL and Redis in the background (data under ./data/dev) and print how to connect."
                + " Starting what already runs changes nothing.")
final class DevStart implements Callable<Integer> {

    @Option(
            names = "--pg-port",
            paramLabel = "PORT",
            description = "PostgreSQL's port on 127.0.0.1 (default: the last one used, else 55432).")
    Integer postgresPort;

    @Option(
            names = "--redis-port",
            paramLabel = "PORT",
            description = "Redis's port on 127.0.0.1 (default: the last one used, else 56379).")
    Integer redisPort;

    @Option(
            names = "--embedded",
            description = "Use the embedded PostgreSQL and Redis binaries even when the machine has its own.")
    boolean embedded;

    private final Console console;
    private final String home;

    DevStart(Console console, String home) {
        this.console = console;
        this.home = home;
    }

    @Override
    public Integer call() {
        Project project = Project.locate(home);
        DevServices services = new DevServices(project, console);
        DevServices.Status status = services.start(postgresPort, redisPort, embedded);
        console.line("");
        DevReport.status(console, services.folder(), status);
        DevReport.environment(console, services.folder(), status.state(), DevCommand.keyPrefix(project));
        console.next(
                "./bulwark run --dev       # the service with production settings against them",
                "./bulwark dev status      # also: dev logs [postgres|redis], dev stop [--wipe]");
        return 0;
    }
}
