/**
 * Sign-in: the password sign-in use case ({@link dev.bulwark.auth.SignIn}: hashing place, throttle, credentials,
 * session), per-account sign-in throttling, JWT access tokens, rotating refresh tokens grouped in sessions, logout,
 * session list and revoke, signing keys and the JWKS endpoint, and the revocation list consulted on every
 * authenticated request.
 *
 * <p>Public surface: {@link dev.bulwark.auth.AuthSettings} (setting names the production guard checks) and
 * {@link dev.bulwark.auth.BrowserSessions} (sessions of browsers the oidc module signs in, authorized with access tokens
 * the server holds). Otherwise it answers the account module's events and serves HTTP.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"access", "account", "audit", "common", "web"})
package dev.bulwark.auth;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
