package dev.bulwark.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the image, built with its AOT cache, started as a container would start it
 * (bench/image-run.py: read-only root, tmpfs /tmp, secrets as files, the image's user and working directory) in
 * production mode against dev services of its own. Needs Linux and root for the mount namespace: CI fails without
 * them, elsewhere the test is skipped.
 */
@Tag("slow")
class ImageTests {

    private static final Path BULWARK =
            Path.of(System.getProperty("bulwark.source")).toAbsolutePath().normalize();
    /** What {@code ./bulwark dev settings} writes, below the dev services' project. */
    private static final String SERVICE_SETTINGS = "data/dev/service.properties";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path folder;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<Process> started = new ArrayList<>();
    private Path services;

    /**
     * The image as {@code ./bulwark image} builds it by default, its AOT cache trained against the test's services. The
     * JVM is told {@code -XX:AOTMode=on}, so it refuses to start rather than ignore a cache that does not fit (by
     * default it ignores one, and the start is just slower). Spring AOT's code is in its jar and started with
     * {@code -Dspring.aot.enabled=true}. Built with --no-aot-cache, the image differs only by the cache file, Spring
     * AOT's code and the entrypoint's two options (ImageSpecTests); it is not started here too, to keep CI short.
     */
    @Test
    void theImageStartsFromItsAotCacheReadOnlyAsItsOwnUserWithSecretsFromFilesAndStopsOnSigterm() throws Exception {
        assumeContainerRights();
        assertThat(BULWARK.resolve("target/bulwark.jar"))
                .as("the service jar (./bulwark test builds it before the CLI's tests)")
                .isRegularFile();
        int[] ports = freePorts(4);
        Properties settings = devServices(ports[0], ports[1]);
        Path image = folder.resolve("image");
        String training = services.resolve(SERVICE_SETTINGS).toString();
        assertThat(cli(BULWARK, "image", "--aot-settings", training, "--output", image.toString()))
                .as(output.toString(StandardCharsets.UTF_8))
                .isZero();
        Path tar = image.resolve("bulwark.tar");
        assertThat(tar).isRegularFile();
        assertThat(Files.readString(image.resolve("bulwark.cdx.json")))
                .contains("\"bomFormat\" : \"CycloneDX\"")
                .contains("spring-boot")
                .contains("libc6");

        Path secrets = Files.createDirectories(folder.resolve("secrets"));
        // What a deployment mounts as files (docs/configuration.md marks them): named after their property.
        secret(secrets, "spring.datasource.password", settings.getProperty("spring.datasource.password"));
        secret(secrets, "bulwark.redis.url", settings.getProperty("bulwark.redis.url"));
        secret(
                secrets,
                "bulwark.auth.signing-keys",
                Files.readString(Path.of(
                        settings.getProperty("bulwark.auth.signing-keys").replaceFirst("^file:", ""))));
        secret(secrets, "bulwark.bootstrap.admin.password", "correct horse battery staple 42");
        Path unpacked = folder.resolve("unpacked");
        List<String> run = new ArrayList<>(List.of(
                "python3",
                BULWARK.resolve("bench/image-run.py").toString(),
                tar.toString(),
                "--root",
                unpacked.toString(),
                "--secrets",
                secrets.toString()));
        for (String env : List.of(
                "SPRING_DATASOURCE_URL=" + settings.getProperty("spring.datasource.url"),
                "SPRING_DATASOURCE_USERNAME=" + settings.getProperty("spring.datasource.username"),
                "BULWARK_REDIS_KEYPREFIX=image-test:",
                "BULWARK_WEB_ALLOWEDHOSTS=127.0.0.1",
                "BULWARK_BOOTSTRAP_ADMIN_EMAIL=admin@image.test",
                "SERVER_PORT=" + ports[2],
                "MANAGEMENT_SERVER_PORT=" + ports[3])) {
            run.addAll(List.of("--env", env));
        }
        run.addAll(List.of("--env", "JAVA_TOOL_OPTIONS=-XX:AOTMode=on"));
        Path log = folder.resolve("service.log");
        Process service = start(run, log);

        assertThat(readiness(ports[3], service, Duration.ofMinutes(3)))
                .as("readiness (%s)", tail(log))
                .isEqualTo(200);
        // image-run.py execs the entrypoint, so the process is the JVM itself.
        Path proc = Path.of("/proc", String.valueOf(service.pid()));
        assertThat(Files.readString(proc.resolve("cmdline"))).startsWith("/opt/java/bin/java\0");
        // Started with the image's JVM options (compact object headers on JDK 25+) and ready with them.
        assertThat(Files.readString(proc.resolve("cmdline")).split("\0")).containsSubsequence(ImageSpec.JVM_OPTIONS);
        assertThat(Files.readAllLines(proc.resolve("status")))
                .contains("Uid:\t65532\t65532\t65532\t65532")
                .contains("Gid:\t65532\t65532\t65532\t65532");
        assertThat(mountOptions(proc, "/")).contains("ro");
        assertThat(mountOptions(proc, "/tmp")).contains("rw");
        assertThat(Files.readString(proc.resolve("cmdline")).split("\0"))
                .contains("-XX:AOTCache=/app/bulwark.aot", "-Dspring.aot.enabled=true");
        assertThat(Files.readString(log)).contains("Starting AOT-processed");
        HttpResponse<String> ping = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[2] + "/api/v1/ping"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(200);

        // The health check for engines that cannot probe HTTP (compose): the JDK only, no shell or curl in the image.
        List<String> check = new ArrayList<>(run.subList(0, run.indexOf("--env")));
        check.addAll(List.of("--env", "MANAGEMENT_SERVER_PORT=" + ports[3]));
        check.addAll(List.of("--", "java", "-cp", "bulwark.jar", "dev.bulwark.ops.HealthCheck"));
        assertThat(start(check, folder.resolve("check.log")).waitFor()).isZero();

        service.destroy(); // SIGTERM, as the engine sends it
        assertThat(service.waitFor(60, TimeUnit.SECONDS))
                .as("stopped on SIGTERM")
                .isTrue();
        assertThat(tail(log)).contains("Graceful shutdown complete");

        // Spring AOT decided the beans with Redis; without it the image refuses to start rather than use beans for a
        // Redis nobody configured, and names the setting, not its value.
        Files.delete(secrets.resolve("bulwark.redis.url"));
        Path refusedLog = folder.resolve("refused.log");
        Process refused = start(run, refusedLog);
        assertThat(refused.waitFor(2, TimeUnit.MINUTES))
                .as("refused and exited")
                .isTrue();
        assertThat(refused.exitValue()).isNotZero();
        assertThat(Files.readString(refusedLog))
                .contains("APPLICATION FAILED TO START")
                .contains("  - spring.autoconfigure.exclude")
                .contains("./bulwark image --aot-settings FILE")
                .doesNotContain(settings.getProperty("bulwark.redis.url"));
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        if (services != null) {
            cli(services, "dev", "stop");
        }
    }

    /** A mount namespace and a changed user need root on Linux, as a container engine does. */
    private static void assumeContainerRights() throws IOException, InterruptedException {
        boolean root = System.getProperty("os.name").equals("Linux")
                && new ProcessBuilder("id", "-u")
                        .start()
                        .inputReader()
                        .readLine()
                        .equals("0");
        if (!root && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("the image test needs Linux and root (a mount namespace), as CI has");
        }
        assumeTrue(root, "the image test needs Linux and root (a mount namespace)");
    }

    /** Dev services of a throwaway project, on ports of its own; returns the settings ./bulwark run --dev uses. */
    private Properties devServices(int postgresPort, int redisPort) throws IOException {
        services = Files.createDirectories(folder.resolve("services"));
        Files.writeString(services.resolve("pom.xml"), "<project/>\n");
        int status = cli(
                services, "dev", "start", "--pg-port", String.valueOf(postgresPort), "--redis-port", "" + redisPort);
        assertThat(status).as(output.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(cli(services, "dev", "settings")).isZero();
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(services.resolve(SERVICE_SETTINGS))) {
            settings.load(reader);
        }
        return settings;
    }

    private int cli(Path home, String... args) {
        return BulwarkCli.commandLine(
                        home.toString(), new Console(new PrintStream(output, true, StandardCharsets.UTF_8)))
                .execute(args);
    }

    private Process start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(process);
        return process;
    }

    /** Readable by the image's user (65532), as Kubernetes' defaultMode 0444 makes them. */
    private static void secret(Path folder, String name, String value) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    }

    private static int readiness(int port, Process service, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        int status = 0;
        while (System.nanoTime() < deadline && service.isAlive() && status != 200) {
            try {
                status = HTTP.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        return status;
    }

    /** The options of the mount at {@code point} as the process sees it (mountinfo's sixth field). */
    private static List<String> mountOptions(Path proc, String point) throws IOException {
        return Files.readAllLines(proc.resolve("mountinfo")).stream()
                .map(line -> line.split(" "))
                .filter(fields -> fields[4].equals(point))
                .reduce((first, last) -> last) // the topmost mount at that point
                .map(fields -> List.of(fields[5].split(",")))
                .orElseThrow();
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "no log: " + e.getMessage();
        }
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
                ports[i] = sockets.get(i).getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
