package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts and stops the two dev services together, all or nothing: a start that fails stops what it started. Two
 * {@code dev} commands never work on one {@code data/dev} at once (a file lock).
 */
final class DevServices {

    private final DevFolder folder;
    private final DevPostgres postgres;
    private final DevRedis redis;
    private final DevIdp idp;
    private final Console console;

    DevServices(Project project, Console console) {
        this.folder = DevFolder.of(project.root());
        this.postgres = new DevPostgres(folder, project.answers().snakeName());
        this.redis = new DevRedis(folder);
        this.idp = new DevIdp(folder);
        this.console = console;
    }

    /** What runs now, beside what the state file recorded. */
    record Status(
            DevState state,
            Optional<DevPostgres.Running> postgres,
            Optional<DevRedis.Running> redis,
            Optional<DevIdp.Running> idp) {

        boolean allRunning() {
            return postgres.isPresent() && redis.isPresent();
        }
    }

    DevFolder folder() {
        return folder;
    }

    Status status() {
        DevState state = DevState.load(folder.stateFile());
        return new Status(state, postgres.running(), redis.running(), idp.running());
    }

    DevIdp idp() {
        return idp;
    }

    /** Starts the dev IdP (Keycloak) when it is not running; PostgreSQL and Redis are {@link #start}'s. */
    Status startIdp(Integer idpPort, Integer appPort) {
        DevIdpStarter.check(idpPort, appPort);
        folder.create();
        try (DevLock lock = DevLock.take(folder)) {
            new DevIdpStarter(folder, idp, console).start(DevState.load(folder.stateFile()), idpPort, appPort);
        }
        return status();
    }

    /**
     * Starts whichever service is not running, on the given ports, else the last ones, else the defaults.
     *
     * @param embedded use the embedded binaries even where the machine has its own
     */
    Status start(Integer postgresPort, Integer redisPort, boolean embedded) {
        Status before = status();
        int pgPort =
                before.postgres().map(DevPostgres.Running::port).orElse(postgresPort(before.state(), postgresPort));
        int rdPort = before.redis().map(DevRedis.Running::port).orElse(redisPort(before.state(), redisPort));
        requireSamePort("PostgreSQL", before.postgres().map(DevPostgres.Running::port), postgresPort, "--pg-port");
        requireSamePort("Redis", before.redis().map(DevRedis.Running::port), redisPort, "--redis-port");
        if (pgPort == rdPort) {
            throw new CliError("PostgreSQL and Redis cannot share port " + pgPort + ": give --pg-port and --redis-port"
                    + " different ports");
        }
        if (before.postgres().isEmpty()) {
            Ports.requireFree(pgPort, "PostgreSQL", "--pg-port");
        }
        if (before.redis().isEmpty()) {
            Ports.requireFree(rdPort, "Redis", "--redis-port");
        }
        folder.create();
        try (DevLock lock = DevLock.take(folder)) {
            DevState state = before.postgres().isPresent()
                    ? keep(before.state(), before.postgres().get())
                    : startPostgres(before.state(), embedded, pgPort);
            state = before.redis().isPresent()
                    ? keep(state, before.redis().get())
                    : startRedis(state, embedded, rdPort, before.postgres().isEmpty());
            return new Status(state, postgres.running(), redis.running(), idp.running());
        }
    }

    private DevState keep(DevState state, DevPostgres.Running running) {
        console.line("PostgreSQL is already running (pid " + running.pid() + ", port " + running.port() + ")");
        if (state.postgres() != null) {
            return state;
        }
        DevState recorded = state.withPostgres(postgres.recorded(running)); // state.json was deleted meanwhile
        recorded.save(folder.stateFile());
        return recorded;
    }

    private DevState keep(DevState state, DevRedis.Running running) {
        console.line("Redis is already running (pid " + running.pid() + ", port " + running.port() + ")");
        if (state.redis() != null) {
            return state;
        }
        DevState recorded = state.withRedis(redis.recorded(running));
        recorded.save(folder.stateFile());
        return recorded;
    }

    private DevState startPostgres(DevState state, boolean embedded, int port) {
        PostgresBinaries binaries = PostgresBinaries.choose(embedded, folder.postgresData(), folder.binaries());
        console.step("starting " + binaries.describe() + " on " + Ports.HOST + ":" + port);
        DevState started = state.withPostgres(postgres.start(binaries, port));
        started.save(folder.stateFile());
        console.done("PostgreSQL is running (pid " + started.postgres().pid() + ")");
        return started;
    }

    private DevState startRedis(DevState state, boolean embedded, int port, boolean undoPostgres) {
        try {
            RedisBinary binary = RedisBinary.choose(embedded, folder.binaries(), state.redis());
            console.step("starting " + binary.describe() + " on " + Ports.HOST + ":" + port);
            DevState started =
                    state.withRedis(redis.start(binary.executable(), binary.origin(), binary.version(), port));
            started.save(folder.stateFile());
            console.done("Redis is running (pid " + started.redis().pid() + ")");
            return started;
        } catch (RuntimeException e) {
            if (undoPostgres) {
                postgres.stop(Path.of(state.postgres().program()));
            }
            throw e;
        }
    }

    /** Stops both (data kept); {@code wipe} then deletes {@code data/dev}. */
    void stop(boolean wipe) {
        if (!folder.exists()) {
            console.line("Nothing to stop: " + folder.shown(folder.root()) + " does not exist");
            return;
        }
        try (DevLock lock = DevLock.take(folder)) {
            DevState state = DevState.load(folder.stateFile());
            stopIdp(state);
            Optional<DevPostgres.Running> server = postgres.postmaster();
            if (server.isPresent()) {
                console.step("stopping PostgreSQL (pid " + server.get().pid() + ")");
                postgres.stop(postgresBin(state));
                console.done("stopped");
            } else {
                console.line("PostgreSQL is not running");
            }
            Optional<Long> redisPid = redis.pid();
            if (redisPid.isPresent()) {
                console.step("stopping Redis (pid " + redisPid.get() + ")");
                redis.stop();
                console.done("stopped");
            } else {
                console.line("Redis is not running");
            }
        }
        if (wipe) {
            console.step("deleting " + folder.shown(folder.root()));
            folder.delete();
            console.done("deleted: the next start begins afresh (new passwords, empty database)");
        }
    }

    private void stopIdp(DevState state) {
        Optional<DevIdp.Running> keycloak = idp.process();
        if (keycloak.isPresent()) {
            console.step("stopping Keycloak (pid " + keycloak.get().pid() + ")");
            idp.stop();
            console.done("stopped");
        } else if (state.idp() != null) {
            console.line("Keycloak is not running");
        }
    }

    private Path postgresBin(DevState state) {
        if (state.postgres() != null
                && !state.postgres().program().isEmpty()
                && PostgresBinaries.complete(Path.of(state.postgres().program()))) {
            return Path.of(state.postgres().program());
        }
        return PostgresBinaries.choose(false, folder.postgresData(), folder.binaries())
                .bin();
    }

    private static int postgresPort(DevState state, Integer option) {
        if (option != null) {
            return option;
        }
        return state.postgres() != null ? state.postgres().port() : DevPostgres.DEFAULT_PORT;
    }

    private static int redisPort(DevState state, Integer option) {
        if (option != null) {
            return option;
        }
        return state.redis() != null ? state.redis().port() : DevRedis.DEFAULT_PORT;
    }

    private void requireSamePort(String service, Optional<Integer> running, Integer asked, String option) {
        if (running.isPresent() && asked != null && !running.get().equals(asked)) {
            throw new CliError(service + " of " + folder.shown(folder.root()) + " is running on port " + running.get()
                    + ": ./bulwark dev stop first to move it to " + option + " " + asked);
        }
    }
}
