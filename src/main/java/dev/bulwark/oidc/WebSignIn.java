package dev.bulwark.oidc;

import dev.bulwark.account.AccountView;
import dev.bulwark.auth.BrowserSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * The authorization code flow, on Spring Security's pieces: the resolver makes the request (state, nonce, PKCE S256),
 * the session-backed repository keeps it for this browser only and gives it back once, the OIDC provider exchanges the
 * code and validates the ID token (signature with the provider's keys, RS256 only, issuer, audience, azp, expiry,
 * nonce). Around them: the return target, the RFC 9207 {@code iss} check, the local account and a new session id.
 */
final class WebSignIn {

    static final String RETURN_TO = "bulwark.oidc.return-to";
    private static final Logger log = LoggerFactory.getLogger(WebSignIn.class);

    private final Providers providers;
    private final ReturnTargets returnTargets;
    private final OAuth2AuthorizationRequestResolver resolver;
    private final AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests;
    private final AuthenticationProvider codeExchange;
    private final ExternalIdentities identities;
    private final BrowserSessions sessions;
    private final CsrfTokenRepository csrfTokens;
    private final OidcProperties properties;
    private final Clock clock;

    WebSignIn(
            Providers providers,
            ReturnTargets returnTargets,
            OAuth2AuthorizationRequestResolver resolver,
            AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests,
            AuthenticationProvider codeExchange,
            ExternalIdentities identities,
            BrowserSessions sessions,
            CsrfTokenRepository csrfTokens,
            OidcProperties properties,
            Clock clock) {
        this.providers = providers;
        this.returnTargets = returnTargets;
        this.resolver = resolver;
        this.requests = requests;
        this.codeExchange = codeExchange;
        this.identities = identities;
        this.sessions = sessions;
        this.csrfTokens = csrfTokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a sign-in: the URL of the provider's authorization endpoint to send the browser to. */
    String start(HttpServletRequest request, HttpServletResponse response, String provider, @Nullable String returnTo) {
        if (providers.findByRegistrationId(provider) == null) {
            throw new OidcProblems.UnknownProvider();
        }
        String target = returnTargets.check(returnTo);
        OAuth2AuthorizationRequest authorization = Objects.requireNonNull(resolver.resolve(request, provider));
        requests.saveAuthorizationRequest(authorization, request, response);
        request.getSession().setAttribute(RETURN_TO, target);
        return authorization.getAuthorizationRequestUri();
    }

    /**
     * Completes a sign-in at the callback: where to send the browser. Any refusal ends the browser's session, so a
     * failed or forged callback leaves nothing behind.
     */
    String complete(HttpServletRequest request, HttpServletResponse response) {
        try {
            return signIn(request, response);
        } catch (RuntimeException refused) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            throw refused;
        }
    }

    private String signIn(HttpServletRequest request, HttpServletResponse response) {
        // Given back once: a replayed or foreign state finds nothing.
        OAuth2AuthorizationRequest authorization = requests.removeAuthorizationRequest(request, response);
        if (authorization == null) {
            throw refused("unknown-state");
        }
        String provider = Objects.requireNonNull(authorization.getAttribute(OAuth2ParameterNames.REGISTRATION_ID));
        ClientRegistration registration = Objects.requireNonNull(providers.findByRegistrationId(provider));
        AuthorizationResponses.checkIssuer(request, registration);
        OidcUser user = exchange(request, registration, authorization);
        OidcProperties.Provider settings = providers.settings(provider).orElseThrow();
        AccountView account = identities.accountFor(settings, user.getIdToken());
        HttpSession session = request.getSession();
        String returnTo = (String) Objects.requireNonNull(session.getAttribute(RETURN_TO));
        session.removeAttribute(RETURN_TO);
        request.changeSessionId(); // no fixation: the id the browser had before sign-in is worth nothing after it
        var started = sessions.start(
                account,
                deviceLabel(registration, request),
                properties.session().absoluteTimeout());
        identities.recordSignIn(started, user.getIdToken());
        session.setAttribute(
                SignedIn.ATTRIBUTE,
                new SignedIn(
                        started,
                        account.id(),
                        provider,
                        clock.instant().plus(properties.session().absoluteTimeout()),
                        properties.session().fingerprint() ? Fingerprints.of(request) : null));
        csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
        log.atInfo()
                .addKeyValue("event", "oidc.sign_in")
                .addKeyValue("provider", provider)
                .addKeyValue("userId", account.id())
                .log("Browser signed in through an identity provider");
        return returnTo;
    }

    private OidcUser exchange(
            HttpServletRequest request, ClientRegistration registration, OAuth2AuthorizationRequest authorization) {
        OAuth2AuthorizationResponse response = AuthorizationResponses.of(request, authorization.getRedirectUri());
        try {
            OAuth2LoginAuthenticationToken result =
                    (OAuth2LoginAuthenticationToken) codeExchange.authenticate(new OAuth2LoginAuthenticationToken(
                            registration, new OAuth2AuthorizationExchange(authorization, response)));
            return (OidcUser) Objects.requireNonNull(result).getPrincipal();
        } catch (OAuth2AuthenticationException e) {
            throw refused(e.getError().getErrorCode());
        }
    }

    private static String deviceLabel(ClientRegistration registration, HttpServletRequest request) {
        return "Browser via " + registration.getClientName() + ": "
                + String.valueOf(request.getHeader(HttpHeaders.USER_AGENT));
    }

    /** The reason goes to the log only; the browser gets the one sign-in-failed answer. */
    static OidcProblems.SignInFailed refused(String reason) {
        log.atWarn()
                .addKeyValue("event", "oidc.sign_in_refused")
                .addKeyValue("reason", reason)
                .log("Browser sign-in refused");
        return new OidcProblems.SignInFailed();
    }
}
