package dev.bulwark.cli.dev;

import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** A throwaway project folder for the dev tests, with ports of its own; runs {@code ./bulwark dev ...} in it. */
final class DevProject {

    final Path root;
    final int postgresPort;
    final int redisPort;

    /** What one command did. */
    record Run(int exitCode, String out, String err) {}

    DevProject(Path root) {
        this.root = root;
        try {
            Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] ports = freePorts(2);
        this.postgresPort = ports[0];
        this.redisPort = ports[1];
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine line = BulwarkCli.commandLine(
                root.toString(), new Console(new PrintStream(out, true, StandardCharsets.UTF_8)));
        line.setErr(new PrintWriter(err, true));
        int exitCode = line.execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    Run start(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "dev", "start", "--pg-port", String.valueOf(postgresPort), "--redis-port", String.valueOf(redisPort)));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    Path dev() {
        return root.resolve("data/dev");
    }

    String secret(String name) {
        try {
            return Files.readString(dev().resolve("secrets").resolve(name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection as the application connects: its own role, with the password from the file. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/bulwark", "bulwark", secret(Secrets.POSTGRES));
    }

    /** Stops whatever a test left running; a test that failed half-way must not leave servers behind. */
    void stopQuietly() {
        if (Files.isDirectory(dev())) {
            run("dev", "stop");
        }
    }

    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closed or not, the port was free a moment ago
                }
            }
        }
    }
}
