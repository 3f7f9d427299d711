package dev.bulwark.cli.dev;

import dev.bulwark.cli.Console;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code dev start} and {@code dev status} print: each service's state, its URL, how to connect. */
final class DevReport {

    private DevReport() {}

    static void status(Console console, DevFolder folder, DevServices.Status status) {
        DevState state = status.state();
        service(console, "PostgreSQL", state.postgres(), status.postgres().map(DevPostgres.Running::pid));
        if (state.postgres() != null) {
            console.line("            " + state.postgres().url() + "  user "
                    + state.postgres().user() + ", password in "
                    + folder.shown(Path.of(state.postgres().passwordFile())));
        }
        console.line("            data " + folder.shown(folder.postgresData()) + " ("
                + DevFolder.humanSize(DevFolder.size(folder.postgresData())) + "), log "
                + folder.shown(folder.logs().resolve("postgres.log")));
        service(console, "Redis", state.redis(), status.redis().map(DevRedis.Running::pid));
        if (state.redis() != null) {
            console.line("            " + state.redis().url() + "  password in "
                    + folder.shown(Path.of(state.redis().passwordFile())));
        }
        console.line("            data " + folder.shown(folder.redisDirectory()) + " ("
                + DevFolder.humanSize(DevFolder.size(folder.redisDirectory())) + "), log "
                + folder.shown(folder.logs().resolve("redis.log")));
        if (state.idp() != null || status.idp().isPresent()) {
            idp(console, folder, status);
        }
        console.line("Total       " + folder.shown(folder.root()) + " ("
                + DevFolder.humanSize(DevFolder.size(folder.root())) + ")");
    }

    private static void idp(Console console, DevFolder folder, DevServices.Status status) {
        DevState.Service idp = status.state().idp();
        service(console, "Keycloak", idp, status.idp().map(DevIdp.Running::pid));
        if (idp != null) {
            console.line("            " + idp.url() + "  for the service on " + IdpSettings.appOrigin(status.state()));
        }
        Path home = KeycloakHome.of(folder);
        console.line("            data " + folder.shown(home) + " ("
                + DevFolder.humanSize(DevFolder.size(folder.idp())) + "), log "
                + folder.shown(folder.logs().resolve("idp.log")));
    }

    private static void service(Console console, String name, DevState.Service service, Optional<Long> pid) {
        String what = service == null ? "" : "  " + service.version() + " (" + service.origin() + ")";
        String where = service == null ? "" : "  port " + service.port();
        console.line(String.format(
                "%-11s %s%s%s",
                name, pid.map(running -> "running  pid " + running).orElse("stopped"), where, what));
    }

    /** The environment variables that point the service (or anything else) at the dev services. */
    static void environment(Console console, DevFolder folder, DevState state, String keyPrefix) {
        DevState.Service postgres = state.postgres();
        DevState.Service redis = state.redis();
        String postgresPassword = "\"$(cat " + folder.shown(Path.of(postgres.passwordFile())) + ")\"";
        console.line("");
        console.line("Connect with (bash):");
        console.line("  export SPRING_DATASOURCE_URL=" + postgres.url());
        console.line("  export SPRING_DATASOURCE_USERNAME=" + postgres.user());
        console.line("  export SPRING_DATASOURCE_PASSWORD=" + postgresPassword);
        console.line("  export BULWARK_REDIS_URL=\"redis://:$(cat " + folder.shown(Path.of(redis.passwordFile())) + ")@"
                + Ports.HOST + ":" + redis.port() + "\"");
        console.line("  export BULWARK_REDIS_KEYPREFIX=" + keyPrefix);
        console.line("  PGPASSWORD=" + postgresPassword + " psql -h " + Ports.HOST + " -p " + postgres.port() + " -U "
                + postgres.user() + " " + postgres.user());
    }
}
