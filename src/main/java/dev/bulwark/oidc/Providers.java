package dev.bulwark.oidc;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The configured identity providers as Spring Security client registrations, each built from the provider's discovery
 * document on first use and rebuilt hourly: the service starts while a provider is down, and a provider that moves
 * an endpoint is followed. A failed discovery is not cached; the next sign-in tries again. Spring checks that the
 * document names the configured issuer.
 */
final class Providers implements ClientRegistrationRepository {

    static final String CALLBACK_PATH = "/auth/web/callback";

    private final OidcProperties properties;
    private final LoadingCache<String, ClientRegistration> registrations;

    Providers(OidcProperties properties) {
        this.properties = properties;
        this.registrations =
                Caffeine.newBuilder().refreshAfterWrite(Duration.ofHours(1)).build(this::discover);
    }

    /** The registration, or null for an id that is not configured (Spring's contract). */
    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!properties.providers().containsKey(registrationId)) {
            return null;
        }
        return registrations.get(registrationId);
    }

    Optional<OidcProperties.Provider> settings(String id) {
        return Optional.ofNullable(properties.providers().get(id));
    }

    /** The provider whose configured issuer is this one (back-channel logout tokens name only their issuer). */
    Optional<String> idOfIssuer(String issuer) {
        return properties.providers().entrySet().stream()
                .filter(entry -> entry.getValue().issuer().toString().equals(issuer))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    URI callback() {
        return URI.create(home() + CALLBACK_PATH.substring(1));
    }

    /** The base URL with one trailing slash: where the provider sends the browser after its logout. */
    String home() {
        return String.valueOf(properties.baseUrl()).replaceAll("/+$", "") + "/";
    }

    private ClientRegistration discover(String id) {
        OidcProperties.Provider provider = properties.providers().get(id);
        try {
            return ClientRegistrations.fromIssuerLocation(provider.issuer().toString())
                    .registrationId(id)
                    .clientName(provider.displayName() == null ? id : provider.displayName())
                    .clientId(provider.clientId())
                    .clientSecret(provider.clientSecret())
                    .scope(provider.scopes())
                    .redirectUri(callback().toString())
                    .build();
        } catch (RuntimeException unreachable) {
            throw new OidcProblems.ProviderUnavailable(unreachable);
        }
    }
}
