package dev.bulwark.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/** The browser's refresh-token cookie: HttpOnly, Secure, SameSite=Strict, sent only to the refresh route. */
final class RefreshCookie {

    static final String NAME = "bulwark_refresh";
    static final String PATH = AuthController.REFRESH;
    /** Where cookies issued before the path was narrowed live: cleared whenever the cookie is written. */
    static final String LEGACY_PATH = "/api/v1/auth";

    private RefreshCookie() {}

    /** The cookie on the refresh route, and the end of any cookie an older version left on the wider path. */
    static void write(HttpServletResponse response, String value, Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(value, maxAge, PATH));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, LEGACY_PATH));
    }

    private static String cookie(String value, Duration maxAge, String path) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path(path)
                .maxAge(maxAge)
                .build()
                .toString();
    }
}
