package dev.bulwark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the other modules' {@link RequestGuard}s, answering the first refusal as a problem, and answers a
 * {@link DependencyUnavailable} raised further down the chain (during authentication) with a 503 problem.
 */
class RequestGuardFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestGuardFilter.class);

    private final List<RequestGuard> guards;
    private final ProblemWriter writer;
    private final Problems problems;

    RequestGuardFilter(List<RequestGuard> guards, ProblemWriter writer, Problems problems) {
        this.guards = List.copyOf(guards);
        this.writer = writer;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (RequestGuard guard : guards) {
            Optional<ApiProblem> refusal = guard.check(request, response);
            if (refusal.isPresent()) {
                ApiProblem problem = refusal.get();
                problem.headers().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
                writer.write(problems.of(problem, request), response);
                return;
            }
        }
        try {
            chain.doFilter(request, response);
        } catch (DependencyUnavailable unavailable) {
            // Answered here rather than thrown to the container, which would log a stack trace per request for the
            // whole outage. Typically Redis down during token revocation checks: fail closed, say it is temporary.
            log.atWarn().addKeyValue("event", "dependency.unavailable").log(unavailable.getMessage());
            if (!response.isCommitted()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                writer.reject(
                        request,
                        response,
                        StandardProblem.SERVICE_UNAVAILABLE,
                        StandardProblem.SERVICE_UNAVAILABLE.detail);
            }
        }
    }
}
