package dev.bulwark.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userAgent.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible); // every JDK has SHA-256
        }
    }
}
