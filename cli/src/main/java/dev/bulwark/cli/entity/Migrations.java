package dev.bulwark.cli.entity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's Flyway migrations ({@code src/main/resources/db/migration/V<yyyyMMddHHmm>__<what>.sql}). A new one
 * always sorts last: the later of now and the highest version so far plus one, so a database that ran every existing
 * migration accepts it (Flyway refuses one older than the last it applied).
 */
final class Migrations {

    static final String FOLDER = "src/main/resources/db/migration";

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private Migrations() {}

    static List<Path> all(Path root) {
        return EntityChecks.list(root.resolve(FOLDER)).stream()
                .filter(file -> VERSION.matcher(file.getFileName().toString()).matches())
                .toList();
    }

    static long nextVersion(Path root, Clock clock) {
        long now = Long.parseLong(MINUTES.format(clock.instant()));
        long highest = 0;
        for (Path file : all(root)) {
            Matcher matcher = VERSION.matcher(file.getFileName().toString());
            if (matcher.matches()) {
                highest = Math.max(highest, Long.parseLong(matcher.group(1)));
            }
        }
        return Math.max(now, highest + 1);
    }

    /** The project-relative path of a new migration {@code V<version>__<what>.sql}. */
    static String path(long version, String what) {
        return FOLDER + "/V" + version + "__" + what + ".sql";
    }
}
