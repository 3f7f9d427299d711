package dev.bulwark.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run that did not shut down (killed with SIGKILL, an IDE's stop button, or the AOT training run, which ends with
 * {@code Runtime.halt}) leaves its PostgreSQL running: {@code pg_ctl} starts the server in a session of its own, so
 * it outlives the JVM, and the next start would fail on its {@code postmaster.pid}. Before a start this stops such a
 * leftover, but only when no live process holds the data directory (zonky's {@code epg-lock}) and the pid in
 * {@code postmaster.pid} is a postgres serving this very directory. A pid file whose process is gone is left to
 * PostgreSQL, which recovers from it; one whose pid now belongs to an unrelated process (pids are reused after a
 * reboot) is stale and removed, or PostgreSQL would refuse to start.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final long STOP_TIMEOUT_SECONDS = 15;

    private LeftoverPostmaster() {}

    static void stopIfAny(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        refuseIfInUse(directory);
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        Optional<String[]> arguments = process.flatMap(p -> p.info().arguments());
        if (arguments.isEmpty()) {
            return; // gone (PostgreSQL recovers), or not inspectable here (Windows): PostgreSQL decides
        }
        if (List.of(arguments.get()).contains(directory.toString())) {
            log.warn(
                    "Stopping the PostgreSQL (pid {}) an earlier run left running on {}: that run ended without"
                            + " stopping it",
                    pid,
                    directory);
            stop(process.get());
        } else {
            log.warn("Removing a stale {}: its pid {} is another process now", pidFile, pid);
            Files.delete(pidFile);
        }
    }

    private static void refuseIfInUse(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(
                        directory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(directory);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(directory);
        }
    }

    private static IllegalStateException inUse(Path directory) {
        return new IllegalStateException(
                directory + " is in use by another running instance of the service; stop that one first.");
    }

    // SIGTERM is PostgreSQL's "smart" shutdown: it waits for clients, and those died with the earlier JVM.
    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy();
        try {
            postmaster.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the leftover PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "The PostgreSQL an earlier run left running (pid " + postmaster.pid() + ") did not stop", e);
        }
    }
}
