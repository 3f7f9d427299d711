package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.util.Map;
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
        Map<String, String> oidc = status.idp().isPresent() && status.state().idp() != null
                ? IdpSettings.properties(folder, status.state())
                : Map.of();
        RunSettings.Written written = RunSettings.write(folder, status.state(), DevCommand.keyPrefix(project), oidc);
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
        if (!oidc.isEmpty()) {
            console.line("Sign-in:     Keycloak at " + status.state().idp().url() + " (bulwark.oidc.providers."
                    + IdpSettings.PROVIDER + ".*); open " + IdpSettings.appOrigin(status.state())
                    + "/auth/web/login?provider=" + IdpSettings.PROVIDER + "&return_to=/auth/web/me");
        } else if (status.state().idp() != null) {
            console.line("Sign-in:     the dev IdP is stopped, so no bulwark.oidc.* settings: ./bulwark dev start"
                    + " --idp first");
        }
        return 0;
    }
}
