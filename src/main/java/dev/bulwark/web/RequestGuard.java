package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * A check every request passes before authentication, contributed by another module (rate limiting). It may set
 * response headers; a refusal is answered with its problem (and the problem's headers) by the web layer, with the
 * usual security headers.
 */
public interface RequestGuard {

    Optional<ApiProblem> check(HttpServletRequest request, HttpServletResponse response);
}
