package dev.bulwark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/** Runs the other modules' {@link RequestGuard}s, answering the first refusal as a problem. */
class RequestGuardFilter extends OncePerRequestFilter {

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
                var body =
                        problems.of(problem.status(), problem.type(), problem.title(), problem.getMessage(), request);
                problem.extensions().forEach(body::setProperty);
                writer.write(body, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
