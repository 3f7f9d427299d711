package dev.bulwark.cli.image;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.dev.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The image's Java runtime: the build's own JDK cut down by {@code jlink} to the modules the service uses. Linked once
 * per JDK and module list; the same runtime trains the AOT cache, so the cache fits the JVM that reads it.
 */
final class JavaRuntime {

    /**
     * What {@code jdeps --print-module-deps} finds for the service, plus the EC crypto provider, the zip file system and
     * JNDI's DNS provider. {@code --add-modules} adds more for a project whose own dependencies need them.
     */
    static final List<String> MODULES = List.of(
            "java.base",
            "java.compiler",
            "java.desktop",
            "java.instrument",
            "java.net.http",
            "java.prefs",
            "java.rmi",
            "java.scripting",
            "java.security.jgss",
            "java.sql.rowset",
            "jdk.crypto.ec",
            "jdk.jfr",
            "jdk.management",
            "jdk.naming.dns",
            "jdk.net",
            "jdk.unsupported",
            "jdk.zipfs");

    private static final String STAMP = ".bulwark-runtime";

    private JavaRuntime() {}

    /** Links the runtime of the JDK at {@code jdk} into {@code folder}, unless the same one is there already. */
    static Path link(Path jdk, List<String> extraModules, Path folder, Path log) {
        Set<String> modules = new LinkedHashSet<>(MODULES);
        modules.addAll(extraModules);
        String stamp = release(jdk) + "\n" + String.join(",", modules) + "\n";
        try {
            if (Files.isRegularFile(folder.resolve(STAMP))
                    && Files.readString(folder.resolve(STAMP)).equals(stamp)) {
                return folder;
            }
            Folders.delete(folder);
            Files.createDirectories(folder.getParent());
            List<String> command = new ArrayList<>(List.of(
                    jdk.resolve("bin/jlink").toString(),
                    "--add-modules",
                    String.join(",", modules),
                    "--strip-debug",
                    "--no-header-files",
                    "--no-man-pages",
                    "--generate-cds-archive",
                    "--output",
                    folder.toString()));
            Programs.Result linked = Programs.run(command, null, log, Duration.ofMinutes(5), "");
            if (!linked.succeeded()) {
                throw new CliError("jlink failed (is " + jdk + " a full JDK?): "
                        + linked.output().strip());
            }
            Files.writeString(folder.resolve(STAMP), stamp);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the runtime in {@code folder} was linked from (JDK release and modules). */
    static String stamp(Path folder) {
        return Folders.read(folder.resolve(STAMP));
    }

    /** The JDK's {@code release} file: vendor and exact version, which also go into the SBOM. */
    static String release(Path jdk) {
        try {
            return Files.readString(jdk.resolve("release"));
        } catch (IOException e) {
            throw new CliError("not a JDK (no release file): " + jdk, e);
        }
    }
}
