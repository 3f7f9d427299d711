package dev.bulwark.cli.dev;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the browser test runs beside the dev IdP: the service's jar, npm and node. */
final class BrowserTools {

    static final String PLAYWRIGHT = "playwright-core@1.65.1";

    private BrowserTools() {}

    /** What a program printed and how it ended. */
    record Result(int exitCode, String output) {}

    /** {@code folder} with playwright-core installed (once; no lockfile, no browser download). */
    static Path playwright(Path folder) throws Exception {
        if (Files.isRegularFile(folder.resolve("node_modules/playwright-core/package.json"))) {
            return folder;
        }
        requireProgram("npm");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("package.json"), "{\"private\": true}\n"); // npm installs here, not above
        Result installed = run(
                List.of("npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", PLAYWRIGHT),
                folder,
                Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
                folder.resolve("npm.log"),
                Duration.ofMinutes(5));
        assertOk("npm install " + PLAYWRIGHT, installed);
        return folder;
    }

    /** Runs {@code script} with node from {@code folder} (where playwright-core is) and the given environment. */
    static Result node(Path folder, Path script, Map<String, String> environment) throws Exception {
        requireProgram("node");
        Path copy = folder.resolve(script.getFileName());
        Files.copy(script, copy, StandardCopyOption.REPLACE_EXISTING);
        return run(
                List.of("node", copy.getFileName().toString()),
                folder,
                environment,
                folder.resolve("node.log"),
                Duration.ofMinutes(3));
    }

    static Result run(List<String> command, Path directory, Map<String, String> environment, Path log, Duration timeout)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    private static void assertOk(String what, Result result) {
        if (result.exitCode() != 0) {
            fail(what + " failed (" + result.exitCode() + "):\n" + result.output());
        }
    }

    private static void requireProgram(String name) {
        boolean found = Programs.onPath(name).isPresent();
        if (!found && "true".equals(System.getenv("CI"))) {
            fail(name + " is not on the PATH: apt-get install nodejs npm");
        }
        assumeTrue(found, name + " is not on the PATH: apt-get install nodejs npm");
    }

    /** The service's jar in local mode in a folder of its own (its ./data), on the given ports. */
    record Service(Process process, Path log) {

        static Service start(Path jar, Path directory, int port, int managementPort, Map<String, String> settings)
                throws Exception {
            Files.createDirectories(directory);
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toAbsolutePath().toString(),
                            "--spring.profiles.active=local",
                            "--server.port=" + port,
                            "--management.server.port=" + managementPort)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("service.log").toFile());
            settings.forEach((name, value) -> builder.environment().put(IdpSettings.environmentName(name), value));
            Service service = new Service(builder.start(), directory.resolve("service.log"));
            service.awaitReady(managementPort);
            return service;
        }

        private void awaitReady(int managementPort) throws Exception {
            URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            try (HttpClient client = HttpClient.newHttpClient()) {
                while (System.nanoTime() < deadline && process.isAlive()) {
                    try {
                        HttpResponse<Void> response = client.send(
                                HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            return;
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                    Thread.sleep(250);
                }
            }
            fail("the service did not become ready on " + readiness + ":\n" + logTail());
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
