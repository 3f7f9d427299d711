package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Starts and stops the two dev services together, all or nothing: a start that fails stops what it started. Two
 * {@code dev} commands never work on one {@code data/dev} at once (a file lock).
 */
final class DevServices {

    private final DevFolder folder;
    private final DevPostgres postgres;
    private final DevRedis redis;
    private final Console console;

    DevServices(Project project, Console console) {
        this.folder = DevFolder.of(project.root());
        this.postgres = new DevPostgres(folder, project.answers().snakeName());
        this.redis = new DevRedis(folder);
        this.console = console;
    }

    /** What runs now, beside what the state file recorded. */
    record Status(DevState state, Optional<DevPostgres.Running> postgres, Optional<DevRedis.Running> redis) {

        boolean allRunning() {
            return postgres.isPresent() && redis.isPresent();
        }
    }

    DevFolder folder() {
        return folder;
    }

    Status status() {
        DevState state = DevState.load(folder.stateFile());
        return new Status(state, postgres.running(), redis.running(redisPort(state, null)));
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
        int rdPort = redisPort(before.state(), redisPort);
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
        try (Lock lock = lock()) {
            DevState state = before.state();
            boolean startedPostgres = false;
            if (before.postgres().isPresent()) {
                console.line("PostgreSQL is already running (pid "
                        + before.postgres().get().pid() + ", port " + pgPort + ")");
            } else {
                PostgresBinaries binaries = PostgresBinaries.choose(embedded, folder.postgresData(), folder.binaries());
                console.step("starting " + binaries.describe() + " on " + Ports.HOST + ":" + pgPort);
                state = state.withPostgres(postgres.start(binaries, pgPort));
                state.save(folder.stateFile());
                console.done("PostgreSQL is running (pid " + state.postgres().pid() + ")");
                startedPostgres = true;
            }
            if (before.redis().isPresent()) {
                console.line(
                        "Redis is already running (pid " + before.redis().get().pid() + ", port " + rdPort + ")");
            } else {
                state = startRedis(state, embedded, rdPort, startedPostgres);
            }
            return new Status(state, postgres.running(), redis.running(rdPort));
        }
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
        try (Lock lock = lock()) {
            DevState state = DevState.load(folder.stateFile());
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

    private Path postgresBin(DevState state) {
        if (state.postgres() != null
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

    /** Held while a command starts or stops the services; closing the channel releases it. */
    private record Lock(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel, or with this process
            }
        }
    }

    private Lock lock() {
        try {
            FileChannel channel = FileChannel.open(
                    folder.root().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new CliError("another ./bulwark dev command is working on " + folder.shown(folder.root())
                        + ": wait for it to finish");
            }
            return new Lock(channel);
        } catch (IOException e) {
            throw new CliError("cannot lock " + folder.root() + ": " + e.getMessage(), e);
        }
    }
}
