package dev.bulwark.cli.image;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.dev.Programs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The image's SBOM, written beside the tar: the service's own CycloneDX SBOM (the build makes it, with every Maven
 * dependency) plus what the image adds: the Java runtime and the Debian packages the C libraries came from (by file
 * and hash when the build machine has no dpkg).
 */
final class ImageSbom {

    private static final String IN_JAR = "META-INF/sbom/application.cdx.json";
    private static final Pattern RELEASE = Pattern.compile("(?m)^(IMPLEMENTOR|JAVA_RUNTIME_VERSION)=\"([^\"]*)\"$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImageSbom() {}

    static void write(Path jar, String jdkRelease, Set<String> libraries, Path into, Path log) {
        try (JarFile application = new JarFile(jar.toFile())) {
            var entry = application.getJarEntry(IN_JAR);
            if (entry == null) {
                throw new CliError(jar + " holds no SBOM (" + IN_JAR + "): build it with the project's pom");
            }
            ObjectNode sbom;
            try (InputStream in = application.getInputStream(entry)) {
                sbom = (ObjectNode) JSON.readTree(in);
            }
            ArrayNode components = sbom.withArray("components");
            components.add(runtime(jdkRelease));
            if (Programs.onPath("dpkg-query").isPresent()) {
                packages(libraries, log).forEach(owner -> components.add(debianPackage(owner)));
            } else {
                libraries.forEach(library -> components.add(file(library)));
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(into.toFile(), sbom);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode runtime(String release) {
        Matcher field = RELEASE.matcher(release);
        String vendor = "unknown";
        String version = "unknown";
        while (field.find()) {
            if (field.group(1).equals("IMPLEMENTOR")) {
                vendor = field.group(2);
            } else {
                version = field.group(2);
            }
        }
        ObjectNode component = JSON.createObjectNode();
        component.put("type", "platform");
        component.put("supplier", vendor);
        component.put("name", "java-runtime");
        component.put("version", version);
        component.put(
                "description", "jlink image of the build's JDK, modules: " + String.join(",", JavaRuntime.MODULES));
        return component;
    }

    /** "libc6 2.36-9+deb12u10 amd64" for each Debian package that owns one of the libraries. */
    private static Set<String> packages(Set<String> libraries, Path log) {
        Set<String> packages = new TreeSet<>();
        for (String library : libraries) {
            owner(library, log).ifPresent(owner -> {
                Programs.Result version = Programs.run(
                        List.of("dpkg-query", "-W", "-f", "${Package} ${Version} ${Architecture}", owner),
                        null,
                        log,
                        Duration.ofSeconds(30),
                        "");
                if (version.succeeded()) {
                    packages.add(version.output().strip());
                }
            });
        }
        return packages;
    }

    private static Optional<String> owner(String library, Path log) {
        Programs.Result owner =
                Programs.run(List.of("dpkg-query", "-S", library), null, log, Duration.ofSeconds(30), "");
        if (!owner.succeeded()) {
            return Optional.empty();
        }
        return Optional.of(owner.output().strip().split(": ", 2)[0]);
    }

    private static ObjectNode debianPackage(String line) {
        String[] parts = line.split(" ");
        ObjectNode component = JSON.createObjectNode();
        component.put("type", "library");
        component.put("name", parts[0]);
        component.put("version", parts[1]);
        component.put("purl", "pkg:deb/debian/" + parts[0] + "@" + parts[1] + "?arch=" + parts[2]);
        return component;
    }

    private static ObjectNode file(String library) {
        ObjectNode component = JSON.createObjectNode();
        component.put("type", "file");
        component.put("name", library);
        ObjectNode hash = component.putArray("hashes").addObject();
        hash.put("alg", "SHA-256");
        hash.put("content", Folders.sha256(Path.of(library)));
        return component;
    }
}
