package dev.bulwark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests that are wrong before any handler sees them: a Host outside the allowlist (DNS rebinding, cache
 * poisoning and password-reset link forgery all start with a forged Host) and a NUL byte in the query string
 * (PostgreSQL rejects {@code \u0000} in text, which would otherwise surface as a 500).
 */
class RequestHygieneFilter extends OncePerRequestFilter {

    private final Set<String> allowedHosts;
    private final Problems problems;
    private final ProblemWriter writer;

    RequestHygieneFilter(WebProperties properties, Problems problems, ProblemWriter writer) {
        this.allowedHosts = properties.allowedHosts().stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.problems = problems;
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!allowedHosts.isEmpty()
                && !allowedHosts.contains(request.getServerName().toLowerCase(Locale.ROOT))) {
            reject(
                    request,
                    response,
                    "invalid-host",
                    "Invalid host",
                    "The Host header names a host this service does not serve.");
            return;
        }
        String query = request.getQueryString();
        if (query != null
                && (query.indexOf('\0') >= 0 || query.toLowerCase(Locale.ROOT).contains("%00"))) {
            reject(
                    request,
                    response,
                    "invalid-parameter",
                    "Invalid parameter",
                    "Query parameters must not contain NUL characters.");
            return;
        }
        chain.doFilter(request, response);
    }

    private void reject(
            HttpServletRequest request, HttpServletResponse response, String type, String title, String detail)
            throws IOException {
        writer.write(
                problems.of(org.springframework.http.HttpStatus.BAD_REQUEST, type, title, detail, request), response);
    }
}
