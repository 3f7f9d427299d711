package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak's Quarkus distribution, unzipped once under {@code data/dev/idp/} and kept there (its dev database,
 * {@code data/h2}, and the realm to import, {@code data/import}, live inside it). The zip comes from the local Maven
 * repository, where Maven fetches it the first time (177 MB), so a {@code dev stop --wipe} only costs an unzip.
 */
final class KeycloakHome {

    static final String VERSION = "26.7.3";
    static final String ARTIFACT = "org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip";
    private static final String ZIP = "keycloak-quarkus-dist-" + VERSION + ".zip";
    private static final Duration DOWNLOAD_WITHIN = Duration.ofMinutes(15);

    private KeycloakHome() {}

    /** {@code data/dev/idp/keycloak-<version>}: where the distribution is, once unzipped. */
    static Path of(DevFolder folder) {
        return folder.idp().resolve("keycloak-" + VERSION);
    }

    /** The unzipped distribution, fetched and unzipped first when it is not there. */
    static Path ensure(DevFolder folder, Console console) {
        Path home = of(folder);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = zip(folder, console);
        console.step("unzipping Keycloak " + VERSION + " to " + folder.shown(home));
        unzip(zip, folder.idp(), home);
        console.done("unzipped");
        return home;
    }

    private static Path zip(DevFolder folder, Console console) {
        Path cached = Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist")
                .resolve(VERSION)
                .resolve(ZIP);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Path mvn = Programs.onPath("mvn")
                .orElseThrow(() -> new CliError("Keycloak's distribution (" + ARTIFACT + ") is not in the local Maven"
                        + " repository and mvn is not on the PATH to fetch it: install Maven, or run mvn"
                        + " dependency:get -Dartifact=" + ARTIFACT + " once"));
        console.step("downloading Keycloak " + VERSION + " with Maven (177 MB, once)");
        Path log = folder.logs().resolve("idp-download.log");
        Programs.Result fetched = Programs.run(
                List.of(
                        mvn.toString(),
                        "-B",
                        "-q",
                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
                        "-Dartifact=" + ARTIFACT,
                        "-DoutputDirectory=" + folder.idp()),
                log,
                DOWNLOAD_WITHIN,
                "");
        Path copied = folder.idp().resolve(ZIP);
        if (!fetched.succeeded() || !Files.isRegularFile(copied)) {
            throw new CliError("Maven could not fetch " + ARTIFACT + ":\n"
                    + fetched.output().strip() + "\n(log: " + folder.shown(log) + ")");
        }
        console.done("downloaded");
        return Files.isRegularFile(cached) ? deleted(copied, cached) : copied;
    }

    /** The copy in data/dev/idp is not needed beside the one Maven keeps in its repository. */
    private static Path deleted(Path copy, Path cached) {
        try {
            Files.delete(copy);
        } catch (IOException e) {
            return copy;
        }
        return cached;
    }

    /** Unzips into a folder beside {@code home}, then renames it: a half-unzipped distribution is never used. */
    static void unzip(Path zip, Path parent, Path home) {
        Path partial = parent.resolve(home.getFileName() + ".partial");
        DevFolder.deleteTree(partial);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                extract(file, entries.nextElement(), partial);
            }
            Files.move(partial.resolve(home.getFileName()), home, StandardCopyOption.ATOMIC_MOVE);
            DevFolder.deleteTree(partial);
        } catch (IOException e) {
            throw new CliError("cannot unzip " + zip + " to " + parent + ": " + e.getMessage(), e);
        }
    }

    private static void extract(ZipFile file, ZipEntry entry, Path target) throws IOException {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
            throw new CliError(file.getName() + " holds " + entry.getName() + ", outside its folder: not unzipped");
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path.getParent());
        try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, path);
        }
        if (entry.getName().endsWith(".sh")) {
            path.toFile().setExecutable(true, true); // java.util.zip drops the mode bits the zip records
        }
    }
}
