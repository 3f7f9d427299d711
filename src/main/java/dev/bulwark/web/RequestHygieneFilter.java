package dev.bulwark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests that are wrong before any handler sees them: a Host outside the allowlist (DNS rebinding, cache
 * poisoning and password-reset link forgery all start with a forged Host) and a malformed query string (see
 * {@link QueryStrings}).
 */
class RequestHygieneFilter extends OncePerRequestFilter {

    private final Set<String> allowedHosts;
    private final ProblemWriter writer;
    private final IntSupplier managementPort;

    RequestHygieneFilter(WebProperties properties, ProblemWriter writer, IntSupplier managementPort) {
        this.allowedHosts = properties.allowedHosts().stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.writer = writer;
        this.managementPort = managementPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!allowedHosts.isEmpty()
                && request.getLocalPort() != managementPort.getAsInt()
                && !allowedHosts.contains(request.getServerName().toLowerCase(Locale.ROOT))) {
            writer.reject(
                    request,
                    response,
                    StandardProblem.INVALID_HOST,
                    "The Host header names a host this service does not serve.");
            return;
        }
        String queryProblem = QueryStrings.problemWith(request.getQueryString());
        if (queryProblem != null) {
            writer.reject(request, response, StandardProblem.INVALID_PARAMETER, queryProblem);
            return;
        }
        chain.doFilter(request, response);
    }
}
