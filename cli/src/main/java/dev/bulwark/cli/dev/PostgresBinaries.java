package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where PostgreSQL's initdb, pg_ctl and postgres come from: the machine's own, found as {@code bench/harness/tools.py}
 * finds them (BULWARK_PG_BIN when it holds them, {@code pg_config --bindir}, the PATH, then the newest of the usual
 * install places), otherwise zonky's embedded binaries ({@link EmbeddedBinaries}).
 *
 * @param bin the folder holding the three programs
 * @param version as {@code postgres --version} says, e.g. {@code 17.6}
 * @param origin {@code installed} or {@code embedded}
 */
record PostgresBinaries(Path bin, String version, String origin) {

    static final String INSTALLED = "installed";
    static final String EMBEDDED = "embedded";

    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    /** Install places: a folder, and a glob for the one folder name in it that varies. */
    private record Place(String parent, String glob, String rest) {}

    private static final List<Place> PLACES = List.of(
            new Place("/usr/lib/postgresql", "*", "bin"), // Debian, Ubuntu
            new Place("/usr", "pgsql-*", "bin"), // PGDG packages on Red Hat and friends
            new Place("/usr/local", "pgsql", "bin"), // built from source
            new Place("/opt/homebrew/opt", "postgresql*", "bin"), // Homebrew, Apple silicon
            new Place("/usr/local/opt", "postgresql*", "bin"), // Homebrew, Intel
            new Place("/opt/local/lib", "postgresql*", "bin"), // MacPorts
            new Place("/Applications/Postgres.app/Contents/Versions", "*", "bin"));

    Path program(String name) {
        return bin.resolve(name);
    }

    int major() {
        return major(version);
    }

    String describe() {
        return "PostgreSQL " + version + " (" + origin + ", " + bin + ")";
    }

    /**
     * The binaries for {@code data} (a data directory, possibly not yet made): the installed ones unless {@code
     * embedded} is asked for or they cannot open it (another major version made it), then the embedded ones.
     */
    static PostgresBinaries choose(boolean embedded, Path data, Path extractInto) {
        Optional<Integer> made = dataVersion(data);
        Optional<PostgresBinaries> installed = embedded ? Optional.empty() : installed();
        if (installed.isPresent()
                && (made.isEmpty() || made.get() == installed.get().major())) {
            return installed.get();
        }
        PostgresBinaries bundled = EmbeddedBinaries.postgres(extractInto);
        if (made.isPresent() && made.get() != bundled.major()) {
            String tried = embedded
                    ? "the embedded PostgreSQL " + bundled.version() + " cannot open it: start without --embedded"
                    : "neither " + installed.map(PostgresBinaries::describe).orElse("an installed PostgreSQL")
                            + " nor the embedded " + bundled.version() + " can open it: set BULWARK_PG_BIN to the bin"
                            + " folder of a PostgreSQL " + made.get();
            throw new CliError(data + " was made by PostgreSQL " + made.get() + ", and " + tried
                    + ", or start afresh with ./bulwark dev stop --wipe (its data is lost)");
        }
        return bundled;
    }

    /** The machine's own binaries, when it has all three. */
    static Optional<PostgresBinaries> installed() {
        List<Path> named = new ArrayList<>();
        Optional.ofNullable(System.getenv("BULWARK_PG_BIN"))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .ifPresent(named::add);
        Programs.onPath("pg_config")
                .flatMap(pgConfig -> Programs.firstLine(List.of(pgConfig.toString(), "--bindir")))
                .map(Path::of)
                .ifPresent(named::add);
        Programs.onPath("initdb").map(Path::getParent).ifPresent(named::add);
        Optional<Path> first = named.stream().filter(PostgresBinaries::complete).findFirst();
        Optional<Path> found = first.isPresent() ? first : newestInstalled();
        return found.flatMap(bin -> versionOf(bin).map(version -> new PostgresBinaries(bin, version, INSTALLED)));
    }

    static Optional<String> versionOf(Path bin) {
        return Programs.firstLine(List.of(bin.resolve("postgres").toString(), "--version"))
                .map(PostgresBinaries::versionIn);
    }

    private static Optional<Path> newestInstalled() {
        List<Path> found = new ArrayList<>();
        for (Place place : PLACES) {
            Path parent = Path.of(place.parent());
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (DirectoryStream<Path> matches = Files.newDirectoryStream(parent, place.glob())) {
                matches.forEach(match -> found.add(match.resolve(place.rest())));
            } catch (IOException unreadable) {
                // a place we may not list is a place without our binaries
            }
        }
        return found.stream()
                .filter(PostgresBinaries::complete)
                .max(Comparator.comparing(bin -> versionOf(bin)
                        .map(version -> major(version) * 1000 + minor(version))
                        .orElse(0)));
    }

    static boolean complete(Path bin) {
        return PROGRAMS.stream().allMatch(program -> Files.isExecutable(bin.resolve(program)));
    }

    /** {@code postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)} → {@code 15.20}. */
    static String versionIn(String line) {
        Matcher matcher = VERSION.matcher(line.replaceFirst("^[^0-9]*", ""));
        return matcher.lookingAt() ? matcher.group() : "0";
    }

    /** The major version that made the data directory (its PG_VERSION file), when it was made. */
    static Optional<Integer> dataVersion(Path data) {
        Path file = data.resolve("PG_VERSION");
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(major(Files.readString(file).strip()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new CliError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int major(String version) {
        return Integer.parseInt(Stream.of(version.split("\\.")).findFirst().orElse("0"));
    }

    private static int minor(String version) {
        String[] parts = version.split("\\.");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }
}
