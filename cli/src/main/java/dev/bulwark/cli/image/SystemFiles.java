package dev.bulwark.cli.image;

import dev.bulwark.cli.CliError;
import dev.bulwark.cli.dev.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rest of a distroless base: the C libraries the runtime links against (as {@code ldd} finds them on the build
 * machine, so they match the JDK that was linked), and the few files under {@code /etc} the JVM and the C library
 * read. No shell, no package manager, no other programs.
 */
final class SystemFiles {

    // Loaded only for a desktop: AWT's X11 bridge, splash screen, sound. Their X11 and ALSA libraries stay out.
    private static final Pattern DESKTOP_ONLY = Pattern.compile("lib(awt_xawt|jawt|splashscreen|jsound)\\.so");
    // "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
    private static final Pattern LIBRARY = Pattern.compile("(?m)^\\s*(?:\\S+ => )?(/\\S+) \\(0x[0-9a-f]+\\)$");
    // glibc opens it at run time (thread cancellation, unwinding), so ldd does not list it
    private static final String UNWINDER = "libgcc_s.so.1";

    private SystemFiles() {}

    /** Fills {@code root} with the libraries and {@code /etc} files; returns the libraries' paths in the image. */
    static Set<String> write(Path runtime, Path root, Path log) {
        if (!System.getProperty("os.name").equals("Linux")) {
            throw new CliError("the image is built from this machine's JDK and C library, so it needs Linux (this is "
                    + System.getProperty("os.name") + "); build it on a Linux machine or in CI");
        }
        Set<String> libraries = new TreeSet<>();
        for (Path binary : binaries(runtime)) {
            Programs.Result ldd =
                    Programs.run(List.of("ldd", binary.toString()), null, log, Duration.ofSeconds(30), "");
            Matcher found = LIBRARY.matcher(ldd.output());
            while (found.find()) {
                if (!found.group(1).startsWith(runtime.toString())) {
                    libraries.add(found.group(1));
                }
            }
        }
        if (libraries.stream().noneMatch(path -> path.contains("/libc.so"))) {
            throw new CliError("ldd found no C library for " + runtime + " (see " + log + ")");
        }
        libraries.stream()
                .filter(path -> path.endsWith("/libc.so.6"))
                .map(path -> Path.of(path).resolveSibling(UNWINDER))
                .filter(Files::isRegularFile)
                .toList()
                .forEach(path -> libraries.add(path.toString()));
        try {
            for (String library : libraries) {
                Path target = root.resolve(library.substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(Path.of(library), target, StandardCopyOption.REPLACE_EXISTING);
            }
            writeEtc(root.resolve("etc"));
            Files.createDirectories(root.resolve(ImageSpec.TMP.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return libraries;
    }

    private static List<Path> binaries(Path runtime) {
        List<Path> binaries = new ArrayList<>(List.of(runtime.resolve("bin/java")));
        try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
            files.filter(file -> file.getFileName().toString().endsWith(".so"))
                    .filter(file ->
                            !DESKTOP_ONLY.matcher(file.getFileName().toString()).matches())
                    .forEach(binaries::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return binaries;
    }

    private static void writeEtc(Path etc) throws IOException {
        Files.createDirectories(etc);
        Files.writeString(
                etc.resolve("passwd"),
                "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nnonroot:x:65532:\n");
        // Without it glibc's resolver would still read /etc/hosts first, but say so.
        Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
    }
}
