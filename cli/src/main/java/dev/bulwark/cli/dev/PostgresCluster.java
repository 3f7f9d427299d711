package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Makes the dev cluster: {@code initdb} with password authentication (SCRAM) for every connection and a superuser
 * password, then the application's role and its database, then the settings that keep it on 127.0.0.1. All of it
 * happens in a folder beside the data directory, moved in place only when every step worked, so a failed first start
 * leaves nothing half made.
 */
final class PostgresCluster {

    private PostgresCluster() {}

    /**
     * initdb into a folder beside the data directory, then the application's role and database (single-user mode:
     * no server, no port), then the settings; moved in place only when all of it worked.
     */
    static void create(DevFolder folder, PostgresBinaries binaries, String database) {
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
                        DevPostgres.SUPERUSER,
                        "--pwfile=" + superuserPassword,
                        "--auth-host=scram-sha-256",
                        "--auth-local=scram-sha-256",
                        "-E",
                        "UTF8",
                        "--locale=C")),
                log,
                DevPostgres.TIMEOUT,
                "");
        requireSucceeded(folder, initdb.succeeded(), initdb, "initdb", log);
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
                DevPostgres.TIMEOUT,
                "CREATE ROLE \"" + database + "\" LOGIN PASSWORD '" + password + "'\n" + "CREATE DATABASE \"" + database
                        + "\" OWNER \"" + database + "\"\n");
        // single-user mode reports a failed statement in its output, not in its exit status
        requireSucceeded(
                folder,
                setup.succeeded() && !setup.output().contains("ERROR:"),
                setup,
                "creating the role and database",
                log);
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

    private static void requireSucceeded(
            DevFolder folder, boolean succeeded, Programs.Result result, String what, Path log) {
        if (!succeeded) {
            throw new CliError("PostgreSQL " + what + " failed:\n"
                    + result.output().strip() + "\n(log: " + folder.shown(log) + ")");
        }
    }
}
