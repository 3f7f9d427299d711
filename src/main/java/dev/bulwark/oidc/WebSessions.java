package dev.bulwark.oidc;

import dev.bulwark.auth.BrowserSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.util.UriComponentsBuilder;

/** The signed-in browser session: its CSRF token, its rotation, its end. */
final class WebSessions {

    /** Both null when the caller is not a browser session (a bearer token). */
    record Current(@Nullable String csrfToken, @Nullable Instant expiresAt) {}

    /** Where to send the browser to end the provider's session too; null when the provider offers no such page. */
    record SignedOut(@Nullable URI logoutUrl) {}

    private final BrowserSessions sessions;
    private final CsrfTokenRepository csrfTokens;
    private final Providers providers;

    WebSessions(BrowserSessions sessions, CsrfTokenRepository csrfTokens, Providers providers) {
        this.sessions = sessions;
        this.csrfTokens = csrfTokens;
        this.providers = providers;
    }

    /** The session's CSRF token; with {@code rotate}, after a new session id and a new token. */
    Current current(HttpServletRequest request, HttpServletResponse response, boolean rotate) {
        SignedIn signedIn = SessionAuthenticationFilter.signedIn(request);
        if (signedIn == null) {
            return new Current(null, null);
        }
        CsrfToken token = rotate ? null : csrfTokens.loadToken(request);
        if (rotate) {
            request.changeSessionId();
        }
        if (token == null) {
            token = csrfTokens.generateToken(request);
            csrfTokens.saveToken(token, request, response);
        }
        return new Current(token.getToken(), signedIn.expiresAt());
    }

    /** Ends the browser session here; empty when the caller is not one. */
    Optional<SignedOut> signOut(HttpServletRequest request) {
        SignedIn signedIn = SessionAuthenticationFilter.signedIn(request);
        if (signedIn == null) {
            return Optional.empty();
        }
        sessions.end(signedIn.sessionId(), "logout");
        Objects.requireNonNull(request.getSession(false)).invalidate();
        return Optional.of(new SignedOut(providerLogout(signedIn.provider())));
    }

    /** OpenID RP-initiated logout, when the provider has an end-session endpoint. */
    private @Nullable URI providerLogout(String provider) {
        ClientRegistration registration;
        try {
            registration = providers.findByRegistrationId(provider);
        } catch (RuntimeException providerDown) {
            return null; // signed out here all the same
        }
        Object endpoint = registration == null
                ? null
                : registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endpoint == null) {
            return null;
        }
        return UriComponentsBuilder.fromUriString(endpoint.toString())
                .queryParam("client_id", registration.getClientId())
                .queryParam("post_logout_redirect_uri", providers.home())
                .encode()
                .build()
                .toUri();
    }
}
