package dev.bulwark.oidc;

import dev.bulwark.IntegrationTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application with browser sign-in through {@link TestIdentityProvider}; subclasses share one context. */
@IntegrationTest
abstract class OidcIntegrationTest {

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("bulwark.oidc.base-url", () -> Browser.ORIGIN);
        registry.add("bulwark.oidc.providers.mock.issuer", TestIdentityProvider::issuer);
        registry.add("bulwark.oidc.providers.mock.client-id", () -> TestIdentityProvider.CLIENT_ID);
        registry.add("bulwark.oidc.providers.mock.client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
        registry.add("bulwark.oidc.providers.mock.roles-claim", () -> "groups");
        registry.add("bulwark.oidc.providers.mock.role-mapping.admins", () -> "ADMIN");
    }
}
