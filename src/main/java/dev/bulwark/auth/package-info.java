/**
 * Sign-in: login, JWT access tokens, rotating refresh tokens grouped in sessions, logout, session list and revoke,
 * signing keys and the JWKS endpoint, and the revocation list consulted on every authenticated request.
 *
 * <p>No public surface: it answers the account module's events and otherwise serves HTTP only.
 */
@NullMarked
package dev.bulwark.auth;

import org.jspecify.annotations.NullMarked;
