package dev.bulwark.cli.image;

import dev.bulwark.cli.CliError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK AOT cache (JEP 483/514/515): classes loaded and linked, and method profiles, from one start of the service
 * that runs until its readiness probe answers 200 and is then stopped with SIGTERM (the JVM writes the cache as it
 * exits). Stopping at the context refresh instead ({@code -Dspring.context.exit=onRefresh}) left out what runs after
 * it: the web servers' start, the management context and the first probe (docs/performance.md#start-up).
 * It is trained here, with the image's runtime and JVM options and the files at their image-relative paths and layer
 * times, against the dev services in production mode, so that the JVM in the image accepts it (it silently ignores a
 * cache that does not fit).
 */
final class AotTraining {

    private AotTraining() {}

    /** Trains the cache for {@code jar} (in its extracted folder) into that folder; returns the cache. */
    static Path train(Path runtime, Path jar, Path settings, Path log) {
        Path folder = jar.getParent();
        Path cache = folder.resolve(ImageSpec.aotCacheName(jar.getFileName().toString()));
        // The layout is extracted afresh whenever the jar changes; the runtime is named by its jlink stamp, and a cache
        // trained with other JVM options may not fit.
        Path trainedWith = folder.resolveSibling(cache.getFileName() + ".runtime");
        String runtimeStamp = JavaRuntime.stamp(runtime) + "\n" + String.join(" ", ImageSpec.JVM_OPTIONS);
        if (Files.isRegularFile(cache) && runtimeStamp.equals(Folders.read(trainedWith))) {
            return cache;
        }
        List<String> command = new ArrayList<>();
        command.add(runtime.resolve("bin/java").toString());
        command.addAll(ImageSpec.JVM_OPTIONS.stream()
                .map(option -> option.startsWith("-Djava.io.tmpdir=") ? "-Djava.io.tmpdir=" + tmp() : option)
                .toList());
        int managementPort = TrainingRun.freePort();
        command.addAll(List.of(
                "-XX:AOTCacheOutput=" + cache.getFileName(),
                ImageSpec.SPRING_AOT,
                "-jar",
                jar.getFileName().toString(), // relative, as in the image (working directory /app)
                "--spring.config.additional-location=file:" + settings.toAbsolutePath(),
                "--server.address=127.0.0.1",
                "--server.port=" + TrainingRun.freePort(),
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + managementPort));
        if (!TrainingRun.untilReady(command, folder, log, managementPort) || !Files.isRegularFile(cache)) {
            throw new CliError("the AOT training run failed; see " + log + " (or build with --no-aot-cache)");
        }
        Folders.write(trainedWith, runtimeStamp);
        return cache;
    }

    private static String tmp() {
        return System.getProperty("java.io.tmpdir");
    }
}
