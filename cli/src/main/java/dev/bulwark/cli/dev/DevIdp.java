package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dev identity provider: Keycloak from its Maven distribution ({@link KeycloakHome}), {@code start-dev} on
 * 127.0.0.1 only, importing the realm of {@link IdpRealm}. It runs in a session of its own ({@code setsid}), so it
 * keeps running after this tool exits and a Ctrl-C in the terminal does not reach it.
 */
final class DevIdp {

    static final int DEFAULT_PORT = 58080;
    static final int DEFAULT_APP_PORT = 8080;
    static final String ADMIN = "admin";
    static final Duration READY_WITHIN = Duration.ofSeconds(180); // about 33 s here; a busy machine takes longer
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);

    private final DevFolder folder;
    private final Path home;

    DevIdp(DevFolder folder) {
        this.folder = folder;
        this.home = KeycloakHome.of(folder);
    }

    /** A Keycloak running from {@code data/dev/idp}. */
    record Running(long pid, int port) {}

    /** What the service is told: its issuer, as the browser and the service both reach it. */
    static String issuer(int port) {
        return "http://localhost:" + port + "/realms/" + IdpRealm.NAME;
    }

    Path log() {
        return folder.logs().resolve("idp.log");
    }

    /** The Keycloak of {@code data/dev/idp} while its process lives and its port answers. */
    Optional<Running> running() {
        return process().filter(running -> Ports.answers(running.port()));
    }

    /**
     * Writes the realm, starts Keycloak on {@code port} and waits until the realm's discovery document answers.
     *
     * @param reimport whether the realm already imported is dropped first (it was imported for another app port)
     */
    DevState.Service start(int port, IdpRealm realm, boolean reimport) {
        if (reimport) {
            DevFolder.deleteTree(home.resolve("data/h2")); // Keycloak's dev database: users come back from the realm
        }
        Path imports = home.resolve("data/import");
        DevFolder.privateFolder(imports);
        Secrets.writePrivate(imports.resolve(IdpRealm.NAME + "-realm.json"), realm.json());
        launch(port);
        KeycloakReadiness.await(this, port);
        Running running = process().orElseThrow();
        return new DevState.Service(
                "maven",
                home.toString(),
                KeycloakHome.VERSION,
                port,
                running.pid(),
                issuer(port),
                ADMIN,
                folder.secrets().file(Secrets.IDP_ADMIN).toString());
    }

    private void launch(int port) {
        Path pidFile = pidFile();
        try {
            Files.deleteIfExists(pidFile);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            "setsid",
                            "-f",
                            "/bin/sh",
                            "-c",
                            "echo \"$$ $1\" > \"$0\"; shift; exec \"$@\"",
                            pidFile.toString(),
                            String.valueOf(port),
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--import-realm",
                            "--http-port=" + port,
                            "--http-host=" + Ports.HOST))
                    .directory(home.toFile())
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log().toFile()));
            environment(builder.environment());
            Process setsid = builder.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            if (!setsid.waitFor(10, TimeUnit.SECONDS) || setsid.exitValue() != 0) {
                throw new CliError("cannot start Keycloak (setsid failed): see " + folder.shown(log()));
            }
            while (!Files.isRegularFile(pidFile) && System.nanoTime() < deadline) {
                Thread.sleep(20); // the forked shell writes it before it runs kc.sh
            }
        } catch (IOException e) {
            throw new CliError("cannot start Keycloak: " + e.getMessage() + " (setsid, from util-linux, is needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }

    /** The JDK running this tool, and the master realm's admin: made once and kept, never on a command line. */
    private void environment(Map<String, String> environment) {
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.remove("JAVA_OPTS"); // Keycloak's own defaults (heap 64-512 MB) rather than another tool's
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        environment.put(
                "KC_BOOTSTRAP_ADMIN_PASSWORD",
                folder.secrets().password(Secrets.IDP_ADMIN).value());
    }

    /**
     * SIGTERM to the process the pid file names (kc.sh passes it on to Keycloak's JVM and waits for it), once that
     * process runs from this distribution.
     *
     * @return whether a server was stopped
     */
    boolean stop() {
        Optional<ProcessHandle> process = process().flatMap(running -> ProcessHandle.of(running.pid()));
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            throw new CliError("Keycloak (pid " + process.get().pid() + ") did not stop within "
                    + STOP_WITHIN.toSeconds() + " s; see " + folder.shown(log()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }

    /** The process of the pid file while it lives and runs from this distribution (a reused pid is not ours). */
    Optional<Running> process() {
        try {
            String[] fields = Files.isRegularFile(pidFile())
                    ? Files.readString(pidFile()).strip().split(" ")
                    : new String[0];
            if (fields.length != 2) {
                return Optional.empty();
            }
            Running recorded = new Running(Long.parseLong(fields[0]), Integer.parseInt(fields[1]));
            return ProcessHandle.of(recorded.pid())
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().commandLine().orElse("").contains(home.toString()))
                    .map(process -> recorded);
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private Path pidFile() {
        return folder.idp().resolve("keycloak.pid");
    }
}
