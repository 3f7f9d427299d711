package dev.bulwark.oidc;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every call this service makes to an identity provider (discovery, the token endpoint, the JWKS) goes through one
 * HTTP client with a connect and a read timeout ({@code bulwark.oidc.provider-timeout}). A provider that hangs costs a
 * sign-in that long; Spring's own clients would wait 30 s for discovery and without limit for the token endpoint and
 * the JWKS. Redirects are not followed.
 */
final class ProviderHttp {

    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final JdkClientHttpRequestFactory requests;
    private final RestClient json;

    ProviderHttp(Duration timeout) {
        this.requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.json = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * The provider's discovery document, read from the issuer's path without its trailing slashes followed by
     * {@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0, section 4).
     */
    Map<String, Object> discovery(URI issuer) {
        String path = Objects.requireNonNullElse(issuer.getRawPath(), "").replaceAll("/+$", "");
        URI location = UriComponentsBuilder.fromUri(issuer)
                .replacePath(path + DISCOVERY_PATH)
                .build(true)
                .toUri();
        return Objects.requireNonNull(
                json.get().uri(location).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {}),
                "discovery document");
    }

    /** For the code exchange: what Spring's token response client uses by default, with these timeouts. */
    RestClient tokenEndpoint() {
        return RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    /**
     * A decoder of tokens signed with RS256 by a key of the provider's JWKS, which it fetches with these timeouts,
     * caches, and fetches again for an unknown key id. The caller adds the validators.
     */
    NimbusJwtDecoder jwks(ClientRegistration registration) {
        return NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(new RestTemplate(requests))
                .build();
    }
}
