package dev.bulwark.cli.image;

import com.google.cloud.tools.jib.api.JibContainer;
import dev.bulwark.cli.CliError;
import dev.bulwark.cli.Console;
import dev.bulwark.cli.Project;
import dev.bulwark.cli.dev.DevCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bulwark image}: the service as an OCI image, without a Docker daemon and without pulling a base image. The
 * launcher builds the jar first and runs this with the JDK it chose, whose runtime goes into the image.
 */
@Command(
        name = "image",
        mixinStandardHelpOptions = true,
        description = {
            "Build the service's OCI image to target/image/<name>.tar (docker/podman load -i), with its SBOM beside it:"
                    + " a jlinked runtime of this JDK, the C libraries it needs, the service in Spring Boot's"
                    + " extracted layout with Spring AOT's code and a JDK AOT cache; no shell, user 65532, only /tmp"
                    + " writable.",
            "Spring AOT and the AOT cache are made in production mode against the dev services (started if needed,"
                    + " see './bulwark dev') or the services --aot-settings names; the image refuses to start where a"
                    + " setting that decides its beans differs from those. --no-aot-cache leaves both out."
        })
public final class ImageCommand implements Callable<Integer> {

    @Option(names = "--docker", description = "Also load the image into the local Docker daemon.")
    boolean docker;

    @Option(
            names = "--no-aot-cache",
            description = "Leave Spring AOT and the AOT cache out (a slower start, no dev services needed).")
    boolean noAotCache;

    @Option(
            names = "--aot-settings",
            paramLabel = "FILE",
            description = "Make Spring AOT's code and the AOT cache with the settings of this properties file"
                    + " (spring.datasource.*, bulwark.redis.url, bulwark.auth.signing-keys, as './bulwark dev settings'"
                    + " writes them) instead of the dev services': for a build machine with its own PostgreSQL and"
                    + " Redis, or a deployment without Redis.")
    Path aotSettings;

    @Option(
            names = "--add-modules",
            split = ",",
            paramLabel = "MODULE",
            description = "JDK modules the project's own dependencies need beyond the service's (jdeps tells).")
    List<String> extraModules = List.of();

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Where the tar, the SBOM and the build's own files go (default: target/image).")
    Path output;

    private final Console console;
    private final String home;

    public ImageCommand(Console console, String home) {
        this.console = console;
        this.home = home;
    }

    @Override
    public Integer call() {
        if (aotSettings != null && noAotCache) {
            throw new CliError("--aot-settings is for Spring AOT and the AOT cache, which --no-aot-cache leaves out:"
                    + " give one of them");
        }
        if (aotSettings != null && !Files.isReadable(aotSettings)) {
            throw new CliError("--aot-settings: no readable file at " + aotSettings.toAbsolutePath());
        }
        Project project = Project.locate(home);
        String name = project.answers().name();
        Path jdk = Path.of(System.getProperty("java.home"));
        Path out = output != null ? output.toAbsolutePath() : project.root().resolve("target/image");
        Path log = out.resolve("build.log");

        console.step("linking the Java runtime (jlink, once per JDK)");
        Path runtime = JavaRuntime.link(jdk, extraModules, out.resolve("runtime"), log);
        Folders.stamp(runtime);
        Path system = out.resolve("system");
        Folders.delete(system);
        Set<String> libraries = SystemFiles.write(runtime, system, log);
        console.done(libraries.size() + " C libraries beside it");

        Optional<Path> settings = noAotCache
                ? Optional.empty()
                : Optional.of(aotSettings != null ? aotSettings : DevCommand.serviceSettings(console, home));
        String services = aotSettings != null ? "the services in " + aotSettings : "the dev services";
        console.step("extracting the service");
        Path jar = AppLayout.extract(
                jdk,
                project.root().resolve("target/" + name + ".jar"),
                out.resolve("app"),
                settings.map(file -> "spring-aot " + Folders.sha256(file)).orElse("plain"),
                log);
        String version = AppLayout.manifest(jar, "Implementation-Version");
        console.done(version);

        Optional<Path> aotCache = Optional.empty();
        if (settings.isPresent()) {
            console.step("Spring AOT: the beans decided now, with the settings of " + services);
            SpringAot.apply(runtime, jar, settings.get(), project.answers(), log);
            console.done("done");
            console.step("training the AOT cache (one start in production mode against " + services + ")");
            aotCache = Optional.of(AotTraining.train(runtime, jar, settings.get(), log));
            console.done(megabytes(aotCache.get()));
        }

        ImageBuild.Target target = new ImageBuild.Target(
                name,
                version,
                ImageSpec.entrypoint(jar.getFileName().toString(), aotCache.isPresent()),
                ImageLayers.of(runtime, system, jar, aotCache));
        Path tar = out.resolve(name + ".tar");
        console.step("writing " + target.reference());
        // Jib reuses a cached layer when its files have the same paths and modification times, and ours all have the
        // same fixed time: a kept cache put the previous build's jar into the image. Each build starts with none.
        Path jibCache = out.resolve("jib-cache");
        Folders.delete(jibCache);
        JibContainer image = ImageBuild.toTar(target, tar, jibCache);
        console.done(megabytes(tar) + ", image id " + image.getImageId());
        Path sbom = out.resolve(name + ".cdx.json");
        ImageSbom.write(jar, JavaRuntime.release(jdk), libraries, sbom, log);
        if (docker) {
            console.step("loading it into the Docker daemon (also as " + name + ":latest)");
            ImageBuild.toDocker(target, jibCache);
            console.done("loaded");
        }
        console.line("Image: " + shown(project, tar) + "   SBOM: " + shown(project, sbom));
        console.next("docker load -i " + shown(project, tar), "docs/deploy.md: compose and Kubernetes");
        return 0;
    }

    /** Inside the project relative to it, as typed there; elsewhere absolute. */
    private static Path shown(Project project, Path file) {
        return file.startsWith(project.root()) ? project.root().relativize(file) : file;
    }

    private static String megabytes(Path file) {
        try {
            return String.format("%.0f MB", Files.size(file) / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
