package dev.bulwark.web;

import java.util.Map;

/** Header values shared by the security filter chains and by Tomcat's own error responses. */
final class SecurityHeaders {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // Swagger UI and ReDoc inject inline styles; ReDoc runs its search in a blob: worker. Scripts stay 'self' only.
    static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String PERMISSIONS_POLICY =
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /** What an API response carries. */
    static final Map<String, String> API = Map.of(
            "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains",
            "Content-Security-Policy", API_CSP,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Permissions-Policy", PERMISSIONS_POLICY,
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Cache-Control", "no-store");

    private SecurityHeaders() {}
}
