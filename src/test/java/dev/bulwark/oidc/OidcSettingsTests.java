package dev.bulwark.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.BulwarkApplication;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/** What production refuses in browser sign-in settings, and where {@code return_to} may lead. */
class OidcSettingsTests {

    private static MockEnvironment provider() {
        return new MockEnvironment()
                .withProperty("bulwark.oidc.base-url", "https://api.example.com")
                .withProperty("bulwark.oidc.providers.corp.issuer", "https://sso.example.com/realms/corp")
                .withProperty("bulwark.oidc.providers.corp.client-id", "bulwark")
                .withProperty("bulwark.oidc.providers.corp.client-secret", "a-real-secret-from-the-store");
    }

    @Test
    void aSafeConfigurationAndNoProviderAtAllAreAccepted() {
        assertThat(OidcSettings.problemsIn(provider())).isEmpty();
        assertThat(OidcSettings.problemsIn(new MockEnvironment())).isEmpty();
        assertThat(OidcSettings.problemsIn(provider()
                        .withProperty("bulwark.oidc.base-url", "http://localhost:8080")
                        .withProperty("bulwark.oidc.providers.corp.issuer", "http://localhost:58080/realms/dev")))
                .as("plain http on this machine: a dev IdP")
                .isEmpty();
    }

    @Test
    void eachUnsafeSettingIsNamedWithItsFix() {
        MockEnvironment unsafe = provider()
                .withProperty("bulwark.oidc.base-url", "http://api.example.com")
                .withProperty("bulwark.oidc.allowed-return-origins", "https://*.example.com")
                .withProperty("bulwark.oidc.providers.corp.issuer", "http://sso.example.com/realms/corp")
                .withProperty("bulwark.oidc.providers.corp.client-secret", "")
                .withProperty("bulwark.oidc.providers.corp.scopes", "profile,email")
                .withProperty("bulwark.oidc.session.same-site", "None")
                .withProperty("bulwark.oidc.session.secure-cookie", "false");
        List<String> problems = OidcSettings.problemsIn(unsafe);
        assertThat(problems)
                .hasSize(6)
                .anyMatch(
                        p -> p.startsWith("bulwark.oidc.base-url (BULWARK_OIDC_BASEURL) must be this service's https"))
                .anyMatch(p -> p.startsWith("bulwark.oidc.allowed-return-origins holds 'https://*.example.com'"))
                .anyMatch(p -> p.startsWith("bulwark.oidc.providers.corp.issuer is 'http://sso.example.com"))
                .anyMatch(p -> p.startsWith("bulwark.oidc.providers.corp.client-secret is not set"))
                .anyMatch(p -> p.startsWith("bulwark.oidc.providers.corp.scopes lacks 'openid'"))
                .anyMatch(p -> p.startsWith("bulwark.oidc.session.same-site is None while secure-cookie is false"));
    }

    @Test
    void productionRefusesToStartWithAnUnsafeProvider() {
        SpringApplication app = new SpringApplicationBuilder(BulwarkApplication.class)
                .web(WebApplicationType.SERVLET)
                .build();
        assertThatThrownBy(() -> app.run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--bulwark.oidc.base-url=https://api.example.com",
                        "--bulwark.oidc.providers.corp.issuer=http://sso.example.com/realms/corp",
                        "--bulwark.oidc.providers.corp.client-id=bulwark"))
                .isInstanceOf(IllegalStateException.class) // ops.UnsafeConfigurationException
                .hasMessageContaining("bulwark.oidc.providers.corp.issuer")
                .hasMessageContaining("bulwark.oidc.providers.corp.client-secret");
    }

    @Test
    void returnToIsAPathHereOrAUrlOnAnAllowedOrigin() {
        OidcProperties properties = new OidcProperties(
                URI.create("https://api.example.com"),
                List.of(URI.create("https://app.example.com")),
                java.util.Map.of(),
                new OidcProperties.Session(
                        java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12), "Lax", true, false),
                java.time.Duration.ofSeconds(5));
        ReturnTargets targets = new ReturnTargets(properties);
        assertThat(targets.check(null)).isEqualTo("/");
        assertThat(targets.check("/app/orders?id=7#top")).isEqualTo("/app/orders?id=7#top");
        assertThat(targets.check("https://app.example.com/after")).isEqualTo("https://app.example.com/after");
        assertThat(targets.check("https://API.example.com:443/x")).isEqualTo("https://API.example.com:443/x");
        for (String refused : List.of(
                "//evil.example.com/x",
                "/\\evil.example.com",
                "https://evil.example.com/",
                "https://app.example.com.evil.example/",
                "http://app.example.com/",
                "https://user@app.example.com/",
                "javascript:alert(1)",
                "/path with space",
                "/tab\there",
                "/" + "a".repeat(ReturnTargets.MAX_LENGTH))) {
            assertThatThrownBy(() -> targets.check(refused))
                    .as(refused)
                    .isInstanceOf(OidcProblems.InvalidReturnTo.class);
        }
        assertThat(targets.allowsOrigin("https://app.example.com")).isTrue();
        assertThat(targets.allowsOrigin("https://api.example.com")).isTrue();
        assertThat(targets.allowsOrigin("https://evil.example.com")).isFalse();
        assertThat(targets.allowsOrigin("null")).isFalse();
        assertThat(targets.allowsOrigin(null)).isFalse();
    }
}
