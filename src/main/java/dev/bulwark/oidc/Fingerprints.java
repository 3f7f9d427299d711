package dev.bulwark.oidc;

import dev.bulwark.common.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * The optional binding of a browser session to its client: a hash of the User-Agent. Not the IP address: mobile
 * networks and proxies change it within a session. It stops a cookie replayed from another kind of browser, not a
 * thief who copies the User-Agent too (docs/oidc.md weighs it).
 */
final class Fingerprints {

    private Fingerprints() {}

    static String of(HttpServletRequest request) {
        String userAgent = String.valueOf(request.getHeader(HttpHeaders.USER_AGENT));
        return Sha256.hex(userAgent);
    }
}
