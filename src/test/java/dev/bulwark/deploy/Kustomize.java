package dev.bulwark.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Renders a Kustomize folder with {@code kubectl kustomize} (offline); without kubectl, CI fails and others skip. */
final class Kustomize {

    private Kustomize() {}

    static String render(Path folder) {
        requireKubectl();
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", folder.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("kubectl kustomize %s failed:%n%s", folder, output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireKubectl() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
        if (!found) {
            String why =
                    "kubectl is not on the PATH: the Kubernetes manifests cannot be rendered (kubectl 1.27+ renders"
                            + " Kustomize offline)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
    }

    /** A copy of {@code deploy/k8s} in {@code into}, with stand-ins for the git-ignored dev secrets. */
    static Path copyWithDevSecrets(Path into) {
        Path k8s = into.resolve("k8s");
        try (Stream<Path> files = Files.walk(Path.of("deploy/k8s"))) {
            for (Path file : files.toList()) {
                Path target = k8s.resolve(Path.of("deploy/k8s").relativize(file).toString());
                if (file.toString().contains("/overlays/dev/secrets")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            Path secrets = Files.createDirectories(k8s.resolve("overlays/dev/secrets"));
            for (String name : KubernetesManifestsTests.SECRET_FILES) {
                Files.writeString(secrets.resolve(name), "stand-in for " + name);
            }
            return k8s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
