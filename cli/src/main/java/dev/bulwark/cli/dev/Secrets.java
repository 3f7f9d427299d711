package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code data/dev/secrets/}: the passwords and the signing key, each made once and kept in a file only its owner can
 * read (0600), so a restart keeps the same ones and nothing secret goes on a command line (where {@code ps} shows it).
 */
record Secrets(Path folder) {

    // No look-alikes (0/O, 1/l/I): a password copied by hand from the terminal still works.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 24; // about 140 bits
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String POSTGRES_SUPERUSER = "postgres-superuser.password";
    static final String POSTGRES = "postgres.password";
    static final String REDIS = "redis.password";
    static final String ADMIN = "admin.password";
    static final String SIGNING_KEY = "signing-key.pem";
    static final String IDP_ADMIN = "idp-admin.password";
    static final String IDP_CLIENT = "idp-client.secret";
    static final String IDP_ALICE = "idp-alice.password";
    static final String IDP_BOB = "idp-bob.password";

    /** A secret and where it is kept. */
    record Secret(String value, Path file, boolean created) {}

    Path file(String name) {
        return folder.resolve(name);
    }

    /** The secret in {@code name}, made by {@code maker} and written the first time. */
    Secret get(String name, Supplier<String> maker) {
        Path file = file(name);
        Optional<String> existing = read(name);
        if (existing.isPresent()) {
            return new Secret(existing.get(), file, false);
        }
        String value = maker.get();
        DevFolder.privateFolder(folder);
        writePrivate(file, value + "\n");
        return new Secret(value, file, true);
    }

    /** The secret in {@code name} when it was made; never makes one. */
    Optional<String> read(String name) {
        Path file = file(name);
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new CliError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    Secret password(String name) {
        return get(name, Secrets::randomPassword);
    }

    static String randomPassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** Writes {@code text} to {@code file}, readable by its owner only, replacing it whole (never half written). */
    static void writePrivate(Path file, String text) {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, text);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
