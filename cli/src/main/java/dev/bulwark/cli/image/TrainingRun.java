package dev.bulwark.cli.image;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The AOT training start: the service runs until its readiness probe answers 200, then stops on SIGTERM. */
final class TrainingRun {

    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    private static final Duration STOP_WITHIN = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(250);

    private TrainingRun() {}

    /** Whether the service in {@code command} became ready and then exited after SIGTERM; its output goes to log. */
    static boolean untilReady(List<String> command, Path folder, Path log, int managementPort) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
            boolean ready = awaitReady(process, managementPort);
            process.destroy(); // SIGTERM: a graceful stop, and the JVM writes the cache as it exits
            if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return ready;
        } catch (IOException e) {
            throw new CliError("cannot run the AOT training start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }

    private static boolean awaitReady(Process process, int managementPort) throws InterruptedException {
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (process.isAlive() && System.nanoTime() < deadline) {
                if (answers200(client, readiness)) {
                    return true;
                }
                Thread.sleep(POLL);
            }
        }
        return false;
    }

    private static boolean answers200(HttpClient client, URI uri) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A loopback port nothing listens on now, for the training start's servers. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new CliError("no free loopback port for the AOT training start: " + e.getMessage(), e);
        }
    }
}
