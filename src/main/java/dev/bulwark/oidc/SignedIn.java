package dev.bulwark.oidc;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the server-side session holds for a signed-in browser (Spring Session serialises it to JDBC or Redis): the
 * auth session it is, and when it must end whatever its use. No identity-provider token is kept.
 *
 * @param fingerprint hash of the User-Agent it signed in with, when fingerprint binding is on
 */
record SignedIn(
        UUID sessionId,
        UUID accountId,
        String provider,
        Instant expiresAt,
        @Nullable String fingerprint) implements Serializable {

    static final String ATTRIBUTE = "bulwark.oidc.signed-in";

    /**
     * The short-lived access token the server holds for the session and authorizes each request with, exactly as a
     * bearer token; replaced shortly before it expires.
     */
    record HeldToken(String value, Instant expiresAt) implements Serializable {

        static final String ATTRIBUTE = "bulwark.oidc.token";
    }
}
