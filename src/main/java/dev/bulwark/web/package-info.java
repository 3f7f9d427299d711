/**
 * Cross-cutting HTTP: RFC 9457 problem responses, request ids, access log, security headers, CORS, the Host allowlist,
 * request body limits and the security filter chains. Every other module builds on it; it depends on none.
 *
 * <p>Public surface:
 *
 * <ul>
 *   <li>errors: {@link dev.bulwark.web.ApiProblem} (the base of domain exceptions that become problem responses),
 *       {@link dev.bulwark.web.Busy} (503, retry after 1-3 s drawn at random),
 *       {@link dev.bulwark.web.TooManyRequests} (429 with Retry-After, the answer of every limit),
 *       {@link dev.bulwark.web.DependencyUnavailable} (503, a database or Redis is unreachable);
 *   <li>routes and callers: {@link dev.bulwark.web.PublicRoutes} (routes that need no authentication),
 *       {@link dev.bulwark.web.Caller} (account and session of the validated token; owns the claim names),
 *       {@link dev.bulwark.web.RequestGuard} (checks run before authentication, e.g. rate limits),
 *       {@link dev.bulwark.web.ClientAddresses} (the client IP, trusting only configured proxies),
 *       {@link dev.bulwark.web.LogFields} (names of the per-request log fields);
 *   <li>inputs and lists: {@link dev.bulwark.web.Inputs} (portable request-field patterns),
 *       {@link dev.bulwark.web.Timestamps} (instants and dates from requests), {@link dev.bulwark.web.Keyset} (the one
 *       keyset-page helper every list uses), {@link dev.bulwark.web.Page} (its response) and
 *       {@link dev.bulwark.web.CursorKey} (the secret that signs its cursors);
 *   <li>settings: {@link dev.bulwark.web.WebProperties} ({@code bulwark.web.*}).
 * </ul>
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.bulwark.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
