package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.mock.env.MockEnvironment;

/**
 * Spring AOT fixes the beans at build time; the guard records the settings the conditions read and refuses a start
 * where one of them reads differently (the image's start: docs/performance.md#start-up).
 */
class BuildSettingsGuardTests {

    /**
     * A service in miniature: one bean behind a condition, nothing auto-configured. No
     * {@code @SpringBootConfiguration}: the other tests of this package would take it for the service's.
     */
    @Import(Feature.class)
    static class Miniature {
        public static void main(String[] args) {
            new SpringApplicationBuilder(Miniature.class)
                    .web(WebApplicationType.NONE)
                    .run(args);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("miniature.feature.enabled")
    static class Feature {
        @Bean
        String feature() {
            return "on";
        }
    }

    /** What this service refuses to start without in production mode; the AOT processing starts it that far. */
    private static final String[] PRODUCTION = {
        "--spring.datasource.url=jdbc:postgresql://build.invalid/bulwark",
        "--bulwark.web.allowed-hosts=build.invalid",
        "--bulwark.auth.signing-keys=file:/build.invalid.pem"
    };

    @TempDir
    Path output;

    @Test
    void springAotProcessingRecordsTheSettingsTheConditionsReadButNoValue() throws Exception {
        BuildSettings build = processed("--miniature.feature.enabled=secret-looking-value");

        assertThat(build.states())
                .containsEntry("miniature.feature.enabled", "value " + digestOf("secret-looking-value"))
                // Read by this service's own start-up (Redis activation, the production checks) before the beans
                // are defined: nothing Spring AOT fixes, so not compared.
                .doesNotContainKeys("bulwark.redis.url", "bulwark.web.allowed-hosts");
        assertThat(build.profiles()).isEmpty();
        assertThat(Files.readString(output.resolve("resources").resolve(BuildSettings.RESOURCE)))
                .doesNotContain("secret-looking-value");
    }

    @Test
    void aStartWithTheBuildsSettingsPassesAndOneThatWouldChangeTheBeansIsRefused() throws Exception {
        BuildSettings build = processed("--miniature.feature.enabled=true");

        assertThatCode(() -> BuildSettingsGuard.check(environment("miniature.feature.enabled", "true"), build))
                .doesNotThrowAnyException();
        MockEnvironment local = environment("miniature.feature.enabled", "true");
        local.setActiveProfiles("local");
        for (MockEnvironment changed :
                List.of(environment(), environment("miniature.feature.enabled", "false"), local)) {
            assertThatThrownBy(() -> BuildSettingsGuard.check(changed, build))
                    .isInstanceOf(BuildSettingsChanged.class)
                    .hasMessageContaining("Bulwark refused to start")
                    .satisfies(e -> assertThat(e.getMessage())
                            .containsAnyOf("  - miniature.feature.enabled", "  - the active profiles")
                            .doesNotContain("false"));
        }
    }

    @Test
    void locationsCountOnlyAsSetAndPortsOnlyAsWhetherManagementHasItsOwn() {
        List<String> names =
                List.of("bulwark.redis.url", "spring.datasource.url", "server.port", "management.server.port");
        BuildSettings build = BuildSettings.of(
                environment(
                        "bulwark.redis.url", "redis://build:6379",
                        "spring.datasource.url", "jdbc:postgresql://build.invalid/bulwark",
                        "server.port", "8080",
                        "management.server.port", "8081"),
                names);

        MockEnvironment deployed = environment(
                "bulwark.redis.url", "rediss://cache.internal:6380",
                "spring.datasource.url", "jdbc:postgresql://db.internal/orders",
                "server.port", "9000",
                "management.server.port", "9001");
        assertThatCode(() -> BuildSettingsGuard.check(deployed, build)).doesNotThrowAnyException();

        MockEnvironment noRedisOneServer = environment(
                "spring.datasource.url", "jdbc:postgresql://db.internal/orders",
                "server.port", "9000",
                "management.server.port", "9000");
        assertThatThrownBy(() -> BuildSettingsGuard.check(noRedisOneServer, build))
                .isInstanceOf(BuildSettingsChanged.class)
                .hasMessageContaining("  - bulwark.redis.url")
                .hasMessageContaining("  - management.server.port")
                .hasMessageContaining("  - server.port")
                .hasMessageNotContaining("spring.datasource.url")
                .hasMessageNotContaining("db.internal");
    }

    @Test
    void aSettingReadByItsPrefixCountsWhatIsSetBelowIt() {
        BuildSettings build = BuildSettings.of(environment(), List.of("bulwark.oidc.providers"));

        assertThat(build.states()).containsEntry("bulwark.oidc.providers", "absent");
        assertThatThrownBy(() -> BuildSettingsGuard.check(
                        environment("bulwark.oidc.providers.acme.issuer", "https://id.acme.test"), build))
                .isInstanceOf(BuildSettingsChanged.class)
                .hasMessageContaining("  - bulwark.oidc.providers");
    }

    @Test
    void aBuildWithSpringAotsCodeButNoRecordIsRefusedAndTheReportSaysHowToFixIt() {
        assertThatThrownBy(() -> BuildSettingsGuard.check(environment(), null))
                .isInstanceOf(BuildSettingsChanged.class)
                .satisfies(e -> {
                    FailureAnalysis analysis = new BuildSettingsFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription()).contains("no record of its settings");
                    assertThat(analysis.getAction())
                            .contains("./bulwark image --aot-settings FILE")
                            .contains("--no-aot-cache");
                });
    }

    @Test
    void theRecordReadsBackAsItWasWritten() throws Exception {
        MockEnvironment environment = environment("a.b", "x", "c[0]", "y=z");
        environment.setActiveProfiles("prüfung", "eu");
        BuildSettings build = BuildSettings.of(environment, List.of("a.b", "c[0]", "d"));

        assertThat(BuildSettings.read(new ByteArrayInputStream(build.write().getBytes(StandardCharsets.ISO_8859_1))))
                .isEqualTo(build);
        assertThat(build.write()).doesNotStartWith("#");
    }

    private BuildSettings processed(String... settings) throws Exception {
        String[] arguments = Stream.concat(Arrays.stream(PRODUCTION), Arrays.stream(settings))
                .toArray(String[]::new);
        AbstractAotProcessor.Settings where = AbstractAotProcessor.Settings.builder()
                .sourceOutput(output.resolve("sources"))
                .resourceOutput(output.resolve("resources"))
                .classOutput(output.resolve("classes"))
                .groupId("dev.bulwark")
                .artifactId("miniature")
                .build();
        new SpringApplicationAotProcessor(Miniature.class, where, arguments).process();
        try (InputStream record =
                Files.newInputStream(output.resolve("resources").resolve(BuildSettings.RESOURCE))) {
            return BuildSettings.read(record);
        }
    }

    private static MockEnvironment environment(String... pairs) {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.setProperty(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private static String digestOf(String value) {
        return BuildSettings.of(environment("x", value), List.of("x"))
                .states()
                .get("x")
                .substring("value ".length());
    }
}
