package dev.bulwark.cli.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Assembles the image with Jib from scratch: no base image to pull, no Docker daemon needed for the tar. */
final class ImageBuild {

    /** What is built: the reference ({@code name:version}); in a Docker daemon also tagged {@code latest}. */
    record Target(String name, String version, List<String> entrypoint, List<FileEntriesLayer> layers) {

        String reference() {
            return name + ":" + version;
        }
    }

    private ImageBuild() {}

    /** Writes the image to a tar file ({@code docker load -i} or {@code podman load -i} reads it). */
    static JibContainer toTar(Target target, Path tar, Path cache) {
        try {
            return build(target, Containerizer.to(TarImage.at(tar).named(target.reference())), cache);
        } catch (InvalidImageReferenceException e) {
            throw new CliError("not a valid image name: " + target.reference(), e);
        }
    }

    /** Loads the image into the local Docker daemon. */
    static JibContainer toDocker(Target target, Path cache) {
        try {
            return build(
                    target,
                    Containerizer.to(DockerDaemonImage.named(target.reference()))
                            .withAdditionalTag("latest"),
                    cache);
        } catch (InvalidImageReferenceException e) {
            throw new CliError("not a valid image name: " + target.reference(), e);
        }
    }

    private static JibContainer build(Target target, Containerizer containerizer, Path cache) {
        JibContainerBuilder builder = Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addPlatform(architecture(), "linux")
                .setFileEntriesLayers(target.layers())
                .setEntrypoint(target.entrypoint())
                .setUser(ImageSpec.USER)
                .setWorkingDirectory(AbsoluteUnixPath.get(ImageSpec.APP))
                .addVolume(AbsoluteUnixPath.get(ImageSpec.TMP))
                .addExposedPort(Port.tcp(ImageSpec.API_PORT))
                .addExposedPort(Port.tcp(ImageSpec.MANAGEMENT_PORT))
                .setEnvironment(Map.of("JAVA_HOME", ImageSpec.JAVA_HOME, "PATH", ImageSpec.JAVA_HOME + "/bin"))
                .setLabels(labels(target))
                .setCreationTime(Instant.EPOCH); // reproducible: the same inputs give the same image id
        try {
            return builder.containerize(containerizer
                    .setOfflineMode(true) // from scratch: no registry is ever asked
                    .setApplicationLayersCache(cache)
                    .setBaseImageLayersCache(cache)
                    .setToolName("bulwark-image"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        } catch (ExecutionException | RegistryException | IOException | CacheDirectoryCreationException e) {
            throw new CliError("the image could not be written: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> labels(Target target) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", target.name());
        labels.put("org.opencontainers.image.version", target.version());
        labels.put(
                "org.opencontainers.image.description",
                "Built by ./bulwark image: a jlinked Java runtime and the C"
                        + " library of the build machine, no shell; runs as 65532, needs only /tmp writable");
        return labels;
    }

    private static String architecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> throw new CliError("no image for this processor: " + System.getProperty("os.arch"));
        };
    }
}
