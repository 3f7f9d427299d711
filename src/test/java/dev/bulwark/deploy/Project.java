package dev.bulwark.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's own coordinates, from pom.xml: what {@code ./bulwark image} names the image. */
record Project(String artifactId, String version) {

    // The project's own artifactId and version follow the parent block (which has its own).
    private static final Pattern COORDINATES = Pattern.compile(
            "</parent>\\s*<groupId>[^<]+</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");

    static Project fromPom() {
        try {
            Matcher matcher = COORDINATES.matcher(Files.readString(Path.of("pom.xml")));
            if (!matcher.find()) {
                throw new IllegalStateException("pom.xml: no artifactId and version after the parent");
            }
            return new Project(matcher.group(1), matcher.group(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image reference {@code ./bulwark image} builds: {@code <artifactId>:<version>}. */
    String image() {
        return artifactId + ":" + version;
    }
}
