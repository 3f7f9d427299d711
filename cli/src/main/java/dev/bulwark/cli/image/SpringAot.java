package dev.bulwark.cli.image;

import dev.bulwark.cli.Answers;
import dev.bulwark.cli.CliError;
import dev.bulwark.cli.dev.Programs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Spring AOT for the image: the bean definitions decided at build time (configuration classes parsed, conditions
 * evaluated, repositories' queries read) instead of at every start, about a third of the start
 * (docs/performance.md#start-up). Spring Boot's AOT processor runs the service's main class up to the point where its
 * beans are defined, in production mode with the same settings as the AOT cache's training; the code it generates is
 * compiled and added to the application jar of the extracted layout, which then starts with
 * {@code -Dspring.aot.enabled=true}. The service records which settings its beans were decided with and refuses to
 * start where they read differently (its {@code ops.BuildSettingsGuard}).
 */
final class SpringAot {

    /** What the service's build-time record is called in its jar (ops.BuildSettings.RESOURCE). */
    private static final String RECORD = "META-INF/bulwark/build-settings.properties";

    private static final Duration PROCESSING_WITHIN = Duration.ofMinutes(5);

    private SpringAot() {}

    /** Processes {@code jar} (in its extracted folder) once, with the settings file; the jar is changed in place. */
    static void apply(Path runtime, Path jar, Path settings, Answers project, Path log) {
        if (contains(jar, RECORD)) {
            return; // processed when it was extracted with these settings (AppLayout names the settings)
        }
        Path work = jar.getParent().resolveSibling("spring-aot");
        Folders.delete(work);
        Path sources = work.resolve("sources");
        Path resources = work.resolve("resources");
        Path classes = work.resolve("classes");
        Programs.Result processed = Programs.run(
                List.of(
                        runtime.resolve("bin/java").toString(),
                        "-cp",
                        jar.getFileName().toString(),
                        "org.springframework.boot.SpringApplicationAotProcessor",
                        AppLayout.manifest(jar, "Main-Class"),
                        sources.toString(),
                        resources.toString(),
                        classes.toString(),
                        project.group(),
                        project.name(),
                        "--spring.config.additional-location=file:" + settings.toAbsolutePath()),
                jar.getParent(),
                log,
                PROCESSING_WITHIN,
                "");
        if (!processed.succeeded() || !Files.isRegularFile(resources.resolve(RECORD))) {
            throw new CliError("Spring AOT's processing failed; see " + log + " (or build with --no-aot-cache)");
        }
        Path compiled = work.resolve("compiled");
        compile(jar, sources, classes, compiled, log);
        addTo(jar, List.of(compiled, classes, resources));
        Folders.delete(work);
    }

    private static void compile(Path jar, Path sources, Path classes, Path output, Path log) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new CliError(
                    "Spring AOT needs a JDK with javac (this is a runtime only): " + System.getProperty("java.home"));
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--release",
                "21",
                "-proc:none",
                "-parameters",
                "-nowarn",
                "-d",
                output.toString(),
                "-cp",
                classPath(jar, classes)));
        arguments.addAll(files(sources, ".java").stream().map(Path::toString).toList());
        try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (javac.run(null, out, out, arguments.toArray(String[]::new)) != 0) {
                throw new CliError("compiling Spring AOT's code failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classPath(Path jar, Path classes) {
        List<String> path = new ArrayList<>(List.of(jar.toString(), classes.toString()));
        files(jar.resolveSibling("lib"), ".jar").forEach(library -> path.add(library.toString()));
        return String.join(File.pathSeparator, path);
    }

    /** Rewrites {@code jar} with the files of {@code folders} added, every entry at the layer time. */
    private static void addTo(Path jar, List<Path> folders) {
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".new");
        FileTime time = FileTime.from(Folders.LAYER_TIME);
        try (JarFile in = new JarFile(jar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(rewritten))) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                JarEntry copy = new JarEntry(entry.getName());
                copy.setLastModifiedTime(time);
                out.putNextEntry(copy);
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
            }
            for (Path folder : folders) {
                for (Path file : files(folder, "")) {
                    JarEntry entry =
                            new JarEntry(folder.relativize(file).toString().replace('\\', '/'));
                    entry.setLastModifiedTime(time);
                    out.putNextEntry(entry);
                    Files.copy(file, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(jar, time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path jar, String entry) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
