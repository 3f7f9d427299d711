package dev.bulwark.cli.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code data/dev/redis/redis.conf}, written at each start (0600: it holds the password), so a changed port or setting
 * takes effect. Its {@code port} line is also where {@code status} finds the port of a running server.
 */
record RedisConfig(int port, String password, Path directory, Path log) {

    String text() {
        return String.join(
                "\n",
                "# Written by ./bulwark dev start at each start: change the CLI (dev.bulwark.cli.dev.RedisConfig), not"
                        + " this.",
                "port " + port,
                "bind " + Ports.HOST,
                "protected-mode yes",
                "requirepass " + password,
                "daemonize yes",
                "dir " + quoted(directory),
                "pidfile " + quoted(directory.resolve("redis.pid")),
                "logfile " + quoted(log),
                "# Every write in an append-only file, no snapshots: a restart loses no revocation (docs/security.md).",
                "appendonly yes",
                "appendfsync everysec",
                "save \"\"",
                "maxmemory-policy noeviction",
                "");
    }

    /** The port the config at {@code file} names, when there is one. */
    static Optional<Integer> port(Path file) {
        try (Stream<String> lines = Files.isRegularFile(file) ? Files.lines(file) : Stream.empty()) {
            return lines.filter(line -> line.startsWith("port "))
                    .map(line ->
                            Integer.parseInt(line.substring("port ".length()).strip()))
                    .findFirst();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
