package dev.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ./bulwark launcher's argument handling (what it does for 'run' and 'test' is exercised by CI itself). */
class LauncherTests {

    record Result(int exitCode, String output) {}

    @Test
    void helpPrintsUsageAndSucceeds() throws Exception {
        Result result = launch("help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.output())
                .contains("Usage: ./bulwark <command>")
                .contains("run")
                .contains("test [--fast]");
    }

    @Test
    void unknownCommandPrintsUsageAndFails() throws Exception {
        Result result = launch("deploy");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown command 'deploy'").contains("Usage:");
    }

    @Test
    void unknownFlagPrintsUsageAndFails() throws Exception {
        Result result = launch("run", "--fast");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unexpected argument '--fast'").contains("Usage:");
    }

    @Test
    void testTakesOnlyTheFastFlag() throws Exception {
        Result result = launch("test", "--all");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unexpected argument '--all'").contains("Usage:");
    }

    @Test
    void missingJdkIsExplained() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source <(sed '$d' ./bulwark); HOME=/nonexistent; " + "jdk_version() { echo 17; }; find_jdk")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", "/nonexistent");
        Result result = run(builder);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("no JDK 21 or newer found").contains("install one");
    }

    @Test
    void aJdk21OrNewerIsFoundWithoutJavaHome() throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder("bash", "-c", "source <(sed '$d' ./bulwark); find_jdk").redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        Result result = run(builder);
        assertThat(result.exitCode()).isZero();
        ProcessBuilder version =
                new ProcessBuilder(result.output().strip() + "/bin/java", "-version").redirectErrorStream(true);
        assertThat(run(version).output()).containsPattern("version \"(2[1-9]|[3-9][0-9])");
    }

    private static Result launch(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "./bulwark"));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command).redirectErrorStream(true));
    }

    private static Result run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
