package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code ./data/dev}: everything the dev services keep. Only its owner can enter it (0700; secrets 0600), since it
 * holds passwords, a signing key and a database of accounts.
 *
 * <pre>
 * data/dev/postgres/   PostgreSQL's data directory      data/dev/logs/       postgres.log, redis.log, pg_ctl.log
 * data/dev/redis/      redis.conf, append-only file     data/dev/secrets/    passwords, signing key
 * data/dev/bin/        embedded binaries, when used     data/dev/state.json  ports, programs, URLs, pids
 * data/dev/idp/        Keycloak (dev start --idp): its distribution, dev database and realm to import
 * </pre>
 *
 * @param root {@code <project>/data/dev}
 * @param project the project folder, from which paths are shown
 */
record DevFolder(Path root, Path project) {

    static final String RELATIVE = "data/dev";

    static DevFolder of(Path project) {
        return new DevFolder(project.resolve(RELATIVE), project);
    }

    Path postgresData() {
        return root.resolve("postgres");
    }

    Path redisDirectory() {
        return root.resolve("redis");
    }

    Path logs() {
        return root.resolve("logs");
    }

    /** Keycloak's distribution, its dev database and the realm it imports. */
    Path idp() {
        return root.resolve("idp");
    }

    Path binaries() {
        return root.resolve("bin");
    }

    Path stateFile() {
        return root.resolve("state.json");
    }

    Secrets secrets() {
        return new Secrets(root.resolve("secrets"));
    }

    /** {@code path} as typed from the project folder, where {@code ./bulwark} runs. */
    String shown(Path path) {
        return path.startsWith(project) ? project.relativize(path).toString() : path.toString();
    }

    boolean exists() {
        return Files.isDirectory(root);
    }

    void create() {
        for (Path folder : new Path[] {
            root, logs(), binaries(), redisDirectory(), idp(), secrets().folder()
        }) {
            privateFolder(folder);
        }
    }

    static void privateFolder(Path folder) {
        try {
            Files.createDirectories(folder.getParent());
            Files.createDirectory(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException exists) {
            // kept as it is
        } catch (IOException e) {
            throw new CliError("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    void delete() {
        deleteTree(root);
    }

    /** Deletes {@code folder} and all it holds; symbolic links inside are removed, never followed. */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException | RuntimeException e) {
            throw new CliError("cannot delete " + folder + " completely: " + e.getMessage(), e);
        }
    }

    /** Bytes in the files under {@code folder}; 0 when it does not exist. */
    static long size(Path folder) {
        long[] total = {0};
        if (!Files.exists(folder)) {
            return 0;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a WAL segment the server removed meanwhile
                }
            });
        } catch (IOException e) {
            throw new CliError("cannot read " + folder + ": " + e.getMessage(), e);
        }
        return total[0];
    }

    static String humanSize(long bytes) {
        return bytes < 1024 * 1024
                ? String.format("%.1f kB", bytes / 1024.0)
                : String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
