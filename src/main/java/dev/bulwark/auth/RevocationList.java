package dev.bulwark.auth;

import java.time.Instant;

/**
 * Sessions and single tokens that must stop working before their access tokens expire. Entries only need to live
 * until the longest access token issued before the revocation has expired; they vanish after that.
 */
interface RevocationList {

    void revokeSession(String sessionId, Instant until);

    void revokeToken(String jti, Instant until);

    /** Consulted on every authenticated request: must be cheap. */
    boolean isRevoked(String sessionId, String jti);
}
