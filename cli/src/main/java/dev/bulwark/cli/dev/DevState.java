package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code data/dev/state.json}: how the services were last started (programs, ports, pids, URLs). Whether they still
 * run is asked of them, never taken from here; the ports are reused by the next start unless options change them.
 *
 * @param postgres null before the first start
 * @param redis null before the first start
 * @param idp the dev Keycloak ({@code dev start --idp}); null before its first start
 * @param appPort the service's port on localhost that the IdP's realm was imported for; null without an IdP
 */
record DevState(Service postgres, Service redis, Service idp, Integer appPort) {

    static final DevState NONE = new DevState(null, null, null, null);

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * One service as it was started.
     *
     * @param origin {@code installed} (the machine's own program) or {@code embedded}
     * @param program the bin folder (PostgreSQL) or the executable (Redis)
     * @param version as the program reports it
     * @param url JDBC URL or Redis URL, without the password
     * @param user who to connect as (empty for Redis: its default user)
     * @param passwordFile the file holding that user's password
     */
    record Service(
            String origin,
            String program,
            String version,
            int port,
            long pid,
            String url,
            String user,
            String passwordFile) {}

    static DevState load(Path file) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            return JSON.readValue(file.toFile(), DevState.class);
        } catch (RuntimeException e) {
            throw new CliError(
                    file + " cannot be read (" + e.getMessage() + "): delete it; the next start writes it" + " again",
                    e);
        }
    }

    void save(Path file) {
        Secrets.writePrivate(file, JSON.writeValueAsString(this) + "\n");
    }

    DevState withPostgres(Service service) {
        return new DevState(service, redis, idp, appPort);
    }

    DevState withRedis(Service service) {
        return new DevState(postgres, service, idp, appPort);
    }

    DevState withIdp(Service service, int realmAppPort) {
        return new DevState(postgres, redis, service, realmAppPort);
    }
}
