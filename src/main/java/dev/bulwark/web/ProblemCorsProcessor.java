package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, with a refused cross-origin request answered by a 403 problem rather than plain text. */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemWriter writer;
    private final ThreadLocal<HttpServletRequest> current = new ThreadLocal<>();

    ProblemCorsProcessor(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public boolean processRequest(
            org.springframework.web.cors.@org.jspecify.annotations.Nullable CorsConfiguration config,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        current.set(request);
        try {
            return super.processRequest(config, request, response);
        } finally {
            current.remove();
        }
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
        writer.reject(
                current.get(),
                servletResponse,
                StandardProblem.FORBIDDEN,
                "This origin is not allowed to call the API.");
    }
}
