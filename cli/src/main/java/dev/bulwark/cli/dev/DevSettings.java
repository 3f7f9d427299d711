package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./bulwark dev settings}, what {@code ./bulwark run --dev} does before it starts the service: the dev services
 * started when they are not running, then {@link RunSettings} written. The admin's password is printed once, when it
 * is made; afterwards only where it is kept.
 */
@Command(
        name = "settings",
        mixinStandardHelpOptions = true,
        description = {
            "Start the dev services if needed and write the production settings for them to"
                    + " ./data/dev/service.properties (signing key, bootstrap admin; what './bulwark run --dev' uses).",
            "To run the service another way: --spring.config.additional-location=file:data/dev/service.properties"
        })
final class DevSettings implements Callable<Integer> {

    private final Console console;
    private final String home;

    DevSettings(Console console, String home) {
        this.console = console;
        this.home = home;
    }

    @Override
    public Integer call() {
        Project project = Project.locate(home);
        DevServices services = new DevServices(project, console);
        DevServices.Status status = services.start(null, null, false);
        DevFolder folder = services.folder();
        RunSettings.Written written = RunSettings.write(folder, status.state(), DevCommand.keyPrefix(project));
        if (written.signingKey().created()) {
            console.line(
                    "Signing key: made " + folder.shown(written.signingKey().file()));
        }
        console.line("Settings:    " + folder.shown(written.file()) + " (production mode: no profile)");
        console.line("Admin:       " + RunSettings.ADMIN_EMAIL + ", password in "
                + folder.shown(written.admin().file()));
        if (written.admin().created()) {
            console.line("             password: " + written.admin().value()
                    + "   (shown this once; it stays in that file)");
        }
        return 0;
    }
}
