package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.web.WebProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class UnsafeConfigurationTests {

    private static final String[] UNSAFE = {
        "--spring.datasource.url=",
        "--spring.datasource.password=changeme",
        "--bulwark.web.allowed-hosts=",
        "--bulwark.web.cors.allowed-origins=*",
        "--bulwark.web.cors.allow-credentials=true",
        "--server.port=0",
        "--management.server.port=0"
    };

    @Test
    void productionRefusesToStartAndNamesEveryProblem(CapturedOutput output) {
        SpringApplication app = new SpringApplicationBuilder(BulwarkApplication.class)
                .web(WebApplicationType.SERVLET)
                .build();
        assertThatThrownBy(() -> app.run(UNSAFE))
                .isInstanceOf(UnsafeConfigurationException.class)
                .satisfies(e -> assertThat(((UnsafeConfigurationException) e).problems())
                        .hasSize(5)
                        .anyMatch(p -> p.startsWith("bulwark.auth.signing-keys"))
                        .anyMatch(p -> p.startsWith("spring.datasource.url"))
                        .anyMatch(p -> p.startsWith("bulwark.web.allowed-hosts"))
                        .anyMatch(p -> p.contains("any origin ('*') together with credentials"))
                        .anyMatch(p -> p.startsWith("spring.datasource.password holds a placeholder")));
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Bulwark refused to start in production mode")
                .doesNotContain("changeme");
    }

    @Test
    void anInvalidSettingStopsTheStartNamingTheProperty() {
        SpringApplication app = new SpringApplicationBuilder(BulwarkApplication.class)
                .profiles("test")
                .build();
        assertThatThrownBy(() -> app.run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--bulwark.auth.access-token-ttl=1h",
                        "--bulwark.bootstrap.admin.email="))
                .satisfies(e -> {
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                    assertThat(messages.toString()).contains("bulwark.auth").contains("access-token-ttl");
                });
    }

    @Test
    void aCompleteProductionConfigurationHasNoProblems() {
        MockEnvironment environment = environment();
        assertThat(UnsafeSettings.in(environment, web(environment))).isEmpty();
    }

    @Test
    void placeholderSecretsAreFoundUnderAnyName() {
        MockEnvironment environment = environment()
                .withProperty("bulwark.mail.smtp-password", " CHANGEME ")
                .withProperty("bulwark.oidc.client-secret", "changethis")
                .withProperty("bulwark.description", "changeme"); // not a secret's name
        assertThat(UnsafeSettings.in(environment, web(environment)))
                .containsExactly(
                        "bulwark.mail.smtp-password holds a placeholder value: set a real secret.",
                        "bulwark.oidc.client-secret holds a placeholder value: set a real secret.");
    }

    @Test
    void localModeStartsAnywayWithABanner(CapturedOutput output) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("local");
        new UnsafeConfigurationGuard().onApplicationEvent(prepared(environment));
        assertThat(output.getOut()).contains("LOCAL MODE - NOT FOR PRODUCTION").contains("spring.datasource.url");
    }

    @Test
    void productionGuardThrowsForTheSameSettings() {
        assertThatThrownBy(() -> new UnsafeConfigurationGuard().onApplicationEvent(prepared(new MockEnvironment())))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("spring.datasource.url");
    }

    private static MockEnvironment environment() {
        return new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/app")
                .withProperty("bulwark.web.allowed-hosts", "api.example.com")
                .withProperty("bulwark.auth.signing-keys[0]", "file:/run/secrets/jwt.pem");
    }

    private static WebProperties web(MockEnvironment environment) {
        return Binder.get(environment).bindOrCreate("bulwark.web", WebProperties.class);
    }

    private static ApplicationPreparedEvent prepared(MockEnvironment environment) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        return new ApplicationPreparedEvent(new SpringApplication(), new String[0], context);
    }
}
