package dev.bulwark.oidc;

import dev.bulwark.auth.BrowserSessions;
import dev.bulwark.web.DependencyUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its browser session when it carries no {@code Authorization} header: the session's held
 * access token goes through the same decoder (signature, expiry, revocation) and the same authority mapping as a
 * bearer token, so both reach the same routes under the same checks. A session past its absolute lifetime, bound to
 * another User-Agent, or whose auth session was revoked is ended here. CSRF token and Origin are checked earlier in
 * the chain, by Spring's CsrfFilter ({@link OriginBoundCsrfTokens}).
 */
final class SessionAuthenticationFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final BrowserSessions sessions;
    private final JwtDecoder decoder;
    private final Converter<Jwt, ? extends AbstractAuthenticationToken> authorities;
    private final Clock clock;

    SessionAuthenticationFilter(
            BrowserSessions sessions,
            JwtDecoder decoder,
            Converter<Jwt, ? extends AbstractAuthenticationToken> authorities,
            Clock clock) {
        this.sessions = sessions;
        this.decoder = decoder;
        this.authorities = authorities;
        this.clock = clock;
    }

    /** The signed-in state of the request's session, or null: what makes a request cookie-authenticated. */
    static @Nullable SignedIn signedIn(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return null; // a bearer token decides, never both
        }
        try {
            HttpSession session = request.getSession(false);
            return session == null ? null : (SignedIn) session.getAttribute(SignedIn.ATTRIBUTE);
        } catch (DataAccessException storeDown) { // Redis or the database: 503, like a revocation check without Redis
            throw new DependencyUnavailable("browser session store", storeDown);
        }
    }

    static boolean changesState(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SignedIn signedIn = signedIn(request);
        if (signedIn != null) {
            HttpSession session = Objects.requireNonNull(request.getSession(false));
            Optional<Jwt> token = token(request, session, signedIn);
            if (token.isEmpty()) {
                session.invalidate();
            } else {
                AbstractAuthenticationToken authentication = Objects.requireNonNull(authorities.convert(token.get()));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<Jwt> token(HttpServletRequest request, HttpSession session, SignedIn signedIn) {
        if (!clock.instant().isBefore(signedIn.expiresAt())
                || (signedIn.fingerprint() != null && !signedIn.fingerprint().equals(Fingerprints.of(request)))) {
            sessions.end(signedIn.sessionId(), "browser-session-ended");
            return Optional.empty();
        }
        SignedIn.HeldToken held = (SignedIn.HeldToken) session.getAttribute(SignedIn.HeldToken.ATTRIBUTE);
        if (held == null || !clock.instant().plus(RENEW_BEFORE).isBefore(held.expiresAt())) {
            Optional<BrowserSessions.Token> fresh = sessions.token(signedIn.sessionId());
            if (fresh.isEmpty()) {
                return Optional.empty();
            }
            held = new SignedIn.HeldToken(fresh.get().value(), fresh.get().expiresAt());
            session.setAttribute(SignedIn.HeldToken.ATTRIBUTE, held);
        }
        try {
            return Optional.of(decoder.decode(held.value()));
        } catch (BadJwtException revokedOrExpired) {
            return Optional.empty();
        }
    }
}
