package dev.bulwark.web;

import java.util.List;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
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
    private final ProblemWriter writer;
    private final Problems problems;
    private final List<RequestGuard> guards;
    private volatile int managementPort = -1;

    WebFilters(WebProperties properties, ProblemWriter writer, Problems problems, List<RequestGuard> guards) {
        this.properties = properties;
        this.writer = writer;
        this.problems = problems;
        this.guards = guards;
    }

    RequestGuardFilter guards() {
        return new RequestGuardFilter(guards, writer, problems);
    }

    ProblemWriter writer() {
        return writer;
    }

    RequestHygieneFilter hygiene() {
        return new RequestHygieneFilter(properties, writer, () -> managementPort);
    }

    /** Spring Security guards the management port too; probes there use the pod's IP as Host. */
    @EventListener
    void on(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = event.getWebServer().getPort();
        }
    }

    BodySizeLimitFilter bodyLimit() {
        return new BodySizeLimitFilter(properties, writer);
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
        filter.setCorsProcessor(new ProblemCorsProcessor(writer));
        return filter;
    }
}
