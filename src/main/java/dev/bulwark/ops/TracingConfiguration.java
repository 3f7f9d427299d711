package dev.bulwark.ops;

import io.micrometer.observation.ObservationFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What request spans carry (docs/operations.md#tracing). Spring's server observation records the raw path as
 * {@code http.url}; the span keeps the route template ({@code uri}) only, as the access log does, so ids or tokens a
 * path may hold stay out of exported traces. Headers, query strings and bodies are never recorded.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    ObservationFilter routeTemplateOnly() {
        return context -> {
            if (context instanceof ServerRequestObservationContext) {
                context.removeHighCardinalityKeyValue("http.url");
            }
            return context;
        };
    }
}
