package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.web.WebProperties;
import java.util.stream.Stream;
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

    /** Every refusal, a weak bootstrap password included, is one report: no "Application run failed", no trace. */
    @Test
    void aRefusedStartPrintsOneReportNamingEachProblemWithItsFix(CapturedOutput output) {
        SpringApplication app = new SpringApplicationBuilder(BulwarkApplication.class)
                .web(WebApplicationType.SERVLET)
                .build();
        String[] args = Stream.concat(
                        Stream.of(UNSAFE),
                        Stream.of(
                                "--bulwark.bootstrap.admin.email=root@example.com",
                                "--bulwark.bootstrap.admin.password=letmein1"))
                .toArray(String[]::new);
        assertThatThrownBy(() -> app.run(args))
                .isInstanceOf(UnsafeConfigurationException.class)
                .satisfies(e -> assertThat(((UnsafeConfigurationException) e).problems())
                        .hasSize(6));
        String printed = output.getOut() + output.getErr();
        assertThat(printed.split("APPLICATION FAILED TO START", -1)).hasSize(2);
        assertThat(printed)
                .contains("Bulwark refused to start in production mode:")
                .contains("  - spring.datasource.url (SPRING_DATASOURCE_URL) is not set: production needs a PostgreSQL")
                .contains("  - bulwark.web.allowed-hosts (BULWARK_WEB_ALLOWEDHOSTS) is empty: list the host names")
                .contains("  - bulwark.web.cors allows any origin ('*') together with credentials: list the allowed")
                .contains(
                        "  - bulwark.auth.signing-keys (BULWARK_AUTH_SIGNINGKEYS) is empty: production needs at least")
                .contains("  - spring.datasource.password holds a placeholder value: set a real secret.")
                .contains("  - bulwark.bootstrap.admin.password (BULWARK_BOOTSTRAP_ADMIN_PASSWORD) is refused by the"
                        + " password policy (The password is one of the 10,000 most common passwords.): choose a"
                        + " passphrase of 8 to 128 characters")
                .contains("run locally with './bulwark run'")
                .doesNotContain("Application run failed")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("\\tat ") // a stack trace in the JSON log
                .doesNotContain("letmein1")
                .doesNotContain("changeme");
    }

    @Test
    void localModeStillRefusesABootstrapAdminItCouldNotCreate() {
        MockEnvironment weak = new MockEnvironment()
                .withProperty("bulwark.bootstrap.admin.email", "root@example.com")
                .withProperty("bulwark.bootstrap.admin.password", "short");
        weak.setActiveProfiles("local");
        assertThatThrownBy(() -> new UnsafeConfigurationGuard().onApplicationEvent(prepared(weak)))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageStartingWith("Bulwark refused to start:")
                .hasMessageContaining("must be at least 8 characters long")
                .hasMessageNotContaining("spring.datasource.url"); // relaxed in local mode
        MockEnvironment unreadable = environment()
                .withProperty("bulwark.bootstrap.admin.email", "root@example.com")
                .withProperty("bulwark.bootstrap.admin.password-file", "/nonexistent/admin-password");
        assertThatThrownBy(() -> new UnsafeConfigurationGuard().onApplicationEvent(prepared(unreadable)))
                .isInstanceOf(UnsafeConfigurationException.class)
                .satisfies(e -> assertThat(((UnsafeConfigurationException) e).problems())
                        .containsExactly("bulwark.bootstrap.admin.password-file (BULWARK_BOOTSTRAP_ADMIN_PASSWORDFILE)"
                                + " cannot be read: name a readable file that holds the admin's password."));
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
    void switchesThatRemoveADefenceAreRefusedNamingTheFix() {
        MockEnvironment environment = environment()
                .withProperty("bulwark.auth.revocation-fail-open", "true")
                .withProperty("bulwark.web.trusted-proxies", "10.0.0.0/8, ::/0")
                .withProperty("server.forward-headers-strategy", "native")
                .withProperty("bulwark.redis.url", "redis://default:ChangeMe@redis:6379")
                .withProperty("spring.data.redis.url", "rediss://changethis@redis:6380");
        assertThat(UnsafeSettings.in(environment, web(environment)))
                .containsExactly(
                        "bulwark.auth.revocation-fail-open is true: remove it; while Redis is down signed-out tokens"
                                + " would work again.",
                        "bulwark.web.trusted-proxies contains a /0 range (0.0.0.0/0 or ::/0): list only your"
                                + " proxies' addresses, or every client chooses its own address.",
                        "server.forward-headers-strategy is 'native': set it to none; Bulwark reads X-Forwarded-For"
                                + " itself, from bulwark.web.trusted-proxies only.",
                        "bulwark.redis.url holds a placeholder password: set a real Redis password.",
                        "spring.data.redis.url holds a placeholder password: set a real Redis password.");
        MockEnvironment ipv4Everything = environment().withProperty("bulwark.web.trusted-proxies", "0.0.0.0/0");
        assertThat(UnsafeSettings.in(ipv4Everything, web(ipv4Everything)))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("bulwark.web.trusted-proxies contains a /0 range");
    }

    @Test
    void realRedisPasswordsAndTheDefaultStrategyPass() {
        MockEnvironment environment = environment()
                .withProperty("bulwark.redis.url", "redis://default:k3J9-long-random@redis:6379")
                .withProperty("server.forward-headers-strategy", "NONE")
                .withProperty("bulwark.web.trusted-proxies", "10.0.0.0/8");
        assertThat(UnsafeSettings.in(environment, web(environment))).isEmpty();
        assertThat(UnsafeSettings.warnings(environment)).isEmpty();
    }

    /** Benchmarks run production with rate limits off, so that is a loud warning, not a refusal. */
    @Test
    void rateLimitsOffStartsWithALoudWarning(CapturedOutput output) {
        MockEnvironment environment = environment().withProperty("bulwark.protection.rate-limits-enabled", "false");
        new UnsafeConfigurationGuard().onApplicationEvent(prepared(environment));
        assertThat(output.getOut() + output.getErr())
                .contains("UNSAFE SETTING: bulwark.protection.rate-limits-enabled is false");
    }

    /** API docs are opt-in in production; the test profile and local mode switch them on. */
    @Test
    void productionServesNoApiDocsUnlessAskedTo() throws Exception {
        var yaml = new org.springframework.boot.env.YamlPropertySourceLoader()
                .load("application", new org.springframework.core.io.ClassPathResource("application.yaml"));
        assertThat(yaml.getFirst().getProperty("springdoc.api-docs.enabled")).hasToString("false");
        assertThat(yaml.getFirst().getProperty("server.forward-headers-strategy"))
                .hasToString("none");
        var local = new org.springframework.boot.env.YamlPropertySourceLoader()
                .load("local", new org.springframework.core.io.ClassPathResource("application-local.yaml"));
        assertThat(local.getFirst().getProperty("springdoc.api-docs.enabled")).hasToString("true");
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
