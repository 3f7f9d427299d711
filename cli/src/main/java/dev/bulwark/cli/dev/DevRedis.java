package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dev Redis: on 127.0.0.1 only, with a password, its data in {@code data/dev/redis} as an append-only file and no
 * snapshots, so a restarted Redis still holds every revocation (docs/security.md, Revocation). It daemonizes itself,
 * so it keeps running after this tool exits.
 */
final class DevRedis {

    static final int DEFAULT_PORT = 56379;
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private final DevFolder folder;

    DevRedis(DevFolder folder) {
        this.folder = folder;
    }

    /** A redis-server running from {@code data/dev/redis}. */
    record Running(long pid, int port) {}

    /** The URL without its password. */
    static String url(int port) {
        return "redis://" + Ports.HOST + ":" + port;
    }

    /** The server of {@code data/dev/redis} while its process lives and answers on the port its config names. */
    Optional<Running> running() {
        Optional<Long> pid = pid();
        Optional<Integer> port = RedisConfig.port(config());
        if (pid.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return Resp.pong(port.get(), folder.secrets().read(Secrets.REDIS).orElse(""))
                ? Optional.of(new Running(pid.get(), port.get()))
                : Optional.empty();
    }

    DevState.Service start(Path executable, String origin, String version, int port) {
        Path log = folder.logs().resolve("redis.log");
        Path config = config();
        Secrets.writePrivate(config, new RedisConfig(port, password(), folder.redisDirectory(), log).text());
        Programs.Result launched =
                Programs.run(List.of(executable.toString(), config.toString()), log, READY_WITHIN, "");
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        Optional<Running> running = Optional.empty();
        while (launched.succeeded() && running.isEmpty() && System.nanoTime() < deadline) {
            pause();
            running = running();
        }
        if (running.isEmpty()) {
            try {
                stop(); // one that started but does not answer as configured is not left behind
            } catch (CliError notOurs) {
                // the start's failure is the one to report
            }
            throw new CliError("Redis did not start on port " + port + ":\n" + String.join("\n", LogFiles.tail(log, 8))
                    + "\n(log: " + folder.shown(log) + ")");
        }
        return new DevState.Service(
                origin,
                executable.toString(),
                version,
                port,
                running.get().pid(),
                url(port),
                "",
                folder.secrets().file(Secrets.REDIS).toString());
    }

    /** What the state file records for a server it has no record of (the program that runs it is not known). */
    DevState.Service recorded(Running running) {
        return new DevState.Service(
                "unknown",
                "",
                "",
                running.port(),
                running.pid(),
                url(running.port()),
                "",
                folder.secrets().file(Secrets.REDIS).toString());
    }

    /**
     * SIGTERM (Redis writes its append-only file and exits) to the process the pid file names, once it is a Redis
     * server (Debian's redis-server is a link to redis-check-rdb, and Redis rewrites its process title: "redis" is
     * what both show).
     *
     * @return whether a server was stopped
     */
    boolean stop() {
        Optional<ProcessHandle> process = pid().flatMap(ProcessHandle::of);
        if (process.isEmpty()) {
            return false;
        }
        ProcessHandle.Info info = process.get().info();
        if (!(info.command().orElse("") + " " + info.commandLine().orElse("")).contains("redis")) {
            throw new CliError(folder.shown(folder.redisDirectory().resolve("redis.pid")) + " names pid "
                    + process.get().pid() + ", which is not a Redis server: left alone; delete that file if Redis"
                    + " is not running");
        }
        process.get().destroy();
        try {
            process.get().onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            throw new CliError("Redis (pid " + process.get().pid() + ") did not stop within 30 s; see "
                    + folder.shown(folder.logs().resolve("redis.log")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }

    /** The pid in the pid file while that process lives. */
    Optional<Long> pid() {
        Path pidFile = folder.redisDirectory().resolve("redis.pid");
        try {
            return Files.isRegularFile(pidFile)
                    ? Optional.of(Long.parseLong(Files.readString(pidFile).strip()))
                            .filter(pid -> ProcessHandle.of(pid)
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false))
                    : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private Path config() {
        return folder.redisDirectory().resolve("redis.conf");
    }

    private String password() {
        return folder.secrets().password(Secrets.REDIS).value();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }
}
