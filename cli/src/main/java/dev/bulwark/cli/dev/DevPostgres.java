package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dev PostgreSQL: one cluster in {@code data/dev/postgres}, on 127.0.0.1 only (no Unix socket), with password
 * authentication (SCRAM) for every connection. The application connects as a role of its own that owns its database,
 * not as the superuser, as it would in production. {@code pg_ctl} starts the server in a session of its own, so it
 * keeps running after this tool exits.
 */
final class DevPostgres {

    static final int DEFAULT_PORT = 55432;
    static final String SUPERUSER = "postgres";
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final DevFolder folder;
    private final String database;

    /** @param database the application's database, also the name of the role that owns it */
    DevPostgres(DevFolder folder, String database) {
        this.folder = folder;
        this.database = database;
    }

    /** A server running from {@code data/dev/postgres}. */
    record Running(long pid, int port) {}

    String jdbcUrl(int port) {
        return "jdbc:postgresql://" + Ports.HOST + ":" + port + "/" + database;
    }

    /** The server of the data directory, when its postmaster runs and accepts connections. */
    Optional<Running> running() {
        return postmaster().filter(running -> Ports.answers(running.port()));
    }

    /** The postmaster of the data directory while its process lives, whether or not it accepts connections yet. */
    Optional<Running> postmaster() {
        Path pidFile = folder.postgresData().resolve("postmaster.pid");
        try {
            List<String> lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(new Running(pid, port)) : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty(); // being written, or left half by a crash: pg_ctl start copes with both
        }
    }

    /** Makes the cluster when there is none, starts it on {@code port} and returns what the state file records. */
    DevState.Service start(PostgresBinaries binaries, int port) {
        if (!Files.isRegularFile(folder.postgresData().resolve("PG_VERSION"))) {
            PostgresCluster.create(folder, binaries, database);
        }
        Path log = folder.logs().resolve("postgres.log");
        long logged = size(log);
        Programs.Result started = Programs.run(
                Programs.unprivileged(List.of(
                        binaries.program("pg_ctl").toString(),
                        "-D",
                        folder.postgresData().toString(),
                        "-l",
                        log.toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port,
                        "start")),
                folder.logs().resolve("pg_ctl.log"),
                TIMEOUT,
                "");
        Optional<Running> running = running();
        if (!started.succeeded() || running.isEmpty()) {
            throw new CliError("PostgreSQL did not start on port " + port + ":\n"
                    + LogFiles.from(log, logged).strip() + "\n"
                    + started.output().strip() + "\n(logs: " + folder.shown(log) + ")");
        }
        return new DevState.Service(
                binaries.origin(),
                binaries.bin().toString(),
                binaries.version(),
                port,
                running.get().pid(),
                jdbcUrl(port),
                database,
                folder.secrets().file(Secrets.POSTGRES).toString());
    }

    /** What the state file records for a server it has no record of (the program that runs it is not known). */
    DevState.Service recorded(Running running) {
        String version = PostgresBinaries.dataVersion(folder.postgresData())
                .map(String::valueOf)
                .orElse("");
        return new DevState.Service(
                "unknown",
                "",
                version,
                running.port(),
                running.pid(),
                jdbcUrl(running.port()),
                database,
                folder.secrets().file(Secrets.POSTGRES).toString());
    }

    /** Stops the server (fast: open connections are closed, nothing committed is lost) and waits for it. */
    void stop(Path bin) {
        Programs.Result stopped = Programs.run(
                Programs.unprivileged(List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        folder.postgresData().toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "60",
                        "stop")),
                folder.logs().resolve("pg_ctl.log"),
                TIMEOUT,
                "");
        if (!stopped.succeeded() && postmaster().isPresent()) {
            throw new CliError("PostgreSQL did not stop: " + stopped.output().strip());
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
