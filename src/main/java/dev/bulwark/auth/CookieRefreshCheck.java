package dev.bulwark.auth;

import dev.bulwark.web.WebProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Decides whether a refresh that uses the cookie may come from where it comes from. SameSite=Strict alone is not
 * enough: a sibling subdomain is the same site. So a cookie refresh must be JSON (a cross-origin JSON POST needs a
 * CORS preflight, which only allowlisted origins pass; a form or a bodiless {@code fetch} is a "simple" request that
 * needs none), must not be marked {@code Sec-Fetch-Site: cross-site}, and an {@code Origin}, when sent, must be this
 * service's own or one in {@code bulwark.web.cors.allowed-origins}. A {@code *} there allows no cookie refresh: a
 * wildcard is for public reads, never for credentials.
 */
@Component
class CookieRefreshCheck {

    private final List<String> allowedOrigins;

    CookieRefreshCheck(WebProperties web) {
        this.allowedOrigins = web.cors().allowedOrigins();
    }

    /** @throws AuthProblems.CrossSiteRefresh when a browser may have been made to send this by another site */
    void check(HttpServletRequest request) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            throw new AuthProblems.CrossSiteRefresh("Sec-Fetch-Site: cross-site");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !allowedOrigins.contains(origin) && !isOwn(origin, request)) {
            throw new AuthProblems.CrossSiteRefresh("an Origin that is not allowed");
        }
        if (!isJson(request.getContentType())) {
            throw new AuthProblems.CrossSiteRefresh("no Content-Type: application/json");
        }
    }

    private static boolean isOwn(String origin, HttpServletRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        try {
            String authority = URI.create(origin).getRawAuthority();
            return host != null
                    && authority != null
                    && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    private static boolean isJson(@Nullable String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (org.springframework.http.InvalidMediaTypeException notAType) {
            return false;
        }
    }
}
