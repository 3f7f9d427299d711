package dev.bulwark.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, read from the validated access token: the account ({@code sub}) and the session it belongs to
 * ({@code sid}). The claim names are defined here once: the auth module writes them, every controller reads them
 * through this type.
 */
public record Caller(UUID accountId, @Nullable UUID sessionId) {

    /** The claim that names the session (refresh-token family) a token was issued for. */
    public static final String SESSION_CLAIM = "sid";

    public static Caller of(Jwt token) {
        String sid = token.getClaimAsString(SESSION_CLAIM);
        return new Caller(UUID.fromString(token.getSubject()), sid == null ? null : UUID.fromString(sid));
    }

    /** The session, which every token this service issues names (the decoder refuses tokens without it). */
    public UUID requiredSessionId() {
        if (sessionId == null) {
            throw new IllegalStateException("The access token names no session");
        }
        return sessionId;
    }
}
