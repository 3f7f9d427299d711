package dev.bulwark.oidc;

import dev.bulwark.auth.BrowserSessions;
import dev.bulwark.web.ChainExtension;
import java.time.Clock;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * The API chain learns to authenticate browser sessions: {@link SessionAuthenticationFilter} after the bearer-token
 * filter, and Spring's CsrfFilter for every state-changing request that the session cookie would authenticate (a
 * request with a bearer token, or without a signed-in session, needs no CSRF token: a browser never adds those by
 * itself), with the Origin check of {@link OriginBoundCsrfTokens}.
 */
@Component
class BrowserSessionChain implements ChainExtension {

    private final BrowserSessions sessions;
    private final JwtDecoder decoder;
    private final JwtAuthenticationConverter authorities;
    private final ReturnTargets origins;
    private final CsrfTokenRepository csrfTokens;
    private final Clock clock;

    BrowserSessionChain(
            BrowserSessions sessions,
            JwtDecoder decoder,
            JwtAuthenticationConverter authorities,
            ReturnTargets origins,
            CsrfTokenRepository browserCsrfTokens,
            Clock clock) {
        this.sessions = sessions;
        this.decoder = decoder;
        this.authorities = authorities;
        this.origins = origins;
        this.csrfTokens = browserCsrfTokens;
        this.clock = clock;
    }

    @Override
    public List<String> authenticatedPaths() {
        return List.of("/auth/web/me", "/auth/web/refresh", "/auth/web/logout");
    }

    @Override
    public void extend(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new OriginBoundCsrfTokens(origins))
                        .requireCsrfProtectionMatcher(request -> SessionAuthenticationFilter.changesState(request)
                                && SessionAuthenticationFilter.signedIn(request) != null))
                .addFilterBefore(
                        new SessionAuthenticationFilter(sessions, decoder, authorities, clock),
                        AuthorizationFilter.class);
    }
}
