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
        description = "Start PostgreSQL and Redis (with --idp also Keycloak) in the background (data under ./data/dev)"
                + " and print how to connect. Starting what already runs changes nothing.")
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

    @Option(
            names = "--idp",
            description = "Also start a dev identity provider: Keycloak " + KeycloakHome.VERSION + " (fetched with"
                    + " Maven once, 177 MB) with a realm 'bulwark', its client and two users, for signing in to the"
                    + " service through OIDC.")
    boolean idp;

    @Option(
            names = "--idp-port",
            paramLabel = "PORT",
            description = "Keycloak's port on 127.0.0.1 (default: the last one used, else 58080); implies --idp.")
    Integer idpPort;

    @Option(
            names = "--app-port",
            paramLabel = "PORT",
            description = "The service's port on localhost that the realm's redirect URIs name (default: the last"
                    + " one used, else 8080); implies --idp.")
    Integer appPort;

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
        boolean withIdp = idp || idpPort != null || appPort != null;
        if (withIdp) {
            DevIdpStarter.check(idpPort, appPort);
            if (idpPort != null && services.idp().running().isEmpty()) {
                Ports.requireFree(idpPort, "Keycloak", "--idp-port"); // before PostgreSQL and Redis start
            }
        }
        DevServices.Status status = services.start(postgresPort, redisPort, embedded);
        if (withIdp) {
            status = services.startIdp(idpPort, appPort);
        }
        console.line("");
        DevReport.status(console, services.folder(), status);
        DevReport.environment(console, services.folder(), status.state(), DevCommand.keyPrefix(project));
        if (status.idp().isPresent()) {
            IdpSettings.signIn(console, services.folder(), status.state());
        }
        console.next(
                "./bulwark run --dev       # the service with production settings against them",
                "./bulwark dev status      # also: dev logs [postgres|redis|idp], dev stop [--wipe]");
        return 0;
    }
}
