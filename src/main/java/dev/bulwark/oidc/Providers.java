package dev.bulwark.oidc;

import dev.bulwark.common.Refreshing;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The configured identity providers as Spring Security client registrations, each built from the provider's discovery
 * document on first use and read again hourly in the background: the service starts while a provider is down, and a
 * provider that moves an endpoint is followed. The document must name the configured issuer exactly.
 *
 * <p>A failed discovery is not kept: the next sign-in tries again. Sign-ins that arrive while one discovery runs wait
 * for it and share its outcome, a failure included, so a provider that hangs costs each of them one
 * {@code provider-timeout}, not one per sign-in queued before it. A failed hourly read keeps the last registration.
 */
final class Providers implements ClientRegistrationRepository {

    static final String CALLBACK_PATH = "/auth/web/callback";

    static final Duration REDISCOVER = Duration.ofHours(1);

    private final OidcProperties properties;
    private final ProviderHttp http;
    private final Map<String, Refreshing<ClientRegistration>> registrations;

    Providers(OidcProperties properties, ProviderHttp http, Executor refresher, Clock clock) {
        this.properties = properties;
        this.http = http;
        this.registrations = properties.providers().keySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Function.identity(),
                        id -> Refreshing.snapshot("oidc.discovery", () -> discover(id), REDISCOVER, refresher, clock)));
    }

    /** The registration, or null for an id that is not configured (Spring's contract). */
    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        Refreshing<ClientRegistration> registration = registrations.get(registrationId);
        if (registration == null) {
            return null;
        }
        try {
            return registration.get();
        } catch (RuntimeException unreachable) {
            throw new OidcProblems.ProviderUnavailable(unreachable);
        }
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
        Map<String, Object> document = http.discovery(provider.issuer());
        Object issuer = document.get("issuer");
        if (!provider.issuer().toString().equals(issuer)) {
            throw new IllegalStateException("The discovery document of provider '" + id + "' names the issuer '"
                    + issuer + "', not the configured " + provider.issuer());
        }
        return ClientRegistrations.fromOidcConfiguration(document)
                .registrationId(id)
                .clientName(provider.displayName() == null ? id : provider.displayName())
                .clientId(provider.clientId())
                .clientSecret(provider.clientSecret())
                .scope(provider.scopes())
                .redirectUri(callback().toString())
                .build();
    }
}
