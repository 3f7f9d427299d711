package dev.bulwark.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * The CSRF token of a cookie-authenticated request counts only when the request comes from an allowed Origin (this
 * service or an allowed front end): a second check that needs no secret, for a token that leaked. The token is
 * compared as given ({@code X-CSRF-Token}), not XOR-masked: it is read from JSON, never rendered into a compressed
 * page (BREACH).
 */
final class OriginBoundCsrfTokens extends CsrfTokenRequestAttributeHandler {

    private final ReturnTargets origins;

    OriginBoundCsrfTokens(ReturnTargets origins) {
        this.origins = origins;
    }

    @Override
    public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        if (!origins.allowsOrigin(request.getHeader(HttpHeaders.ORIGIN))) {
            return null; // answered like a missing token: 403 csrf-failed
        }
        return super.resolveCsrfTokenValue(request, csrfToken);
    }
}
