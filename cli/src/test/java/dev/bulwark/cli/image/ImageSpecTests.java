package dev.bulwark.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageSpecTests {

    @Test
    void compactObjectHeadersOnlyWhereTheRuntimeHasThem() {
        // JDK 21 refuses the option (the JVM would not start); 24 has it only as an experiment.
        assertThat(ImageSpec.jvmOptions(21)).doesNotContain("-XX:+UseCompactObjectHeaders");
        assertThat(ImageSpec.jvmOptions(24)).doesNotContain("-XX:+UseCompactObjectHeaders");
        assertThat(ImageSpec.jvmOptions(25))
                .contains("-XX:+UseCompactObjectHeaders")
                .containsAll(ImageSpec.jvmOptions(21));
    }

    @Test
    void theHeapIsAFifthOfTheContainerAndTheCHeapIsTrimmedWhereTheOptionIsAProductOne() {
        // JDK 21 has TrimNativeHeapInterval only as an experiment (the JVM would refuse it without unlocking).
        assertThat(ImageSpec.jvmOptions(21))
                .contains("-XX:MaxRAMPercentage=20")
                .noneMatch(option -> option.startsWith("-XX:TrimNativeHeapInterval"));
        assertThat(ImageSpec.jvmOptions(22)).contains("-XX:TrimNativeHeapInterval=30000");
        assertThat(ImageSpec.jvmOptions(25)).contains("-XX:TrimNativeHeapInterval=30000");
    }

    @Test
    void theEntrypointIsTheRuntimesJavaWithTheImagesOptionsThenTheCacheAndSpringAotThenTheJar() {
        assertThat(ImageSpec.entrypoint("bulwark.jar", true))
                .startsWith("/opt/java/bin/java")
                .containsSubsequence(ImageSpec.JVM_OPTIONS)
                .endsWith("-XX:AOTCache=/app/bulwark.aot", "-Dspring.aot.enabled=true", "-jar", "bulwark.jar");
        assertThat(ImageSpec.entrypoint("bulwark.jar", false))
                .noneMatch(option -> option.startsWith("-XX:AOTCache"))
                .noneMatch(option -> option.startsWith("-Dspring.aot"));
    }
}
