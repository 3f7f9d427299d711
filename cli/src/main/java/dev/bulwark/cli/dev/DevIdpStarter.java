package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code dev start --idp}: the dev Keycloak started when it is not running, on the given port, else the last one, else
 * {@value DevIdp#DEFAULT_PORT}; its realm made for the service's port ({@code --app-port}, kept likewise). Runs while
 * the caller holds the {@link DevLock}.
 */
final class DevIdpStarter {

    private final DevFolder folder;
    private final DevIdp idp;
    private final Console console;

    DevIdpStarter(DevFolder folder, DevIdp idp, Console console) {
        this.folder = folder;
        this.idp = idp;
        this.console = console;
    }

    /** Checks the options before anything starts. */
    static void check(Integer port, Integer appPort) {
        check(port, "--idp-port");
        check(appPort, "--app-port");
    }

    private static void check(Integer port, String option) {
        if (port != null && (port < 1024 || port > 65535)) {
            throw new CliError(option + " " + port + ": choose a port from 1024 to 65535");
        }
    }

    DevState start(DevState state, Integer port, Integer appPort) {
        int app = appPort != null ? appPort : Objects.requireNonNullElse(state.appPort(), DevIdp.DEFAULT_APP_PORT);
        Optional<DevIdp.Running> running = idp.running();
        if (running.isPresent()) {
            return keep(state, running.get(), port, app);
        }
        int idpPort = port != null ? port : state.idp() != null ? state.idp().port() : DevIdp.DEFAULT_PORT;
        Ports.requireFree(idpPort, "Keycloak", "--idp-port");
        KeycloakHome.ensure(folder, console);
        boolean reimport = state.appPort() != null && state.appPort() != app;
        if (reimport) {
            console.line("The realm was made for the service on port " + state.appPort() + ": importing it again for "
                    + app + " (same users and passwords; sessions and admin-console changes go)");
        }
        IdpRealm realm = realm(app);
        console.step("starting Keycloak " + KeycloakHome.VERSION + " on " + Ports.HOST + ":" + idpPort
                + " (about 30 s; log " + folder.shown(idp.log()) + ")");
        long began = System.nanoTime();
        DevState started = state.withIdp(idp.start(idpPort, realm, reimport), app);
        started.save(folder.stateFile());
        console.done("Keycloak is running (pid " + started.idp().pid() + ", ready in "
                + (System.nanoTime() - began) / 1_000_000_000 + " s)");
        return started;
    }

    private DevState keep(DevState state, DevIdp.Running running, Integer port, int app) {
        if (port != null && port != running.port()) {
            throw new CliError("Keycloak of " + folder.shown(folder.root()) + " is running on port " + running.port()
                    + ": ./bulwark dev stop first to move it to --idp-port " + port);
        }
        if (state.appPort() != null && state.appPort() != app) {
            throw new CliError("Keycloak of " + folder.shown(folder.root()) + " runs with a realm for the service on"
                    + " port " + state.appPort() + ": ./bulwark dev stop first to make it for --app-port " + app);
        }
        console.line("Keycloak is already running (pid " + running.pid() + ", port " + running.port() + ")");
        return state;
    }

    /** The realm with the secrets of data/dev/secrets, each made the first time. */
    IdpRealm realm(int appPort) {
        Secrets secrets = folder.secrets();
        Secrets.Secret alice = secrets.password(Secrets.IDP_ALICE);
        Secrets.Secret bob = secrets.password(Secrets.IDP_BOB);
        for (Secrets.Secret made : new Secrets.Secret[] {alice, bob}) {
            if (made.created()) {
                console.line("Made " + (made == alice ? IdpRealm.ALICE : IdpRealm.BOB) + "'s password: " + made.value()
                        + "   (shown this once; it stays in " + folder.shown(made.file()) + ")");
            }
        }
        return new IdpRealm(appPort, secrets.password(Secrets.IDP_CLIENT).value(), alice.value(), bob.value());
    }
}
