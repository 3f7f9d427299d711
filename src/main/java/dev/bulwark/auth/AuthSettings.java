package dev.bulwark.auth;

/** Names of the auth module's settings that other modules check (the production guard in ops). */
public final class AuthSettings {

    /** RSA private keys that sign access tokens; production refuses to start without one. */
    public static final String SIGNING_KEYS = "bulwark.auth.signing-keys";

    /** The same, as an environment variable. */
    public static final String SIGNING_KEYS_ENV = "BULWARK_AUTH_SIGNINGKEYS";

    private AuthSettings() {}
}
