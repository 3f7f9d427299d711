package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The filters that run inside the security chains (after the header writer, so their refusals carry the security
 * headers too). They are not beans, so the servlet container does not register them a second time.
 */
@Component
class WebFilters {

    private final WebProperties properties;
    private final Problems problems;
    private final ProblemWriter writer;

    WebFilters(WebProperties properties, Problems problems, ProblemWriter writer) {
        this.properties = properties;
        this.problems = problems;
        this.writer = writer;
    }

    RequestHygieneFilter hygiene() {
        return new RequestHygieneFilter(properties, problems, writer);
    }

    BodySizeLimitFilter bodyLimit() {
        return new BodySizeLimitFilter(properties, problems, writer);
    }

    CorsFilter cors() {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        WebProperties.Cors cors = properties.cors();
        if (!cors.allowedOrigins().isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            if (cors.allowsAnyOrigin()) {
                configuration.setAllowedOriginPatterns(List.of("*")); // refused in production with credentials
            } else {
                configuration.setAllowedOrigins(cors.allowedOrigins());
            }
            configuration.setAllowedMethods(cors.allowedMethods());
            configuration.setAllowedHeaders(cors.allowedHeaders());
            configuration.setExposedHeaders(cors.exposedHeaders());
            configuration.setAllowCredentials(cors.allowCredentials());
            configuration.setMaxAge(cors.maxAge());
            source.registerCorsConfiguration("/api/**", configuration);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(this));
        return filter;
    }

    void reject(HttpServletRequest request, HttpServletResponse response, StandardProblem problem, String detail)
            throws IOException {
        writer.write(problems.of(problem, detail, request), response);
    }
}
