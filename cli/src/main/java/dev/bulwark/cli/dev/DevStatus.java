package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./bulwark dev status}: asks each service whether it runs (its pid lives and it answers). */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show whether PostgreSQL and Redis run: pid, port, URL, data size, log.",
            "Exit status 0 when both run, 3 otherwise (as pg_ctl status)."
        })
final class DevStatus implements Callable<Integer> {

    static final int NOT_RUNNING = 3;

    private final Console console;
    private final String home;

    DevStatus(Console console, String home) {
        this.console = console;
        this.home = home;
    }

    @Override
    public Integer call() {
        DevServices services = new DevServices(Project.locate(home), console);
        DevServices.Status status = services.status();
        DevReport.status(console, services.folder(), status);
        return status.allRunning() ? 0 : NOT_RUNNING;
    }
}
