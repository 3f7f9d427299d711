/**
 * Browser sign-in through the organisation's identity provider: an OIDC backend-for-frontend under {@code /auth/web/*}.
 * The server is the confidential client (authorization code flow with PKCE, state and nonce, on Spring Security's
 * OAuth2 client); the browser holds one opaque {@code __Host-} session cookie (Spring Session: JDBC, or Redis when it is
 * configured). A signed-in browser session is an auth-module session ({@link dev.bulwark.auth.BrowserSessions}): each
 * request is authorized with a short-lived access token the server holds, exactly like a bearer token. External
 * identities (issuer and subject) link to local accounts created on first sign-in. Off until a provider is configured.
 *
 * <p>Public surface: {@link dev.bulwark.oidc.OidcSettings} (what production refuses, for the ops module's guard).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"account", "auth", "common", "web"})
package dev.bulwark.oidc;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
