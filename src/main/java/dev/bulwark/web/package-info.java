/**
 * Cross-cutting HTTP: RFC 9457 problem responses, request ids, access log, security headers, CORS, the Host allowlist
 * and request body limits. Every other module builds on it; it depends on none.
 *
 * <p>Public surface: {@link dev.bulwark.web.PublicRoutes} (how a module declares routes that need no authentication),
 * {@link dev.bulwark.web.ApiProblem} (the base of domain exceptions that map to a problem response),
 * {@link dev.bulwark.web.Page} and {@link dev.bulwark.web.Cursors} (keyset pagination with signed cursors),
 * {@link dev.bulwark.web.CursorKey} and {@link dev.bulwark.web.WebProperties} (the {@code bulwark.web.*} settings).
 */
@NullMarked
package dev.bulwark.web;

import org.jspecify.annotations.NullMarked;
