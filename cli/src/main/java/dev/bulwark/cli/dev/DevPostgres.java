package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final DevFolder folder;
    private final String database;

    /** @param database the application's database, also the name of the role that owns it */
    DevPostgres(DevFolder folder, String database) {
        this.folder = folder;
        this.database = database;
    }

    /** A server running from {@code data/dev/postgres}. */
    record Running(long pid, int port) {}

    String database() {
        return database;
    }

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
            initialize(binaries);
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

    /**
     * initdb into a folder beside the data directory, then the application's role and database (single-user mode:
     * no server, no port), then the settings; moved in place only when all of it worked.
     */
    private void initialize(PostgresBinaries binaries) {
        Path partial = folder.postgresData().resolveSibling("postgres.partial");
        DevFolder.deleteTree(partial);
        Secrets secrets = folder.secrets();
        Path superuserPassword = secrets.password(Secrets.POSTGRES_SUPERUSER).file();
        String password = secrets.password(Secrets.POSTGRES).value();
        Path log = folder.logs().resolve("postgres-init.log");
        Programs.Result initdb = Programs.run(
                Programs.unprivileged(List.of(
                        binaries.program("initdb").toString(),
                        "-D",
                        partial.toString(),
                        "-U",
                        SUPERUSER,
                        "--pwfile=" + superuserPassword,
                        "--auth-host=scram-sha-256",
                        "--auth-local=scram-sha-256",
                        "-E",
                        "UTF8",
                        "--locale=C")),
                log,
                TIMEOUT,
                "");
        requireSucceeded(initdb.succeeded(), initdb, "initdb", log);
        Programs.Result setup = Programs.run(
                Programs.unprivileged(List.of(
                        binaries.program("postgres").toString(),
                        "--single",
                        "-D",
                        partial.toString(),
                        "-c",
                        "listen_addresses=",
                        "-c",
                        "unix_socket_directories=",
                        "-c",
                        "log_min_error_statement=panic", // the statements hold a password
                        "postgres")),
                log,
                TIMEOUT,
                "CREATE ROLE \"" + database + "\" LOGIN PASSWORD '" + password + "'\n" + "CREATE DATABASE \"" + database
                        + "\" OWNER \"" + database + "\"\n");
        // single-user mode reports a failed statement in its output, not in its exit status
        requireSucceeded(
                setup.succeeded() && !setup.output().contains("ERROR:"), setup, "creating the role and database", log);
        try {
            Files.writeString(
                    partial.resolve("postgresql.conf"),
                    "\n# ./bulwark dev: reachable from this machine only, over TCP (no Unix socket)\n"
                            + "listen_addresses = '" + Ports.HOST + "'\n"
                            + "unix_socket_directories = ''\n",
                    StandardOpenOption.APPEND);
            Files.move(partial, folder.postgresData(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliError("cannot finish " + folder.postgresData() + ": " + e.getMessage(), e);
        }
    }

    private void requireSucceeded(boolean succeeded, Programs.Result result, String what, Path log) {
        if (!succeeded) {
            throw new CliError("PostgreSQL " + what + " failed:\n"
                    + result.output().strip() + "\n(log: " + folder.shown(log) + ")");
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
