package dev.bulwark.oidc;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.bulwark.auth.BrowserSessions;
import dev.bulwark.common.RefreshExecutor;
import dev.bulwark.web.PublicRoutes;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Browser sign-in, wired from Spring Security's OAuth2 client: every bean exists in every mode (the routes answer
 * {@code unknown-provider} while no provider is configured), so the API document and the access matrix always show
 * them. The session store and the filter-chain extension are in {@link BrowserSessionStore} and
 * {@link BrowserSessionChain}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfiguration {

    static final String CSRF_HEADER = "X-CSRF-Token";

    @Bean
    ProviderHttp providerHttp(OidcProperties properties) {
        return new ProviderHttp(properties.providerTimeout());
    }

    @Bean
    Providers oidcProviders(OidcProperties properties, ProviderHttp http, RefreshExecutor refresher, Clock clock) {
        return new Providers(properties, http, refresher::execute, clock);
    }

    @Bean
    ReturnTargets returnTargets(OidcProperties properties) {
        return new ReturnTargets(properties);
    }

    @Bean
    CsrfTokenRepository browserCsrfTokens() {
        HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
        tokens.setHeaderName(CSRF_HEADER);
        return tokens;
    }

    @Bean
    WebSignIn webSignIn(
            Providers providers,
            ProviderHttp http,
            ReturnTargets returnTargets,
            ExternalIdentities identities,
            BrowserSessions sessions,
            CsrfTokenRepository browserCsrfTokens,
            OidcProperties properties,
            Clock clock) {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(providers, "/auth/web/login");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new WebSignIn(
                providers,
                returnTargets,
                resolver,
                new HttpSessionOAuth2AuthorizationRequestRepository(),
                codeExchange(http),
                identities,
                sessions,
                browserCsrfTokens,
                properties,
                clock);
    }

    /**
     * Code for tokens at the provider's token endpoint (client secret, PKCE verifier), then the ID token checked:
     * RS256 signature by a key of the provider's JWKS (fetched, cached, refetched for an unknown kid), issuer,
     * audience, azp, expiry and issue time with 60 s of skew, nonce. The ID token's claims are enough: no user-info
     * call. Both calls to the provider have its timeouts ({@link ProviderHttp}).
     */
    private static AuthenticationProvider codeExchange(ProviderHttp http) {
        RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
        tokens.setRestClient(http.tokenEndpoint());
        OidcUserService users = new OidcUserService();
        users.setRetrieveUserInfo(request -> false);
        OidcAuthorizationCodeAuthenticationProvider exchange =
                new OidcAuthorizationCodeAuthenticationProvider(tokens, users);
        // One decoder per registration, so its JWKS cache lives as long as the registration (rediscovered hourly).
        LoadingCache<ClientRegistration, JwtDecoder> idTokens = Caffeine.newBuilder()
                .weakKeys()
                .build(registration -> {
                    NimbusJwtDecoder decoder = http.jwks(registration);
                    decoder.setJwtValidator(new OidcIdTokenValidator(registration));
                    decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
                    return decoder;
                });
        exchange.setJwtDecoderFactory(idTokens::get);
        return exchange;
    }

    @Bean
    WebSessions webSessions(BrowserSessions sessions, CsrfTokenRepository browserCsrfTokens, Providers providers) {
        return new WebSessions(sessions, browserCsrfTokens, providers);
    }

    @Bean
    LogoutTokens logoutTokens(Providers providers, ProviderHttp http, Clock clock) {
        return new LogoutTokens(providers, http, clock);
    }

    @Bean
    PublicRoutes browserSignInRoutes() {
        return PublicRoutes.of("/auth/web/login", "/auth/web/callback", "/auth/web/backchannel-logout");
    }
}
