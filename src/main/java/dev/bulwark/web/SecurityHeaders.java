package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The security headers, defined here only: the security filter chains write them on every response they pass
 * (errors included), and Tomcat's error valve on the responses it answers itself. A header a controller already set
 * (its own Cache-Control, say) is left as it is.
 */
final class SecurityHeaders implements HeaderWriter {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // Swagger UI and ReDoc inject inline styles; ReDoc runs its search in a blob: worker. Scripts stay 'self' only.
    static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String PERMISSIONS_POLICY =
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /** What an API response carries. */
    static final SecurityHeaders API = new SecurityHeaders(API_CSP);

    /** The documentation pages: the same, with the CSP they need to render. */
    static final SecurityHeaders DOCS = new SecurityHeaders(DOCS_CSP);

    private final Map<String, String> headers = new LinkedHashMap<>();

    private SecurityHeaders(String csp) {
        headers.put("Content-Security-Policy", csp);
        // On every response: TLS usually ends at a proxy, so requests look like plain HTTP here, and browsers
        // ignore HSTS that arrives over plain HTTP anyway.
        headers.put("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-XSS-Protection", "0"); // the legacy filter is itself exploitable; the CSP does its job
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Permissions-Policy", PERMISSIONS_POLICY);
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        // Responses may carry personal data or tokens: never cached unless a controller says otherwise.
        headers.put("Cache-Control", "no-store");
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        applyTo(response);
    }

    void applyTo(HttpServletResponse response) {
        headers.forEach((name, value) -> {
            if (!response.containsHeader(name)) {
                response.setHeader(name, value);
            }
        });
    }
}
