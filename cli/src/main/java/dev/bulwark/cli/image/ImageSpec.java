package dev.bulwark.cli.image;

import java.util.ArrayList;
import java.util.List;

/**
 * What the image is, in one place: where things go inside it, who runs it and how the JVM is started. The AOT cache
 * is trained with the same JVM options the image starts with, because the JVM only uses a cache made under the same
 * garbage collector and heap layout.
 */
final class ImageSpec {

    /** The Java runtime (jlinked from the build's JDK). */
    static final String JAVA_HOME = "/opt/java";
    /** Spring Boot's extracted layout: {@code <name>.jar} beside {@code lib/}. */
    static final String APP = "/app";
    /** Not root: the "nonroot" user of distroless images. */
    static final String USER = "65532:65532";
    /** The only folder the service writes to; a volume (emptyDir, tmpfs) when the root filesystem is read-only. */
    static final String TMP = "/tmp";

    static final int API_PORT = 8080;
    static final int MANAGEMENT_PORT = 8081;

    /**
     * Container-aware JVM options. The heap is a share of the container's memory limit: a fifth, 153 MiB under the
     * default 768 MiB limit. The rest is what the JVM needs beside the heap, measured at about 260-300 MB (the mapped
     * AOT cache, code cache, G1's own structures, metaspace, stacks; docs/performance.md#memory), with room to spare:
     * a 60 % heap let RSS grow towards 0.8 GB under load, and a third (253 MiB) ended the 10-minute soak at 475 MB.
     * With a fifth, and the C heap's free memory given back to the system every 30 s (on JDK 22+, where
     * TrimNativeHeapInterval is a product option; the JIT's arenas otherwise stay in the C heap after their peak), the
     * soak ended at 436-443 MB at the same throughput and CPU per answer (docs/performance.md, lever Y+Z). G1 is
     * named rather than left to ergonomics (which picks Serial below 2 CPUs or 1792 MB) so that the AOT cache trained
     * on the build machine matches. On JDK 25+, compact object headers (8 bytes instead of 12, JEP 519): less heap per
     * object; the image's runtime is linked from the JDK this runs on, so its version decides (docs/performance.md,
     * lever G: 20-40 MB less RSS under load). G1 starts its concurrent marking when the old generation reaches 70 % of
     * the heap instead of at a threshold it adapts: in a small heap the adaptive one settled below the old
     * generation's live data under load, and a marking cycle that freed next to nothing followed every third young
     * collection, 11 % of the JVM's CPU (lever N in docs/performance.md: 1.08-1.35x less CPU per GET /me answer,
     * shorter pauses). The JVM's own warnings go to stderr, so that stdout carries only the service's JSON lines
     * (JDK 25 warns there about two adapters it cannot take from the AOT cache, JDK-8364929, harmless and fixed in
     * 26).
     */
    static final List<String> JVM_OPTIONS = jvmOptions(Runtime.version().feature());

    static List<String> jvmOptions(int javaFeature) {
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxRAMPercentage=20");
        if (javaFeature >= 22) {
            options.add("-XX:TrimNativeHeapInterval=30000");
        }
        options.add("-XX:+UseG1GC");
        if (javaFeature >= 25) {
            options.add("-XX:+UseCompactObjectHeaders");
        }
        options.addAll(List.of(
                "-XX:-G1UseAdaptiveIHOP",
                "-XX:InitiatingHeapOccupancyPercent=70",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData",
                "-Xlog:disable",
                "-Xlog:all=warning:stderr",
                "-Djava.io.tmpdir=" + TMP));
        return List.copyOf(options);
    }

    /** The service starts from the code Spring AOT generated at build time ({@link SpringAot}). */
    static final String SPRING_AOT = "-Dspring.aot.enabled=true";

    private ImageSpec() {}

    /**
     * The container's command: java with the options above, the AOT cache and Spring AOT's code when the image has
     * them (both or neither), then the app.
     */
    static List<String> entrypoint(String jarName, boolean aotCache) {
        List<String> command = new ArrayList<>();
        command.add(JAVA_HOME + "/bin/java");
        command.addAll(JVM_OPTIONS);
        if (aotCache) {
            command.add("-XX:AOTCache=" + APP + "/" + aotCacheName(jarName));
            command.add(SPRING_AOT);
        }
        // Relative to the working directory /app, as in the training run: the cache records the class path as given
        // and the JVM ignores the cache when it differs.
        command.add("-jar");
        command.add(jarName);
        return command;
    }

    static String aotCacheName(String jarName) {
        return jarName.replaceFirst("\\.jar$", ".aot");
    }
}
